package vn.gov.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.Model;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.CurrentUserResolver;
import vn.gov.portal.limits.TooManyRequests;

/**
 * Refusals become pages in the user's language: 404 for anything not theirs, 400 for malformed requests or values the
 * database refused, 409 for a create that lost a race to the same create, 429 over a rate limit, 503 while the
 * database cannot be reached (the pool reconnects by itself when it is back). Last among the advices, so that more
 * specific ones (an upload over the size limit is a MultipartException too) answer first.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    private final Messages messages;

    ErrorAdvice(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(UserFacingException.class)
    String refused(UserFacingException e, HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(e.isNotFound() ? 404 : 400);
        return problem(model, messages.of(e, locale));
    }

    /**
     * Parameters of the wrong type or missing, a form post where a file upload belongs: the browser or a script sent
     * something no page of ours sends, so a plain 400 instead of Spring's 500.
     */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            ServletRequestBindingException.class, ConversionFailedException.class, MultipartException.class,
            MissingServletRequestPartException.class})
    String malformed(HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(400);
        return problem(model, messages.text("error.badRequest", null, locale));
    }

    /**
     * A create that lost a race to the same create (a double click on an administration form whose "already exists"
     * check ran before the other's insert committed): the unique index refused it and the transaction rolled back.
     */
    @ExceptionHandler(DuplicateKeyException.class)
    String duplicate(DuplicateKeyException e, HttpServletResponse response, Model model, Locale locale) {
        log.info("Refused a duplicate: {}", e.getMostSpecificCause().getMessage());
        response.setStatus(409);
        return problem(model, messages.text("error.conflict", null, locale));
    }

    /**
     * A value the database refused that no check before it caught (a constraint, a date out of PostgreSQL's range):
     * the transaction rolled back, so the user is told the request was not valid. Logged, since a check is missing.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    String refusedByDatabase(DataIntegrityViolationException e, HttpServletResponse response, Model model,
                             Locale locale) {
        log.warn("The database refused a request's values: {}", e.getMostSpecificCause().getMessage());
        response.setStatus(400);
        return problem(model, messages.text("error.badRequest", null, locale));
    }

    @ExceptionHandler(TooManyRequests.class)
    String tooMany(TooManyRequests e, HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
        return problem(model, messages.text(e.action().messageCode(), e.messageArgs(), locale));
    }

    /** Seconds a browser or client should wait before trying again while the database is away. */
    static final int DATABASE_RETRY_SECONDS = 30;

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class})
    String databaseDown(HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(503);
        response.setHeader("Retry-After", String.valueOf(DATABASE_RETRY_SECONDS));
        return problem(model, messages.text("faults.databaseDown", null, locale));
    }

    /** Exception views do not get the model of @ModelAttribute methods, so the header's user is added here. */
    private static String problem(Model model, String message) {
        model.addAttribute("message", message);
        model.addAttribute("currentUser", CurrentUserResolver.current());
        return "error";
    }
}
