package vn.gov.portal.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.portal.PageChecks;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.Supplementation;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/** The citizen's side: a form page by page with a review, drafts kept and discarded, supplements, withdrawal. */
class CitizenJourneyTest extends PortalIntegrationTest {

    private static final String CODE = "temporary-residence";
    /** The portal's days are Vietnamese days (the clock of the tests' machine may be on UTC). */
    private static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    Supplementation supplementation;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    HolidayCalendarSource calendars;
    @Autowired
    Dossiers dossiers;

    private MockHttpServletRequestBuilder page(PortalUser citizen, UUID formId, String step, String action,
                                               Map<String, String> answers) {
        MockHttpServletRequestBuilder request = post("/procedures/" + CODE + "/apply").with(csrf())
                .with(authentication(login(citizen))).param("formId", formId.toString()).param("action", action);
        if (step != null) {
            request.param("step", step);
        }
        answers.forEach(request::param);
        return request;
    }

    private Map<String, String> draftAnswers(String idNumber) {
        return filing.open(citizen(idNumber, 2), definition()).values();
    }

    private ProcedureDefinition definition() {
        return catalog.find(CODE).orElseThrow();
    }

    @Test
    void aPageIsCheckedOnItsOwnAndTheOtherPagesKeepTheirAnswers() throws Exception {
        PortalUser citizen = citizen(freeAdult(1400), 2);
        UUID formId = UUID.randomUUID();
        mvc.perform(page(citizen, formId, "applicant", "next", Map.of("phone", "0912345678")))
                .andExpect(redirectedUrl("/procedures/" + CODE + "/apply?step=stay"));

        // The stay page is empty: only its own problems are listed, the phone of page 1 stays saved.
        mvc.perform(page(citizen, formId, "stay", "next", Map.of()))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("Số nhà")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Vui lòng nhập Số điện thoại"))));
        assertThat(draftAnswers(citizen.subject())).containsEntry("phone", "0912345678");

        Map<String, String> stay = new HashMap<>(temporaryResidence("01", "00308"));
        stay.remove("phone");
        stay.remove("email");
        mvc.perform(page(citizen, formId, "stay", "next", stay))
                .andExpect(redirectedUrl("/procedures/" + CODE + "/apply?step=stayingMembers"));
        // Going back to page 1 and saving it does not touch the stay page's answers.
        mvc.perform(page(citizen, formId, "applicant", "save", Map.of("phone", "0987654321")))
                .andExpect(status().isOk());
        assertThat(draftAnswers(citizen.subject()))
                .containsEntry("phone", "0987654321").containsEntry("newAddressDetail", "Số 5, phố Hàng Bạc");

        mvc.perform(get("/procedures/" + CODE + "/apply").param("step", "review").with(authentication(login(citizen))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Số 5, phố Hàng Bạc")))
                .andExpect(content().string(Matchers.containsString("id=\"change-stay\"")))
                .andExpect(result -> PageChecks.headingsSkipNoLevel(result.getResponse().getContentAsString()));
        String sent = mvc.perform(page(citizen, formId, "review", "submit", Map.of()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(sent).isEqualTo("/my/dossiers/" + formId + "/submitted");
        assertThat(jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state = 'submitted'")
                .param(citizen.subject()).query(Long.class).single()).isEqualTo(1);
        // The confirmation with the receipt code right after sending; the dossier's page as usual on a later visit.
        String receiptCode = jdbc.sql("select receipt_code from dossier where id = ?").param(formId)
                .query(String.class).single();
        mvc.perform(get(sent).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"submitted-panel\"")))
                .andExpect(content().string(Matchers.containsString(receiptCode)))
                .andExpect(content().string(Matchers.containsString("href=\"/my/dossiers/" + formId + "/forms/CT04\"")))
                .andExpect(content().string(Matchers.containsString("href=\"/my/dossiers/" + formId + "\"")))
                // temporary residence waits for no payment: nothing for the citizen to do yet
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"citizen-actions\""))));
        mvc.perform(get("/my/dossiers/" + formId).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"submitted-panel\""))));
    }

    @Test
    void theReviewPageWithNothingSavedStartsAtTheFirstPageAndProblemsLinkToTheirPage() throws Exception {
        PortalUser citizen = citizen(freeAdult(1401), 2);
        mvc.perform(get("/procedures/" + CODE + "/apply").param("step", "review").with(authentication(login(citizen))))
                .andExpect(redirectedUrl("/procedures/" + CODE + "/apply"));

        UUID formId = UUID.randomUUID();
        mvc.perform(page(citizen, formId, "applicant", "next", Map.of("phone", "0912345678")));
        mvc.perform(page(citizen, formId, "review", "submit", Map.of()))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("step=stay#field-newAddressDetail")));
        assertThat(jdbc.sql("select state from dossier where applicant_id_number = ? and procedure_code = ?")
                .params(citizen.subject(), CODE).query(String.class).single()).isEqualTo("draft");
    }

    @Test
    void autosaveKeepsWhatIsTypedAndStartingAgainDeletesTheDraft() throws Exception {
        PortalUser citizen = citizen(freeAdult(1402), 2);
        UUID formId = UUID.randomUUID();
        mvc.perform(page(citizen, formId, "stay", "autosave", Map.of("reason", "Đi học")))
                .andExpect(status().isNoContent());
        assertThat(draftAnswers(citizen.subject())).containsEntry("reason", "Đi học");

        // Coming back offers to continue, or to start again.
        mvc.perform(get("/procedures/" + CODE + "/apply").with(authentication(login(citizen))))
                .andExpect(content().string(Matchers.containsString("id=\"discard-draft\"")));
        mvc.perform(page(citizen, formId, null, "discard", Map.of()))
                .andExpect(redirectedUrl("/procedures/" + CODE + "/apply"));
        assertThat(jdbc.sql("select count(*) from dossier where applicant_id_number = ?")
                .param(citizen.subject()).query(Long.class).single()).isZero();
    }

    private Dossier awaitingSupplement(PortalUser citizen, LocalDate due) {
        Dossier dossier = submitTemporaryResidence(citizen);
        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        return decisions.decide(officer("ca.00308.xuly"), dossier.id(), "request-supplement",
                "Bổ sung hợp đồng thuê nhà", due, dossier.lockVersion());
    }

    @Test
    void aSupplementCorrectsAnswersButNotWhereTheDossierWasFiled() throws Exception {
        PortalUser citizen = citizen(freeAdult(1403), 2);
        LocalDate due = calendars.current().addWorkingDays(LocalDate.now(VIETNAM), 5);
        Dossier dossier = awaitingSupplement(citizen, due);
        assertThat(dossier.supplementDue()).isEqualTo(due);
        assertThat(supplementation.request(dossier)).hasValueSatisfying(r -> {
            assertThat(r.what()).isEqualTo("Bổ sung hợp đồng thuê nhà");
            assertThat(r.dueBy()).isEqualTo(due);
        });

        Map<String, String> corrected = new HashMap<>(dossier.answers());
        corrected.put("newAddressDetail", "");
        Filing.Outcome invalid = supplementation.send(citizen, dossier.id(), corrected, "", dossier.lockVersion());
        assertThat(invalid).isInstanceOf(Filing.Invalid.class);
        assertThat(reload(dossier).statusCode()).isEqualTo(5);

        corrected.put("newAddressDetail", "Số 9, phố Hàng Bạc");
        corrected.put("newCommune", "00304");   // a forged change of the receiving commune is ignored
        Filing.Outcome sent = supplementation.send(citizen, dossier.id(), corrected, "Đã bổ sung", dossier.lockVersion());
        Dossier after = ((Filing.Submitted) sent).dossier();
        assertThat(after.statusCode()).isEqualTo(4);
        assertThat(after.answers()).containsEntry("newAddressDetail", "Số 9, phố Hàng Bạc")
                .containsEntry("newCommune", "00308");
        assertThat(after.agencyId()).isEqualTo(dossier.agencyId());
        assertThat(jdbc.sql("select note from dossier_event where dossier_id = ? and event = 'resubmit'")
                .param(dossier.id()).query(String.class).single())
                .contains("Đã bổ sung").contains("Đã sửa: Số nhà").doesNotContain("Xã / phường");
        // The timeline names the changed answers in the reader's language; the citizen's message stays as written.
        String english = mvc.perform(get("/my/dossiers/" + dossier.id() + "?lang=en").with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("Đã bổ sung<br>Changed: House number, street, hamlet").doesNotContain("Đã sửa");
        String officerPage = mvc.perform(get("/officer/dossiers/" + dossier.id())
                        .with(authentication(login(officer("ca.00308.xuly"))))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(officerPage).contains("Đã bổ sung<br>Đã sửa: Số nhà, đường, thôn / tổ dân phố");
    }

    @Test
    void onlyTheApplicantSupplementsAndOnlyWhileAsked() throws Exception {
        PortalUser citizen = citizen(freeAdult(1404), 2);
        Dossier dossier = awaitingSupplement(citizen, null);
        assertThat(dossier.supplementDue()).isEqualTo(
                calendars.current().addWorkingDays(LocalDate.now(VIETNAM),
                        Decisions.SUPPLEMENT_WORKING_DAYS));

        PortalUser other = citizen(freeAdult(1405), 2);
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/supplement").with(authentication(login(other))))
                .andExpect(status().isNotFound());
        assertThatThrownBy(() -> supplementation.send(other, dossier.id(), dossier.answers(), "", dossier.lockVersion()))
                .isInstanceOf(UserFacingException.class);
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/supplement").with(authentication(login(citizen))))
                .andExpect(status().isOk());

        Dossier sent = ((Filing.Submitted) supplementation.send(citizen, dossier.id(), dossier.answers(), "",
                dossier.lockVersion())).dossier();
        assertThatThrownBy(() -> supplementation.send(citizen, dossier.id(), dossier.answers(), "", sent.lockVersion()))
                .isInstanceOf(UserFacingException.class);
        // Its own dossier is no "not found" to the applicant: the page says it no longer waits for a supplement.
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/supplement").with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getFlashMap().get("problem")).isNotNull());
    }

    @Test
    void aSupplementDateMustBeALaterWorkingDay() {
        PortalUser citizen = citizen(freeAdult(1406), 2);
        Dossier dossier = submitTemporaryResidence(citizen);
        Dossier received = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        assertThatThrownBy(() -> decisions.decide(officer("ca.00308.xuly"), dossier.id(), "request-supplement",
                "Thiếu giấy tờ", LocalDate.now(VIETNAM), received.lockVersion()))
                .isInstanceOf(UserFacingException.class);
        assertThat(reload(dossier).statusCode()).isEqualTo(2);
    }

    @Test
    void aDossierMayBeWithdrawnUntilProcessingStarts() {
        PortalUser citizen = citizen(freeAdult(1407), 2);
        Dossier dossier = submitTemporaryResidence(citizen);
        Dossier received = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        Dossier withdrawn = decisions.act(citizen, dossier.id(), "withdraw", "", received.lockVersion());
        assertThat(withdrawn.statusCode()).isEqualTo(7);
        assertThat(withdrawn.closedAt()).isNotNull();

        PortalUser second = citizen(freeAdult(1408), 2);
        Dossier other = submitTemporaryResidence(second);
        other = decisions.decide(officer("ca.00308.tiepnhan"), other.id(), "receive", "", other.lockVersion());
        Dossier processing = decisions.decide(officer("ca.00308.xuly"), other.id(), "process", "", other.lockVersion());
        assertThatThrownBy(() -> decisions.act(second, processing.id(), "withdraw", "", processing.lockVersion()))
                .isInstanceOf(UserFacingException.class);
    }

    @Test
    void myDossiersSeparatesDraftsOpenAndFinishedAndExplainsTheStatuses() throws Exception {
        PortalUser citizen = citizen(freeAdult(1409), 2);
        filing.save(citizen, catalog.find("passport").orElseThrow(), UUID.randomUUID(), Map.of());
        Dossier open = submitTemporaryResidence(citizen);
        mvc.perform(get("/my/dossiers").with(authentication(login(citizen))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"group-drafts\"")))
                .andExpect(content().string(Matchers.containsString("id=\"group-open\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"group-closed\""))))
                .andExpect(content().string(Matchers.containsString(open.receiptCode())))
                .andExpect(content().string(Matchers.containsString("Bạn đã rút hồ sơ.")));
    }

    private Dossier reload(Dossier dossier) {
        return dossiers.forCitizen(citizen(dossier.applicantIdNumber(), 2), dossier.id());
    }
}
