package vn.gov.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import vn.gov.portal.dossier.UserFacingException;

/**
 * Shows a refused staff form again on its own page, as the citizen forms are: status 422, the error summary linking
 * to the field the refusal is about, and everything that was typed. The service refused before changing anything.
 */
@Component
public class RefusedForms {

    private final Messages messages;

    public RefusedForms(Messages messages) {
        this.messages = messages;
    }

    /** Puts the refusal in the model; the caller then renders the form's page. Not-found refusals are not for a form. */
    public void show(UserFacingException refusal, PostedForm form, Model model, Locale locale,
                     HttpServletResponse response) {
        if (refusal.isNotFound()) {
            throw refusal;
        }
        List<Messages.FieldMessage> errors = List.of(
                new Messages.FieldMessage(form.idOf(refusal.field()), messages.of(refusal, locale)));
        response.setStatus(422);
        model.addAttribute("errors", errors);
        model.addAttribute("refused", new RefusedForm(form, errors));
    }
}
