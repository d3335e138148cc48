package vn.gov.portal.citizen;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.PopulationRegister;

@Controller
class MyDossiersController {

    private final Dossiers dossiers;
    private final ProcedureCatalog catalog;
    private final PopulationRegister register;
    private final Clock clock;

    MyDossiersController(Dossiers dossiers, ProcedureCatalog catalog, PopulationRegister register, Clock clock) {
        this.dossiers = dossiers;
        this.catalog = catalog;
        this.register = register;
        this.clock = clock;
    }

    @GetMapping("/my/dossiers")
    String list(PortalUser citizen, Model model) {
        model.addAttribute("dossiers", dossiers.ofCitizen(citizen));
        model.addAttribute("catalog", catalog);
        model.addAttribute("today", LocalDate.now(clock));
        return "citizen/my-dossiers";
    }

    @GetMapping("/my/dossiers/{id}")
    String show(@PathVariable UUID id, PortalUser citizen, Model model) {
        Dossier dossier = dossiers.forCitizen(citizen, id);
        model.addAttribute("dossier", dossier);
        model.addAttribute("procedure", catalog.get(dossier.procedureCode(), dossier.procedureVersion()));
        model.addAttribute("timeline", dossiers.timeline(dossier));
        model.addAttribute("units", register.units());
        model.addAttribute("today", LocalDate.now(clock));
        return "citizen/dossier";
    }
}
