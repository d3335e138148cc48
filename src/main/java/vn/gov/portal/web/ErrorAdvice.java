package vn.gov.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.CurrentUserResolver;

/** Refusals become pages in the user's language: 404 for anything not theirs, 400 for malformed requests. */
@ControllerAdvice
class ErrorAdvice {

    private final Messages messages;

    ErrorAdvice(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(UserFacingException.class)
    String refused(UserFacingException e, HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(e.isNotFound() ? 404 : 400);
        return problem(model, messages.of(e, locale));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String malformed(HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(400);
        return problem(model, messages.text("error.badRequest", null, locale));
    }

    /** Exception views do not get the model of @ModelAttribute methods, so the header's user is added here. */
    private static String problem(Model model, String message) {
        model.addAttribute("message", message);
        model.addAttribute("currentUser", CurrentUserResolver.current());
        return "error";
    }
}
