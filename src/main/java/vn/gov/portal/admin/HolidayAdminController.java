package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.reference.Holiday;
import vn.gov.portal.reference.Holidays;
import vn.gov.portal.reference.InvalidInput;

/** The holiday calendar of a year: its days off and weekend days worked in lieu, adding one, removing one. */
@Controller
class HolidayAdminController {

    private static final String BASE = "/admin/reference/holidays";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Holidays holidays;
    private final ReferenceForms forms;

    HolidayAdminController(Holidays holidays, ReferenceForms forms) {
        this.holidays = holidays;
        this.forms = forms;
    }

    @GetMapping(BASE)
    String year(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? LocalDate.now().getYear() : year;
        if (y < Holidays.FIRST_YEAR || y > Holidays.LAST_YEAR) {
            throw UserFacingException.notFound();
        }
        return page(y, model);
    }

    @PostMapping(BASE)
    String add(PortalUser admin, @RequestParam(required = false) String day,
               @RequestParam(required = false) String nameVi, @RequestParam(required = false) String nameEn,
               @RequestParam(defaultValue = "false") boolean working, @RequestParam(required = false) Integer year,
               Model model, Locale locale, HttpServletResponse response,
               RedirectAttributes redirect) {
        try {
            Holiday added = holidays.add(admin.username(), day, nameVi, nameEn, working);
            forms.notice(redirect, locale, working ? "reference.holiday.addedWorking" : "reference.holiday.added",
                    added.day().format(DAY));
            return "redirect:" + BASE + "?year=" + added.day().getYear();
        } catch (InvalidInput e) {
            forms.refused(e, model, locale, response);
            model.addAttribute("typedDay", day);
            model.addAttribute("typedNameVi", nameVi);
            model.addAttribute("typedNameEn", nameEn);
            model.addAttribute("typedWorking", working);
            int y = year == null || year < Holidays.FIRST_YEAR || year > Holidays.LAST_YEAR
                    ? LocalDate.now().getYear() : year;
            return page(y, model);
        }
    }

    @PostMapping(BASE + "/{day}/remove")
    String remove(PortalUser admin, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                  Locale locale, RedirectAttributes redirect) {
        holidays.remove(admin.username(), day).orElseThrow(UserFacingException::notFound);
        forms.notice(redirect, locale, "reference.holiday.removed", day.format(DAY));
        return "redirect:" + BASE + "?year=" + day.getYear();
    }

    private String page(int year, Model model) {
        model.addAttribute("year", year);
        model.addAttribute("holidays", holidays.year(year));
        return "admin/reference/holidays";
    }
}
