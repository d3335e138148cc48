package vn.gov.portal.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import vn.gov.portal.audit.AuditChain;

/** The audit chain check for admins (/admin/** is admins only): the page, and the check on demand. */
@Controller
class AuditChainController {

    private final AuditChain chain;

    AuditChainController(AuditChain chain) {
        this.chain = chain;
    }

    @GetMapping("/admin/audit")
    String page() {
        return "admin/audit";
    }

    /** A POST because the check reads the whole log: not something a link or a crawler should start. */
    @PostMapping("/admin/audit/verify")
    String verify(Model model) {
        model.addAttribute("result", chain.verify());
        return "admin/audit";
    }
}
