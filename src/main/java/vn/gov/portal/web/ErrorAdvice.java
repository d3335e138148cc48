package vn.gov.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import vn.gov.portal.dossier.UserFacingException;

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
        model.addAttribute("message", messages.of(e, locale));
        return "error/problem";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String malformed(HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(400);
        model.addAttribute("message", messages.text("error.badRequest", null, locale));
        return "error/problem";
    }
}
