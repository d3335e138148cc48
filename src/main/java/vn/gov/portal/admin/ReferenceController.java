package vn.gov.portal.admin;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.gov.portal.reference.ReferenceHistory;

/** The reference-data home and the history of its changes. */
@Controller
class ReferenceController {

    private final ReferenceHistory history;

    ReferenceController(ReferenceHistory history) {
        this.history = history;
    }

    @GetMapping("/admin/reference")
    String home() {
        return "admin/reference/home";
    }

    @GetMapping("/admin/reference/history")
    String history(@RequestParam(defaultValue = "0") int page, Model model) {
        int p = Math.max(0, Math.min(page, 10_000));
        List<ReferenceHistory.Change> changes = history.page(p);
        model.addAttribute("changes", changes.stream().limit(ReferenceHistory.PAGE_SIZE).toList());
        model.addAttribute("page", p);
        model.addAttribute("hasNext", changes.size() > ReferenceHistory.PAGE_SIZE);
        return "admin/reference/history";
    }
}
