package vn.gov.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's mapping of requests to controllers, checking each mapping's path before its other conditions. For a
 * URL with a path variable (a dossier's page, a procedure's form) Spring MVC tries every mapping in turn and checks
 * the path last: the method, parameters, headers and media types of each of the ~90 mappings first, for a GET the
 * Accept header against the error page's media type. That was 6% of the portal's CPU at submissions
 * (docs/performance.md, "Twelfth round"). The path rules out all but a few, which are then checked whole as before;
 * which mapping wins, and the answer for a wrong method (405), are Spring MVC's as they were.
 * It is also asked before Actuator's endpoint mappings, which came first (order -100) and tried their health
 * endpoints' patterns and media types on every page and post (3% of the portal's CPU); they still answer
 * {@code /actuator/**}, which no controller of the portal maps.
 */
@Component
class PathFirstHandlerMapping implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new Mapping();
    }

    static final class Mapping extends RequestMappingHandlerMapping {

        /** Before Actuator's endpoint mappings (-100); Spring Boot sets 0 on this mapping, which this overrides. */
        static final int ORDER = -200;

        @Override
        public int getOrder() {
            return ORDER;
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths != null && paths.getMatchingCondition(request) == null) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }
    }
}
