package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** Who may see and do what over HTTP: citizens, officers of the right and of another agency, visitors. */
class AccessRulesTest extends PortalIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;

    @Test
    void theCatalogAndHealthArePublicAndHealthReportsTheDatabase() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Đăng ký tạm trú")));
        mvc.perform(get("/").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Temporary residence registration")));
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP")).andExpect(jsonPath("$.components.db.status").value("UP"));
    }

    @Test
    void visitorsAreSentToTheEidLogin() throws Exception {
        String location = mvc.perform(get("/my/dossiers")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).endsWith("/oauth2/authorization/vneid");
        String officer = mvc.perform(get("/officer/queue")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(officer).endsWith("/oauth2/authorization/staff");
    }

    @Test
    void citizensCannotEnterTheOfficerAreaNorOfficersFileDossiers() throws Exception {
        PortalUser citizen = citizen(adultOf("00304", 30), 2);
        mvc.perform(get("/officer/queue").with(authentication(login(citizen)))).andExpect(status().isForbidden());
        mvc.perform(get("/procedures/temporary-residence/apply").with(authentication(login(officer("ca.00308.tiepnhan")))))
                .andExpect(status().isForbidden());
    }

    @Test
    void aCitizenSeesTheirOwnDossierAndGuessingAnotherGives404() throws Exception {
        PortalUser owner = citizen(adultOf("00304", 31), 2);
        PortalUser other = citizen(adultOf("00304", 32), 2);
        Dossier dossier = submitTemporaryResidence(owner);
        mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(owner)))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(dossier.receiptCode())));
        mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(other)))).andExpect(status().isNotFound());
        mvc.perform(get("/my/dossiers/" + UUID.randomUUID()).with(authentication(login(owner)))).andExpect(status().isNotFound());
        mvc.perform(get("/my/dossiers/not-a-uuid").with(authentication(login(owner)))).andExpect(status().isBadRequest());
    }

    @Test
    void onlyTheHandlingAgencySeesTheDossierAndActsOnIt() throws Exception {
        Dossier dossier = submitTemporaryResidence(citizen(adultOf("00304", 33), 2));
        mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer("ca.00308.tiepnhan")))))
                .andExpect(status().isOk());
        mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer("ca.00304.tiepnhan")))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/officer/dossiers/" + dossier.id() + "/decisions").with(csrf())
                        .with(authentication(login(officer("ca.00304.tiepnhan"))))
                        .param("event", "receive").param("lockVersion", String.valueOf(dossier.lockVersion())))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select state from dossier where id = ?").param(dossier.id()).query(String.class).single())
                .isEqualTo("submitted");
    }

    @Test
    void decisionsNeedTheCsrfToken() throws Exception {
        Dossier dossier = submitTemporaryResidence(citizen(adultOf("00304", 34), 2));
        mvc.perform(post("/officer/dossiers/" + dossier.id() + "/decisions")
                        .with(authentication(login(officer("ca.00308.tiepnhan"))))
                        .param("event", "receive").param("lockVersion", String.valueOf(dossier.lockVersion())))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select state from dossier where id = ?").param(dossier.id()).query(String.class).single())
                .isEqualTo("submitted");
    }

    @Test
    void anIllegalDecisionShowsAClearMessageAndChangesNothing() throws Exception {
        Dossier dossier = submitTemporaryResidence(citizen(adultOf("00304", 35), 2));
        mvc.perform(post("/officer/dossiers/" + dossier.id() + "/decisions").with(csrf())
                        .with(authentication(login(officer("ca.00308.lanhdao"))))
                        .param("event", "approve").param("lockVersion", String.valueOf(dossier.lockVersion())))
                .andExpect(status().is(422))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains("Mới nộp"));
        assertThat(jdbc.sql("select state from dossier where id = ?").param(dossier.id()).query(String.class).single())
                .isEqualTo("submitted");
    }

    @Test
    void aLevelOneCitizenIsToldWhyTheyCannotSubmit() throws Exception {
        PortalUser citizen = citizen(adultOf("00304", 36), 1);
        var request = post("/procedures/temporary-residence/apply").with(csrf()).with(authentication(login(citizen)))
                .param("formId", UUID.randomUUID().toString()).param("action", "submit");
        temporaryResidence("01", "00308").forEach((k, v) -> request.param(k, v));
        mvc.perform(request).andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("mức độ 2")));
        assertThat(jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state <> 'draft'")
                .param(citizen.subject()).query(Long.class).single()).isZero();
    }

    @Test
    void theHeaderNamesTheUserAndOffersTheAdministrationToAdminsOnly() throws Exception {
        PortalUser citizen = citizen(adultOf("00304", 38), 2);
        mvc.perform(get("/my/dossiers").with(authentication(login(citizen)))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "id=\"user-name\">" + org.springframework.web.util.HtmlUtils.htmlEscape(citizen.displayName()))))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id=\"nav-admin\""))));
        mvc.perform(get("/officer/queue").with(authentication(login(officer("ca.00308.lanhdao"))))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"user-name\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id=\"nav-admin\""))));
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id=\"user-name\""))));
    }

    @Test
    void onlyAdminsReachTheAdministration() throws Exception {
        mvc.perform(get("/admin").with(authentication(login(officer("quantri"), true))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"nav-admin\"")));
        mvc.perform(get("/admin").with(authentication(login(officer("ca.00308.lanhdao"))))).andExpect(status().isForbidden());
        mvc.perform(get("/admin").with(authentication(login(citizen(adultOf("00304", 37), 2)))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin")).andExpect(redirectedUrl("/oauth2/authorization/staff"));
    }

    @Test
    void theLoginAsksTheEidProviderWithPkceStateAndNonce() throws Exception {
        for (String registration : new String[] {"vneid", "staff"}) {
            String location = mvc.perform(get("/oauth2/authorization/" + registration))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getHeader("Location");
            assertThat(location).contains("response_type=code", "state=", "nonce=", "code_challenge=",
                    "code_challenge_method=S256");
        }
    }
}
