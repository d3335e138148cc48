package vn.gov.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * While the database cannot be reached, every request answers 503 with Retry-After and a short page in both
 * languages. Sits before the session filter: the sessions live in the database too, so a failure can come from
 * reading or saving the session, where {@link ErrorAdvice} never sees it. The connection pool reconnects by itself
 * once the database is back; nothing here keeps state.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private static final Locale VIETNAMESE = new Locale("vi");

    private final MessageSource messages;

    DatabaseUnavailableFilter(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!databaseDown(e)) {
                throw e;
            }
            log.warn("database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            if (response.isCommitted()) {
                return;   // the 503 page of ErrorAdvice is already on its way
            }
            response.reset();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", String.valueOf(ErrorAdvice.DATABASE_RETRY_SECONDS));
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(page(request.getContextPath()));
        }
    }

    static boolean databaseDown(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** A page needing nothing but the message bundles: Vietnamese first, then English. */
    private String page(String base) {
        String vi = text("faults.databaseDown", VIETNAMESE);
        String viTitle = text("faults.title", VIETNAMESE);
        String en = text("faults.databaseDown", Locale.ENGLISH);
        String enTitle = text("faults.title", Locale.ENGLISH);
        return "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + viTitle
                + "</title><link rel=\"stylesheet\" href=\"" + base + "/css/portal.css\"></head><body><main id=\"main\" class=\"page\">"
                + "<div class=\"error-page\" id=\"error-unavailable\"><h1>" + viTitle + "</h1><p class=\"lead\">" + vi
                + "</p><div lang=\"en\"><h2>" + enTitle + "</h2><p>" + en + "</p></div>"
                + "<p><a class=\"button button-primary\" href=\"" + base + "/\">" + text("faults.tryAgain", VIETNAMESE)
                + " / <span lang=\"en\">" + text("faults.tryAgain", Locale.ENGLISH) + "</span></a></p></div></main></body></html>";
    }

    private String text(String code, Locale locale) {
        return HtmlUtils.htmlEscape(messages.getMessage(code, null, locale), "UTF-8");
    }
}
