package vn.gov.portal.citizen;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.UserFacingException;

@Controller
class CatalogController {

    private final ProcedureCatalog catalog;

    CatalogController(ProcedureCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping({"/", "/procedures"})
    String catalog(Model model) {
        model.addAttribute("procedures", catalog.all());
        return "citizen/catalog";
    }

    @GetMapping("/procedures/{code}")
    String procedure(@PathVariable String code, Model model) {
        model.addAttribute("procedure", catalog.find(code).orElseThrow(UserFacingException::notFound));
        model.addAttribute("catalog", catalog);
        return "citizen/procedure";
    }
}
