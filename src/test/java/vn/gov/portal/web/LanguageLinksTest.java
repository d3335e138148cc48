package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.identity.PortalUser;

/** The header's language links lead to the page being shown in the other language, not to the start of it. */
class LanguageLinksTest extends PortalIntegrationTest {

    @Autowired
    MockMvc mvc;

    /** The address a language link of the page leads to, as the browser reads the attribute. */
    private String link(MockHttpServletRequestBuilder request, String language) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        Matcher a = Pattern.compile("<a id=\"lang-" + language + "\" href=\"([^\"]*)\"").matcher(response.getContentAsString());
        assertThat(a.find()).as("link #lang-" + language).isTrue();
        return HtmlUtils.htmlUnescape(a.group(1));
    }

    @Test
    void aFormStepKeepsItsStepAndOtherParametersAndOnlyTheLanguageChanges() throws Exception {
        PortalUser citizen = citizen(freeAdult(2610), 2);
        MockHttpServletRequestBuilder page = get(URI.create("/procedures/temporary-residence/apply?step=2&x=y&lang=vi"))
                .with(authentication(login(citizen)));
        assertThat(link(page, "en")).isEqualTo("?step=2&x=y&lang=en");
        assertThat(link(get(URI.create("/procedures/temporary-residence/apply?lang=en&step=stay"))
                .with(authentication(login(citizen))), "vi")).isEqualTo("?step=stay&lang=vi");
    }

    @Test
    void aSearchKeepsItsWordsEncodedAndNothingOfThemReachesTheMarkup() throws Exception {
        String link = link(get(URI.create("/procedures?q=t%E1%BA%A1m+tr%C3%BA&event=residence")), "en");
        assertThat(link).isEqualTo("?q=t%E1%BA%A1m+tr%C3%BA&event=residence&lang=en");
        MockHttpServletResponse hostile = mvc.perform(get(URI.create("/procedures?q=%22%3E%3Cscript%3Ex%3C/script%3E")))
                .andReturn().getResponse();
        hostile.setCharacterEncoding("UTF-8");
        assertThat(hostile.getContentAsString()).contains("href=\"?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E&amp;lang=en\"")
                .doesNotContain("<script>x");
    }

    @Test
    void aFormPageShownAgainWithErrorsLinksToTheSameStep() throws Exception {
        PortalUser citizen = citizen(freeAdult(2613), 2);
        String form = mvc.perform(get(URI.create("/procedures/temporary-residence/apply?step=stay"))
                .with(authentication(login(citizen)))).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("action=\"/procedures/temporary-residence/apply?step=stay\"");
        // "Tiếp tục" with nothing filled in: the page comes back with its errors, from the form's post.
        MockHttpServletRequestBuilder next = post(URI.create("/procedures/temporary-residence/apply?step=stay"))
                .with(csrf()).with(authentication(login(citizen)))
                .param("formId", UUID.randomUUID().toString()).param("action", "next");
        assertThat(link(next, "en")).isEqualTo("/procedures/temporary-residence/apply?step=stay&lang=en");
    }

    @Test
    void aPageAPostRenderedLinksToAGetOfTheNearestPageWithoutTheCsrfToken() throws Exception {
        PortalUser citizen = citizen(freeAdult(2611), 2);
        UUID unknown = UUID.randomUUID();
        // The rating of a dossier that is not the citizen's: a 404 page, from a post whose address has no page.
        String link = link(post(URI.create("/my/dossiers/" + unknown + "/rating?_csrf=secret-token&from=x"))
                .with(csrf())
                .with(authentication(login(citizen))).param("score", "5"), "en");
        assertThat(link).isEqualTo("/my/dossiers/" + unknown + "?from=x&lang=en");
    }
}
