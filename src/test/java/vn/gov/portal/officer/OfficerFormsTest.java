package vn.gov.portal.officer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.portal.PageChecks;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * An officer's refused post (a decision without its reason, a bad date, a note too long, a colleague of another
 * agency, a dossier changed meanwhile) brings the dossier's page back with the error summary linking to the field,
 * the field marked, and what the officer typed; the dossier is as it was. Dossiers go to the police of 00304, out of
 * the Hoàn Kiếm queue other tests count.
 */
class OfficerFormsTest extends PortalIntegrationTest {

    private static final String COMMUNE = "00304";

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Dossiers dossiers;

    private final PortalUser receiver = officer("ca.00304.tiepnhan");

    private Dossier submitted(int who) {
        PortalUser citizen = citizen(freeAdult(2700 + who), 2);
        return ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", COMMUNE))).dossier();
    }

    private MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(login(receiver)))).andReturn();
    }

    private static MockHttpServletRequestBuilder to(Dossier dossier, String action) {
        return post("/officer/dossiers/" + dossier.id() + "/" + action);
    }

    private Dossier now(Dossier dossier) {
        return dossiers.forOfficer(receiver, dossier.id());
    }

    private long events(Dossier dossier) {
        return jdbc.sql("select count(*) from dossier_event where dossier_id = ?").param(dossier.id())
                .query(Long.class).single();
    }

    private long audited(Dossier dossier) {
        return jdbc.sql("select count(*) from audit_log where subject_id = ?").param(dossier.id().toString())
                .query(Long.class).single();
    }

    @Test
    void aRefusalWithoutItsReasonComesBackWithTheSummaryAndChangesNothing() throws Exception {
        Dossier d = submitted(1);
        long before = events(d);
        MvcResult result = send(to(d, "decisions").param("event", "refuse").param("note", "  ")
                .param("lockVersion", String.valueOf(d.lockVersion())));
        String page = PageChecks.shownAgainWithProblemAt(result, "note-refuse");
        assertThat(page).contains("Thao tác “Từ chối tiếp nhận (nêu rõ lý do)” cần ghi rõ lý do.",
                "<title>Lỗi: ");
        assertThat(now(d).statusCode()).isEqualTo(1);
        assertThat(events(d)).isEqualTo(before);

        String english = send(to(d, "decisions").param("event", "refuse").param("note", "")
                .param("lockVersion", String.valueOf(d.lockVersion())).param("lang", "en"))
                .getResponse().getContentAsString();
        assertThat(english).contains("There is a problem", "The action “Refuse at intake (give the reason)” needs a reason.");
    }

    @Test
    void aDecisionOnADossierChangedMeanwhileKeepsTheTypedReason() throws Exception {
        Dossier d = submitted(2);
        String reason = "Giấy tờ chứng minh chỗ ở không hợp lệ: hợp đồng thuê đã hết hạn";
        MvcResult result = send(to(d, "decisions").param("event", "refuse").param("note", reason)
                .param("lockVersion", String.valueOf(d.lockVersion() - 1)));
        String page = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).isEqualTo(422);
        // About the whole decision: the summary links to the panel of decisions, the reason stays in its box.
        assertThat(page).contains("href=\"#decisions\"", "người khác cập nhật", ">" + reason + "</textarea>");
        assertThat(now(d).statusCode()).isEqualTo(1);
    }

    @Test
    void anExtensionToAnEarlierDateKeepsTheReasonAndTheDate() throws Exception {
        Dossier d = submitted(3);
        String reason = "Cần xác minh thêm với chủ nhà đang ở nước ngoài";
        long events = events(d);
        long audits = audited(d);
        MvcResult result = send(to(d, "deadline").param("newDate", d.appointmentDate().toString())
                .param("reason", reason).param("lockVersion", String.valueOf(d.lockVersion())));
        String page = PageChecks.shownAgainWithProblemAt(result, "new-date");
        assertThat(page).contains("Ngày hẹn mới phải sau ngày hẹn hiện tại.", ">" + reason + "</textarea>",
                "value=\"" + d.appointmentDate() + "\"");

        result = send(to(d, "deadline").param("newDate", d.appointmentDate().plusMonths(1).toString())
                .param("reason", "").param("lockVersion", String.valueOf(d.lockVersion())));
        page = PageChecks.shownAgainWithProblemAt(result, "extension-reason");
        assertThat(page).contains("value=\"" + d.appointmentDate().plusMonths(1) + "\"");
        assertThat(now(d).appointmentDate()).isEqualTo(d.appointmentDate());
        assertThat(events(d)).isEqualTo(events);
        assertThat(audited(d)).isEqualTo(audits);
    }

    @Test
    void aNoteTooLongComesBackAsTypedInTheSameFormAndInEnglishOnRequest() throws Exception {
        Dossier d = submitted(4);
        String formId = UUID.randomUUID().toString();
        String note = "Ghi chú dài quá mức cho phép. ".repeat(70);
        long events = events(d);
        MvcResult result = send(to(d, "notes").param("formId", formId).param("note", note)
                .param("lang", "en"));
        String page = PageChecks.shownAgainWithProblemAt(result, "internal-note");
        assertThat(page).contains("There is a problem", "2000", ">" + note + "</textarea>",
                "name=\"formId\" value=\"" + formId + "\"");
        assertThat(events(d)).isEqualTo(events);
    }

    @Test
    void aColleagueOfAnotherAgencyIsRefusedBesideTheChoice() throws Exception {
        Dossier d = submitted(5);
        Dossier held = now(d);
        MvcResult claimed = send(to(d, "assignment").param("action", "claim")
                .param("lockVersion", String.valueOf(held.lockVersion())));
        assertThat(claimed.getResponse().getRedirectedUrl()).isEqualTo("/officer/dossiers/" + d.id());
        held = now(d);
        MvcResult result = send(to(d, "assignment").param("action", "assign")
                .param("colleague", "ca.00308.xuly").param("lockVersion", String.valueOf(held.lockVersion())));
        String page = PageChecks.shownAgainWithProblemAt(result, "colleague");
        assertThat(page).contains("Người được giao phải là cán bộ của cùng cơ quan.");
        assertThat(now(d).assignee()).isEqualTo("ca.00304.tiepnhan");
    }

    @Test
    void anotherAgencysOfficerStillFindsNothing() throws Exception {
        Dossier d = submitted(6);
        MvcResult result = mvc.perform(to(d, "notes").param("note", "").with(csrf())
                .with(authentication(login(officer("ca.00308.tiepnhan"))))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(404);
        assertThat(result.getResponse().getContentAsString()).doesNotContain(d.receiptCode());
        assertThat(mvc.perform(get("/officer/dossiers/" + d.id()).with(authentication(login(officer("ca.00308.tiepnhan")))))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
