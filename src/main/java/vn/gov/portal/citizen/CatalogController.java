package vn.gov.portal.citizen;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import vn.gov.portal.catalog.LifeEvent;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureSearch;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/** The catalogue (search, life-event groups) and the page of one procedure. Public: no login needed to look. */
@Controller
class CatalogController {

    private final ProcedureCatalog catalog;
    private final Dossiers dossiers;

    CatalogController(ProcedureCatalog catalog, Dossiers dossiers) {
        this.catalog = catalog;
        this.dossiers = dossiers;
    }

    @GetMapping({"/", "/procedures"})
    String catalog(@RequestParam(name = "q", required = false) String query,
                   @RequestParam(name = "event", required = false) String event, Model model) {
        String q = query == null ? "" : query.strip();
        if (q.length() > ProcedureSearch.MAX_QUERY_LENGTH) {
            q = q.substring(0, ProcedureSearch.MAX_QUERY_LENGTH);
        }
        Optional<LifeEvent> lifeEvent = Optional.ofNullable(event).filter(e -> !e.isBlank()).flatMap(LifeEvent::fromId);
        if (event != null && !event.isBlank() && lifeEvent.isEmpty()) {
            model.addAttribute("unknownEvent", true);
        }
        List<ProcedureDefinition> found = ProcedureSearch.search(catalog.all(), q).stream()
                .filter(p -> lifeEvent.isEmpty() || p.event() == lifeEvent.get()).toList();
        model.addAttribute("query", q);
        model.addAttribute("event", lifeEvent.orElse(null));
        model.addAttribute("searching", !q.isEmpty());
        model.addAttribute("found", found);
        model.addAttribute("groups", ProcedureSearch.byLifeEvent(found));
        model.addAttribute("allGroups", ProcedureSearch.byLifeEvent(catalog.all()));
        return "citizen/catalog";
    }

    @GetMapping("/procedures/{code}")
    String procedure(@PathVariable String code, PortalUser user, Model model) {
        ProcedureDefinition procedure = catalog.find(code).orElseThrow(UserFacingException::notFound);
        model.addAttribute("procedure", procedure);
        model.addAttribute("catalog", catalog);
        model.addAttribute("draft", dossiers.draftOf(user, code).orElse(null));
        return "citizen/procedure";
    }
}
