package vn.gov.portal.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The header's language links ({@code @languageLinks.to('en')} in the layout): the page being shown with only
 * {@code lang} changed, so that switching language keeps a form's step, a search and its filters. Read from the
 * request on each page (no database). A page rendered by a post (a form shown again with errors, an error page)
 * links to a GET of its address, or of the nearest address above it that has a page (a post to
 * {@code /my/dossiers/{id}/rating} links to the dossier), with the address's own query but never the CSRF token.
 */
@Component("languageLinks")
public class LanguageLinks {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    /** The path patterns of every controller method that answers GET, read once on the first post. */
    private volatile List<PathPattern> pages;

    LanguageLinks(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** The link to the current page in the language ("vi" or "en"). */
    public String to(String language) {
        ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return "?lang=" + language;
        }
        HttpServletRequest request = attributes.getRequest();
        String query = query(request.getQueryString(), language);
        if ("GET".equals(request.getMethod())) {
            return query;   // relative: the address the browser shows, also on an error page forwarded to
        }
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String s ? s : request.getRequestURI();
        String base = request.getContextPath();
        return base + page(uri.substring(Math.min(base.length(), uri.length()))) + query;
    }

    /** The query with every {@code lang} (and a CSRF token, or a value no form sends) left out and the new one last. */
    static String query(String query, String language) {
        StringBuilder kept = new StringBuilder("?");
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? null : decoded(pair.substring(equals + 1));
                if (name == null || name.isEmpty() || name.equals("lang") || name.equals("_csrf")
                        || ControlCharacters.hasControl(name) || equals >= 0 && (value == null || ControlCharacters.hasControl(value))) {
                    continue;
                }
                kept.append(URLEncoder.encode(name, StandardCharsets.UTF_8));
                if (value != null) {
                    kept.append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
                kept.append('&');
            }
        }
        return kept.append("lang=").append(URLEncoder.encode(language, StandardCharsets.UTF_8)).toString();
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;   // a broken %-escape: such a parameter is left out
        }
    }

    /** The path, or the nearest one above it that some controller answers with a page; the home page at worst. */
    private String page(String path) {
        List<PathPattern> patterns = pages();
        String p = path;
        while (!p.isEmpty()) {
            PathContainer container = PathContainer.parsePath(p);
            if (patterns.stream().anyMatch(pattern -> pattern.matches(container))) {
                return p;
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
        return "/";
    }

    private List<PathPattern> pages() {
        List<PathPattern> found = pages;
        if (found == null) {
            found = mappings.getObject().getHandlerMethods().keySet().stream()
                    .filter(info -> info.getMethodsCondition().getMethods().isEmpty()
                            || info.getMethodsCondition().getMethods().contains(RequestMethod.GET))
                    .filter(info -> info.getPathPatternsCondition() != null)
                    .flatMap(info -> info.getPathPatternsCondition().getPatterns().stream())
                    .toList();
            pages = found;
        }
        return found;
    }
}
