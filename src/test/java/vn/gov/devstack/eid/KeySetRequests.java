package vn.gov.devstack.eid;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.filter.OncePerRequestFilter;

/** Counts the requests for the provider's key set, so tests can see how often a portal fetches it. */
final class KeySetRequests extends OncePerRequestFilter {

    static final String PATH = "/oauth2/jwks";

    private final AtomicInteger count = new AtomicInteger();

    int count() {
        return count.get();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        count.incrementAndGet();
        chain.doFilter(request, response);
    }
}
