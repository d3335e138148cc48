package vn.gov.portal.attachment;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Lets an upload over the size limit reach {@link UploadTooLarge} as a MaxUploadSizeExceededException. Tomcat 11
 * makes {@code getParameter} throw once the multipart body failed to parse, and the CSRF filter asks for a parameter
 * before any controller runs: the citizen would get the container's bare 413 page. For such a request only, the
 * parameters are those of the query string (where the upload forms also put the CSRF token, so it is still checked);
 * the parts still fail, inside the DispatcherServlet, where Spring turns the failure into that exception.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class OversizedUploadFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || type == null || !type.toLowerCase().startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParts();
        } catch (IllegalStateException | ServletException | IOException e) {
            chain.doFilter(new QueryParametersOnly(request), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static final class QueryParametersOnly extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        QueryParametersOnly(HttpServletRequest request) {
            super(request);
            MultiValueMap<String, String> query = UriComponentsBuilder.newInstance()
                    .query(request.getQueryString()).build().getQueryParams();
            parameters = new java.util.LinkedHashMap<>();
            query.forEach((name, values) -> parameters.put(UriUtils.decode(name, "UTF-8"), values.stream()
                    .map(v -> v == null ? "" : UriUtils.decode(v, "UTF-8")).toArray(String[]::new)));
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
