package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.reference.AdminUnits;
import vn.gov.portal.reference.Agencies;
import vn.gov.portal.reference.AgencyForm;
import vn.gov.portal.reference.InvalidInput;

/** Agencies: the filtered list, a new agency, an agency's page with its edit form. */
@Controller
class AgencyAdminController {

    private final Agencies agencies;
    private final AdminUnits units;
    private final ReferenceForms forms;

    AgencyAdminController(Agencies agencies, AdminUnits units, ReferenceForms forms) {
        this.agencies = agencies;
        this.units = units;
        this.forms = forms;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("kinds", agencies.kinds());
        model.addAttribute("provinces", units.provinces());
    }

    @GetMapping("/admin/reference/agencies")
    String list(@RequestParam(required = false) String kind, @RequestParam(required = false) String province,
                @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        Agencies.Filter filter = new Agencies.Filter(kind, province, q);
        int p = Math.max(0, Math.min(page, 10_000));
        List<Agency> found = agencies.list(filter, p);
        model.addAttribute("filter", filter);
        model.addAttribute("agencies", found.stream().limit(Agencies.PAGE_SIZE).toList());
        model.addAttribute("page", p);
        model.addAttribute("hasNext", found.size() > Agencies.PAGE_SIZE);
        return "admin/reference/agencies";
    }

    @GetMapping("/admin/reference/agencies/new")
    String newAgency(Model model) {
        model.addAttribute("form", AgencyForm.empty());
        return "admin/reference/agency";
    }

    @PostMapping("/admin/reference/agencies")
    String create(PortalUser admin, AgencyForm form, Model model, Locale locale, HttpServletResponse response,
                  RedirectAttributes redirect) {
        try {
            Agency created = agencies.create(admin.username(), form);
            forms.notice(redirect, locale, "reference.agency.created", created.name(locale));
            return "redirect:/admin/reference/agencies/" + created.id();
        } catch (InvalidInput e) {
            forms.refused(e, model, locale, response);
            model.addAttribute("form", form);
            return "admin/reference/agency";
        }
    }

    @GetMapping("/admin/reference/agencies/{id}")
    String show(@PathVariable long id, Model model) {
        Agency agency = agencies.find(id).orElseThrow(UserFacingException::notFound);
        model.addAttribute("form", new AgencyForm(agency.kind(), agency.nameVi(), agency.nameEn(),
                agency.provinceCode(), agency.communeCode(), agency.unitCode()));
        return edit(agency, model);
    }

    @PostMapping("/admin/reference/agencies/{id}")
    String update(@PathVariable long id, PortalUser admin, AgencyForm form, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Agency agency = agencies.find(id).orElseThrow(UserFacingException::notFound);
        try {
            Agency after = agencies.update(admin.username(), id, form).orElseThrow(UserFacingException::notFound);
            forms.notice(redirect, locale, "reference.agency.saved", after.name(locale));
            return "redirect:/admin/reference/agencies/" + id;
        } catch (InvalidInput e) {
            forms.refused(e, model, locale, response);
            model.addAttribute("form", form);
            return edit(agency, model);
        }
    }

    private String edit(Agency agency, Model model) {
        model.addAttribute("agency", agency);
        model.addAttribute("unitCodeFixed", agencies.hasIssuedReceipts(agency));
        return "admin/reference/agency";
    }
}
