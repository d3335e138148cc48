package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.reference.InvalidInput;
import vn.gov.portal.reference.StaffAccount;
import vn.gov.portal.reference.StaffAccounts;

/** Staff accounts: the list, a new account, an account's page (details, active flag, roles per agency). */
@Controller
class StaffAdminController {

    private static final String BASE = "/admin/reference/staff";

    private final StaffAccounts staff;
    private final ReferenceForms forms;

    StaffAdminController(StaffAccounts staff, ReferenceForms forms) {
        this.staff = staff;
        this.forms = forms;
    }

    @GetMapping(BASE)
    String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        int p = Math.max(0, Math.min(page, 10_000));
        List<StaffAccount> found = staff.list(q, p);
        model.addAttribute("q", q);
        model.addAttribute("accounts", found.stream().limit(StaffAccounts.PAGE_SIZE).toList());
        model.addAttribute("page", p);
        model.addAttribute("hasNext", found.size() > StaffAccounts.PAGE_SIZE);
        return "admin/reference/staff";
    }

    @GetMapping(BASE + "/new")
    String newAccount(Model model) {
        model.addAttribute("form", new StaffAccounts.Form("", "", "", false));
        return "admin/reference/staff-new";
    }

    @PostMapping(BASE)
    String create(PortalUser admin, @RequestParam(required = false) String username,
                  @RequestParam(required = false) String fullName, @RequestParam(required = false) String email,
                  @RequestParam(name = "admin", defaultValue = "false") boolean makeAdmin, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        StaffAccounts.Form form = new StaffAccounts.Form(username, fullName, email, makeAdmin);
        try {
            StaffAccount created = staff.create(admin.username(), form);
            forms.notice(redirect, locale, "reference.staff.created", created.username());
            return "redirect:" + BASE + "/" + created.username();
        } catch (InvalidInput e) {
            forms.refused(e, model, locale, response);
            model.addAttribute("form", form);
            return "admin/reference/staff-new";
        }
    }

    @GetMapping(BASE + "/{username}")
    String show(@PathVariable String username, Model model) {
        StaffAccount account = staff.find(username).orElseThrow(UserFacingException::notFound);
        model.addAttribute("form", new StaffAccounts.Form(account.username(), account.fullName(), account.email(),
                account.isAdmin()));
        return page(account, model);
    }

    @PostMapping(BASE + "/{username}")
    String update(@PathVariable String username, PortalUser admin, @RequestParam(required = false) String fullName,
                  @RequestParam(required = false) String email, @RequestParam(name = "admin", defaultValue = "false") boolean makeAdmin,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        StaffAccount account = staff.find(username).orElseThrow(UserFacingException::notFound);
        StaffAccounts.Form form = new StaffAccounts.Form(username, fullName, email, makeAdmin);
        try {
            staff.update(admin.username(), username, form).orElseThrow(UserFacingException::notFound);
            forms.notice(redirect, locale, "reference.staff.saved", username);
            return "redirect:" + BASE + "/" + username;
        } catch (InvalidInput e) {
            forms.refused(e, model, locale, response);
            model.addAttribute("form", form);
            return page(account, model);
        }
    }

    @PostMapping(BASE + "/{username}/active")
    String setActive(@PathVariable String username, PortalUser admin, @RequestParam boolean active, Model model,
                     Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        StaffAccount account = staff.find(username).orElseThrow(UserFacingException::notFound);
        try {
            staff.setActive(admin.username(), username, active).orElseThrow(UserFacingException::notFound);
            forms.notice(redirect, locale, active ? "reference.staff.reactivated" : "reference.staff.deactivated", username);
            return "redirect:" + BASE + "/" + username;
        } catch (InvalidInput e) {
            return refused(account, e, model, locale, response);
        }
    }

    @PostMapping(BASE + "/{username}/roles")
    String addRole(@PathVariable String username, PortalUser admin, @RequestParam(required = false) String unitCode,
                   @RequestParam(required = false) String role, Model model, Locale locale,
                   HttpServletResponse response, RedirectAttributes redirect) {
        StaffAccount account = staff.find(username).orElseThrow(UserFacingException::notFound);
        try {
            staff.addRole(admin.username(), username, unitCode, role).orElseThrow(UserFacingException::notFound);
            forms.notice(redirect, locale, "reference.staff.roleAdded", username);
            return "redirect:" + BASE + "/" + username;
        } catch (InvalidInput e) {
            model.addAttribute("roleUnitCode", unitCode);
            model.addAttribute("roleChosen", role);
            return refused(account, e, model, locale, response);
        }
    }

    @PostMapping(BASE + "/{username}/roles/remove")
    String removeRole(@PathVariable String username, PortalUser admin, @RequestParam long agency,
                      @RequestParam String role, Locale locale, RedirectAttributes redirect) {
        staff.removeRole(admin.username(), username, agency, role).orElseThrow(UserFacingException::notFound);
        forms.notice(redirect, locale, "reference.staff.roleRemoved", username);
        return "redirect:" + BASE + "/" + username;
    }

    private String refused(StaffAccount account, InvalidInput e, Model model, Locale locale,
                           HttpServletResponse response) {
        forms.refused(e, model, locale, response);
        model.addAttribute("form", new StaffAccounts.Form(account.username(), account.fullName(), account.email(),
                account.isAdmin()));
        return page(account, model);
    }

    private String page(StaffAccount account, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("roles", staff.roles(account.username()));
        model.addAttribute("roleNames", List.of("RECEIVER", "HANDLER", "APPROVER"));
        return "admin/reference/staff-member";
    }
}
