package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.view.ContentNegotiatingViewResolver;
import org.springframework.web.servlet.view.RedirectView;
import org.thymeleaf.spring6.view.ThymeleafView;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.identity.PortalUser;

/** Pages are Thymeleaf's, resolved without content negotiation; redirects are plain 302s relative to the context. */
class HtmlViewsTest extends PortalIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    List<ViewResolver> resolvers;
    @Autowired
    HtmlViews views;

    @Test
    void thePortalsResolverIsAskedFirstAndSpringBootsNegotiatingOneIsLeftOut() throws Exception {
        assertThat(resolvers).first().isSameAs(views);
        assertThat(resolvers).noneMatch(ContentNegotiatingViewResolver.class::isInstance);

        assertThat(views.resolveViewName("citizen/submitted", new Locale("vi"))).isInstanceOf(ThymeleafView.class);
        assertThat(views.resolveViewName("redirect:/my/dossiers", new Locale("vi")))
                .isInstanceOfSatisfying(RedirectView.class, redirect -> {
                    assertThat(redirect.getUrl()).isEqualTo("/my/dossiers");
                    assertThat(redirect.isRedirectView()).isTrue();
                });
    }

    @Test
    void aRedirectKeepsItsFlashMessageAndTheContextPath() throws Exception {
        PortalUser citizen = citizen(freeAdult(2252), 2);
        // "Start again" on a form: a redirect with a flash message, shown on the page it leads to.
        mvc.perform(post("/cong/procedures/temporary-residence/apply").contextPath("/cong").with(csrf())
                        .with(authentication(login(citizen))).param("action", "discard").param("formId", java.util.UUID.randomUUID().toString()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/cong/procedures/temporary-residence/apply"))
                .andExpect(flash().attribute("notice", Matchers.not(Matchers.emptyOrNullString())));
    }

    @Test
    void anErrorPageIsStillTheHtmlTemplate() throws Exception {
        mvc.perform(get("/procedures/no-such-procedure")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(Matchers.containsString("lang=\"vi\"")));
    }
}
