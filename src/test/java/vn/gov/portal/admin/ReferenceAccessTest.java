package vn.gov.portal.admin;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import vn.gov.portal.identity.PortalUser;

/** Only admins reach the reference data; every page renders for them in both languages. */
class ReferenceAccessTest extends ReferenceTestSupport {

    private static final String[] PAGES = {"/admin/reference", "/admin/reference/agencies", "/admin/reference/agencies/new",
            "/admin/reference/staff", "/admin/reference/staff/new", "/admin/reference/staff/quantri",
            "/admin/reference/holidays", "/admin/reference/units?province=01", "/admin/reference/history"};

    @Test
    void officersAndCitizensAreRefused() throws Exception {
        PortalUser citizen = citizen(freeAdult(1655), 2);
        for (PortalUser user : new PortalUser[] {officer("ca.00304.lanhdao"), citizen}) {
            for (String page : PAGES) {
                mvc.perform(get(page).with(authentication(login(user)))).andExpect(status().isForbidden());
            }
            mvc.perform(post("/admin/reference/holidays").param("day", "2031-03-04").param("nameVi", "x").param("nameEn", "x")
                    .with(csrf()).with(authentication(login(user)))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/reference/staff/quantri/active").param("active", "false")
                    .with(csrf()).with(authentication(login(user)))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/reference")).andExpect(status().is3xxRedirection());
    }

    @Test
    void everyPageRendersForAnAdminInVietnameseAndEnglish() throws Exception {
        adminGet("/admin").andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/admin/reference\"")));
        for (String page : PAGES) {
            adminGet(page).andExpect(status().isOk()).andExpect(content().string(containsString("lang=\"vi\"")));
            adminGetEn(page + (page.contains("?") ? "&" : "?") + "x=1").andExpect(status().isOk())
                    .andExpect(content().string(containsString("lang=\"en\"")))
                    .andExpect(content().string(org.hamcrest.Matchers.not(containsString("??"))));
        }
    }

    @Test
    void theHistoryIsNewestFirstAndPaginated() throws Exception {
        for (int i = 0; i < 26; i++) {
            adminPost("/admin/reference/units/01208", "name", "Phường Nùng Trí Cao " + i).andExpect(status().is3xxRedirection());
        }
        adminPost("/admin/reference/units/01208", "name", "Phường Nùng Trí Cao").andExpect(status().is3xxRedirection());
        String first = adminGet("/admin/reference/history").andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"page-next\"")))
                .andReturn().getResponse().getContentAsString();
        java.util.List<Long> ids = java.util.regex.Pattern.compile("data-change=\"(\\d+)\"").matcher(first).results()
                .map(m -> Long.parseLong(m.group(1))).toList();
        long newest = jdbc.sql("select max(id) from audit_log where action like 'reference.%'").query(Long.class).single();
        org.assertj.core.api.Assertions.assertThat(ids).hasSize(25).first().isEqualTo(newest);
        org.assertj.core.api.Assertions.assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        org.assertj.core.api.Assertions.assertThat(first).contains("Phường Nùng Trí Cao 25");
        adminGet("/admin/reference/history", "page", "1").andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"page-previous\"")));
    }
}
