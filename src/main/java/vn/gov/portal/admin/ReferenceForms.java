package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.reference.InvalidInput;
import vn.gov.portal.web.Messages;

/** What the reference-data pages share: the error summary of refused input and the notice after a change. */
@Component
class ReferenceForms {

    private final Messages messages;

    ReferenceForms(Messages messages) {
        this.messages = messages;
    }

    /** Puts the problems in the model for the form shown again (status 400: nothing changed). */
    void refused(InvalidInput e, Model model, Locale locale, HttpServletResponse response) {
        response.setStatus(400);
        List<Messages.FieldMessage> errors = e.problems().stream()
                .map(p -> new Messages.FieldMessage(p.field(), messages.text(p.code(), p.args().toArray(), locale)))
                .toList();
        model.addAttribute("errors", errors);
    }

    void notice(RedirectAttributes redirect, Locale locale, String code, Object... args) {
        redirect.addFlashAttribute("notice", messages.text(code, args, locale));
    }
}
