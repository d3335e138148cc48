package vn.gov.portal.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's own login page: citizens go to the e-ID provider, officers to the staff provider. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
