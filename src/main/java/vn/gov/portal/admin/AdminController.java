package vn.gov.portal.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administration home: links to each part an admin maintains. Only admins reach /admin (SecurityConfig). */
@Controller
class AdminController {

    @GetMapping("/admin")
    String home() {
        return "admin/home";
    }
}
