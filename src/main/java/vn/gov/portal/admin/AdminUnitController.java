package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
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
import vn.gov.portal.population.AdminUnit;
import vn.gov.portal.reference.AdminUnits;
import vn.gov.portal.reference.InvalidInput;

/** Administrative units: a province and its communes, renaming one, adding a commune. */
@Controller
class AdminUnitController {

    private static final String BASE = "/admin/reference/units";

    private final AdminUnits units;
    private final ReferenceForms forms;

    AdminUnitController(AdminUnits units, ReferenceForms forms) {
        this.units = units;
        this.forms = forms;
    }

    @GetMapping(BASE)
    String list(@RequestParam(required = false) String province, Model model) {
        AdminUnit chosen = province == null || province.isBlank() ? null
                : units.find(province).filter(u -> u.parentCode() == null).orElseThrow(UserFacingException::notFound);
        return page(chosen, model);
    }

    @PostMapping(BASE + "/{code}")
    String rename(@PathVariable String code, PortalUser admin, @RequestParam(required = false) String name,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        AdminUnit unit = units.find(code).orElseThrow(UserFacingException::notFound);
        AdminUnit province = unit.parentCode() == null ? unit : units.find(unit.parentCode()).orElseThrow();
        try {
            AdminUnit renamed = units.rename(admin.username(), code, name).orElseThrow(UserFacingException::notFound);
            forms.notice(redirect, locale, "reference.unit.renamed", renamed.code(), renamed.name());
            return "redirect:" + BASE + "?province=" + province.code();
        } catch (InvalidInput e) {
            forms.refused(e, model, locale, response);
            model.addAttribute("renaming", code);
            model.addAttribute("typedName", name);
            return page(province, model);
        }
    }

    @PostMapping(BASE)
    String addCommune(PortalUser admin, @RequestParam(required = false) String province,
                      @RequestParam(required = false) String code, @RequestParam(required = false) String name,
                      Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            AdminUnit added = units.addCommune(admin.username(), province, code, name);
            forms.notice(redirect, locale, "reference.unit.added", added.code(), added.name());
            return "redirect:" + BASE + "?province=" + added.parentCode();
        } catch (InvalidInput e) {
            forms.refused(e, model, locale, response);
            model.addAttribute("typedCode", code);
            model.addAttribute("typedName", name);
            AdminUnit chosen = province == null ? null
                    : units.find(province).filter(u -> u.parentCode() == null).orElse(null);
            return page(chosen, model);
        }
    }

    private String page(AdminUnit province, Model model) {
        model.addAttribute("provinces", units.provinces());
        model.addAttribute("province", province);
        java.util.List<AdminUnit> shown = new java.util.ArrayList<>();
        if (province != null) {
            shown.add(province);
            shown.addAll(units.communesOf(province.code()));
        }
        model.addAttribute("units", shown);
        return "admin/reference/units";
    }
}
