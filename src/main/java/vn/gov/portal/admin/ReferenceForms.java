package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.reference.InvalidInput;
import vn.gov.portal.web.Messages;

/** What the reference-data pages share: the error summary of refused input and the notice after a change. */
@Component
class ReferenceForms {

    /**
     * The label (message code) each field has on the reference-data forms: the error summary names the field before
     * its message, which alone ("Enter or choose this.") would not say which field it is about.
     */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("kind", "reference.agency.kind"),
            Map.entry("nameVi", "reference.nameVi"), Map.entry("nameEn", "reference.nameEn"),
            Map.entry("provinceCode", "reference.province"), Map.entry("province", "reference.province"),
            Map.entry("communeCode", "reference.agency.commune"), Map.entry("unitCode", "reference.agency.unitCode"),
            Map.entry("code", "reference.units.code"), Map.entry("name", "reference.units.name"),
            Map.entry("newName", "reference.units.name"), Map.entry("username", "reference.staff.username"),
            Map.entry("fullName", "reference.staff.fullName"), Map.entry("email", "reference.staff.email"),
            Map.entry("admin", "reference.staff.adminFlag"), Map.entry("role", "reference.staff.role"),
            Map.entry("day", "reference.holidays.day"));

    private final Messages messages;

    ReferenceForms(Messages messages) {
        this.messages = messages;
    }

    /**
     * Puts the problems in the model for the form shown again (status 400: nothing changed), with the labels of their
     * fields for the error summary.
     */
    void refused(InvalidInput e, Model model, Locale locale, HttpServletResponse response) {
        response.setStatus(400);
        List<Messages.FieldMessage> errors = e.problems().stream()
                .map(p -> new Messages.FieldMessage(p.field(), messages.text(p.code(), p.args().toArray(), locale)))
                .toList();
        model.addAttribute("errors", errors);
        Map<String, String> labels = new HashMap<>();
        errors.forEach(error -> Optional.ofNullable(LABELS.get(error.field()))
                .ifPresent(code -> labels.put(error.field(), messages.text(code, null, locale))));
        model.addAttribute("errorLabels", labels);
    }

    void notice(RedirectAttributes redirect, Locale locale, String code, Object... args) {
        redirect.addFlashAttribute("notice", messages.text(code, args, locale));
    }
}
