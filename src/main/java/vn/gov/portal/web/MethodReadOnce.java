package vn.gov.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands Spring MVC a request that answers {@code getMethod()} from a field. To find the controller of a URL with a path
 * variable (a dossier's page, a procedure's form), Spring MVC tries every mapping in turn and asks the request's method
 * several times for each, some 400 times per request; each call went down the session's and Spring Security's request
 * wrappers to Tomcat's request. That was over half of the handler lookup, itself a tenth of the portal's CPU per
 * submission (docs/performance.md, "Eleventh round"). The innermost filter, so the method is the final one.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class MethodReadOnce extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new KnownMethod(request), response);
    }

    static final class KnownMethod extends HttpServletRequestWrapper {

        private final String method;

        KnownMethod(HttpServletRequest request) {
            super(request);
            this.method = request.getMethod();
        }

        @Override
        public String getMethod() {
            return method;
        }
    }
}
