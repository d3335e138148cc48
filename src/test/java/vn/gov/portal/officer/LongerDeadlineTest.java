package vn.gov.portal.officer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.LongerDeadlines;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.forms.OneStopForms;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/** The lawful longer deadline of a procedure (deadline.longer), applied by an officer: a new date, not a late dossier. */
class LongerDeadlineTest extends PortalIntegrationTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter VI_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Autowired
    LongerDeadlines longerDeadlines;
    @Autowired
    Decisions decisions;
    @Autowired
    Dossiers dossiers;
    @Autowired
    OneStopForms forms;
    @Autowired
    HolidayCalendarSource calendar;
    @Autowired
    MockMvc mvc;

    /** A criminal-record dossier (10 working days, 15 when the residence history must be verified), received. */
    private Dossier receivedCriminalRecord(int who) {
        PortalUser citizen = citizen(freeAdult(who), 2);
        Dossier d = feePaid(citizen, submitFilledIn(citizen, "criminal-record-certificate"));
        return decisions.decide(officer(staff(d) + ".tiepnhan"), d.id(), "receive", "", d.lockVersion());
    }

    private String staff(Dossier d) {
        return jdbc.sql("select username from staff_role where agency_id = ? and role = 'HANDLER'")
                .param(d.agencyId()).query(String.class).single().replace(".xuly", "");
    }

    private static String code(Throwable e) {
        return ((UserFacingException) e).code();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private String page(Dossier d, PortalUser officer) throws Exception {
        return mvc.perform(get("/officer/dossiers/" + d.id()).with(authentication(login(officer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void anOfficerAppliesTheLongerDeadlineAndTheCitizenIsToldWithoutAnApology() throws Exception {
        Dossier d = receivedCriminalRecord(2300);
        PortalUser handler = officer(staff(d) + ".xuly");
        var days = calendar.current();
        LocalDate expected = days.appointment(LocalDateTime.ofInstant(d.submittedAt(), VIETNAM), 15);
        assertThat(d.appointmentDate()).isEqualTo(days.appointment(LocalDateTime.ofInstant(d.submittedAt(), VIETNAM), 10));
        assertThat(page(d, handler)).contains("id=\"apply-longer-deadline\"", expected.format(VI_DATE));

        mvc.perform(post("/officer/dossiers/" + d.id() + "/longer-deadline").with(csrf())
                        .with(authentication(login(handler))).param("lockVersion", String.valueOf(d.lockVersion())))
                .andExpect(status().is3xxRedirection())
                .andExpect(r -> assertThat((String) r.getFlashMap().get("notice")).contains("thời hạn giải quyết dài hơn"));
        Dossier applied = dossiers.forOfficer(handler, d.id());
        assertThat(applied.appointmentDate()).isEqualTo(expected);
        assertThat(applied.lockVersion()).isEqualTo(d.lockVersion() + 1);
        assertThat(applied.state()).isEqualTo(d.state());

        assertThat(dossiers.timeline(applied)).filteredOn(e -> e.event().equals("longer-deadline")).singleElement()
                .satisfies(e -> assertThat(e.note()).contains("nhiều tỉnh"));
        assertThat(count("select count(*) from audit_log where action = 'dossier.longer-deadline' and subject_id = ?"
                + " and details->>'to' = ?", d.id().toString(), expected.toString())).isEqualTo(1);
        assertThat(count("select count(*) from notification where dossier_id = ? and kind = 'LONGER_DEADLINE'"
                + " and due_date = ?", d.id(), expected)).isEqualTo(1);
        String mail = jdbc.sql("""
                        select o.body from mail_outbox o join notification n on n.id = o.notification_id
                        where n.dossier_id = ? and n.kind = 'LONGER_DEADLINE'""").param(d.id()).query(String.class).single();
        assertThat(mail).contains(d.receiptCode(), expected.format(VI_DATE),
                expected.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)),
                "nhiều tỉnh", "lived in several provinces or abroad").doesNotContain("xin lỗi", "apologises");
        // Not a late dossier: no extension, no apology letter (form 04), no apology notification.
        assertThat(count("select count(*) from notification where dossier_id = ? and kind = 'EXTENDED'", d.id())).isZero();
        assertThat(forms.issueAll(applied)).noneMatch(doc -> doc.form().number().equals("04"));
        assertThat(page(applied, handler)).doesNotContain("id=\"apply-longer-deadline\"");
    }

    @Test
    void aSecondApplicationIsRefusedAndChangesNothing() {
        Dossier d = receivedCriminalRecord(2301);
        PortalUser handler = officer(staff(d) + ".xuly");
        Dossier applied = longerDeadlines.apply(handler, d.id(), d.lockVersion());
        assertThatThrownBy(() -> longerDeadlines.apply(handler, d.id(), applied.lockVersion()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("longerDeadline.alreadyApplied"));
        Dossier after = dossiers.forOfficer(handler, d.id());
        assertThat(after.appointmentDate()).isEqualTo(applied.appointmentDate());
        assertThat(after.lockVersion()).isEqualTo(applied.lockVersion());
        assertThat(count("select count(*) from notification where dossier_id = ? and kind = 'LONGER_DEADLINE'", d.id()))
                .isEqualTo(1);
        assertThat(count("select count(*) from dossier_event where dossier_id = ? and event = 'longer-deadline'", d.id()))
                .isEqualTo(1);
    }

    @Test
    void aStaleFormIsRefusedAsAConcurrentChange() {
        Dossier d = receivedCriminalRecord(2302);
        PortalUser handler = officer(staff(d) + ".xuly");
        assertThatThrownBy(() -> longerDeadlines.apply(handler, d.id(), d.lockVersion() - 1))
                .satisfies(e -> assertThat(code(e)).isEqualTo("decision.concurrent"));
        assertThat(dossiers.forOfficer(handler, d.id()).appointmentDate()).isEqualTo(d.appointmentDate());
    }

    @Test
    void theDaysTheClockStoodStillForSupplementationStayCounted() {
        Dossier d = receivedCriminalRecord(2303);
        PortalUser handler = officer(staff(d) + ".xuly");
        LocalDate today = LocalDate.now(VIETNAM);
        d = decisions.decide(handler, d.id(), "request-supplement", "Thiếu bản khai", d.lockVersion());
        jdbc.sql("update dossier set clock_paused_on = ? where id = ?").params(today.minusDays(7), d.id()).update();
        d = decisions.act(citizen(d.applicantIdNumber(), 2), d.id(), "resubmit", "Đã bổ sung", d.lockVersion());
        var days = calendar.current();
        LocalDate usual = days.appointment(LocalDateTime.ofInstant(d.submittedAt(), VIETNAM), 10);
        assertThat(d.appointmentDate()).as("moved by the days waited").isAfter(usual);

        Dossier applied = longerDeadlines.apply(handler, d.id(), d.lockVersion());
        assertThat(applied.appointmentDate()).isEqualTo(days.addWorkingDays(d.appointmentDate(), 5));
    }

    @Test
    void onceTheAppointmentHasPassedOnlyAnExtensionWithAnApologyIsLeft() {
        Dossier d = receivedCriminalRecord(2304);
        PortalUser handler = officer(staff(d) + ".xuly");
        LocalDate yesterday = LocalDate.now(VIETNAM).minusDays(1);
        jdbc.sql("update dossier set appointment_date = ? where id = ?").params(yesterday, d.id()).update();
        assertThatThrownBy(() -> longerDeadlines.apply(handler, d.id(), d.lockVersion()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("longerDeadline.late"));
        assertThat(dossiers.forOfficer(handler, d.id()).appointmentDate()).isEqualTo(yesterday);
    }

    @Test
    void aProcedureWithoutALongerDeadlineHasNoSuchAction() throws Exception {
        Dossier d = submitTemporaryResidence(citizen(freeAdult(2305), 2));
        PortalUser receiver = officer("ca.00308.tiepnhan");
        assertThat(page(d, receiver)).doesNotContain("apply-longer-deadline");
        mvc.perform(post("/officer/dossiers/" + d.id() + "/longer-deadline").with(csrf())
                        .with(authentication(login(receiver))).param("lockVersion", String.valueOf(d.lockVersion())))
                .andExpect(status().is3xxRedirection())
                .andExpect(r -> assertThat((String) r.getFlashMap().get("problem"))
                        .isEqualTo("Thủ tục này không có thời hạn giải quyết dài hơn theo quy định."));
        Dossier after = dossiers.forOfficer(receiver, d.id());
        assertThat(after.appointmentDate()).isEqualTo(d.appointmentDate());
        assertThat(after.lockVersion()).isEqualTo(d.lockVersion());
        assertThat(count("select count(*) from dossier_event where dossier_id = ? and event = 'longer-deadline'", d.id()))
                .isZero();
    }
}
