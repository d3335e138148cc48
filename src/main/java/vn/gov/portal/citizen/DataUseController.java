package vn.gov.portal.citizen;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.gov.portal.audit.PersonalDataUse;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.identity.PortalUser;

/** The citizen's "who used my data": only ever the logged-in citizen's own record. */
@Controller
class DataUseController {

    private final PersonalDataUse dataUse;
    private final ProcedureCatalog catalog;

    DataUseController(PersonalDataUse dataUse, ProcedureCatalog catalog) {
        this.dataUse = dataUse;
        this.catalog = catalog;
    }

    @GetMapping("/my/data-use")
    String list(@RequestParam(defaultValue = "0") int page, PortalUser citizen, Model model) {
        model.addAttribute("uses", dataUse.of(citizen.subject(), page));
        model.addAttribute("catalog", catalog);
        return "citizen/data-use";
    }
}
