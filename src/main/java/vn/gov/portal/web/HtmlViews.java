package vn.gov.portal.web;

import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.servlet.view.UrlBasedViewResolver;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The views of the portal's controllers: a Thymeleaf page, or a redirect. Every page is HTML, so there is nothing to
 * negotiate; this resolver's bean name makes Spring Boot leave out its content-negotiating one, which parsed the
 * Accept header and asked each resolver in turn for every page. A redirect ({@code "redirect:/my/dossiers/…"}, a new
 * URL each time) was a new view that Thymeleaf's resolver initialised as a bean, through every bean post-processor,
 * and then pushed an earlier view out of its cache. Together 4% of the portal's CPU at submissions
 * (docs/performance.md, "Thirteenth round"). The redirect is the one Thymeleaf made: relative to the context path,
 * answered with 302.
 */
@Component("viewResolver")
class HtmlViews implements ViewResolver, Ordered {

    private final ThymeleafViewResolver pages;

    HtmlViews(ThymeleafViewResolver pages) {
        this.pages = pages;
    }

    @Override
    public View resolveViewName(String viewName, Locale locale) throws Exception {
        if (viewName.startsWith(UrlBasedViewResolver.REDIRECT_URL_PREFIX)) {
            return new RedirectView(viewName.substring(UrlBasedViewResolver.REDIRECT_URL_PREFIX.length()), true, true);
        }
        return pages.resolveViewName(viewName, locale);
    }

    /** Asked first; Spring Boot's bean-name resolver and Thymeleaf's own follow only for a name this cannot resolve. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
