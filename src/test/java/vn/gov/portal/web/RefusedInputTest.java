package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/**
 * Input that used to reach the database and come back as a 500: control characters, a status code beyond the
 * column's range, dates beyond PostgreSQL's calendar, the same create posted twice at once. Each is now refused with
 * a message in the user's language, and nothing is written.
 */
class RefusedInputTest extends PortalIntegrationTest {

    private static final String PROCEDURE = "/procedures/electricity-new-connection/apply";

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    HolidayCalendarSource calendar;

    @Test
    void controlCharactersAreRefusedBeforeAnythingIsSavedAndLineBreaksAreText() throws Exception {
        PortalUser citizen = citizen(freeAdult(1880), 2);
        UUID formId = UUID.randomUUID();
        MockHttpServletResponse refused = mvc.perform(save(citizen, formId, "Số 12\u0000 phố Hàng Bạc")).andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("ký tự điều khiển", "Không có gì thay đổi");
        String english = mvc.perform(save(citizen, formId, "Số 12\u001b phố Hàng Bạc").param("lang", "en"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("control characters", "Nothing was changed");
        assertThat(jdbc.sql("select count(*) from dossier where id = ?").param(formId).query(Long.class).single()).isZero();

        // Tabs and line breaks are what a textarea sends: saved as typed.
        assertThat(mvc.perform(save(citizen, formId, "Số 12\r\nphố Hàng Bạc")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(jdbc.sql("select answers ->> 'connectionAddress' from dossier where id = ?").param(formId)
                .query(String.class).single()).isEqualTo("Số 12\r\nphố Hàng Bạc");
    }

    @Test
    void aQueueStatusOutsideTheNationalCodesIsRefused() throws Exception {
        PortalUser handler = officer("dl.01.xuly");
        for (String status : new String[] {"40000", "-40000", "0", "11"}) {
            MockHttpServletResponse response = mvc.perform(get("/officer/queue").param("status", status)
                    .with(authentication(login(handler)))).andReturn().getResponse();
            assertThat(response.getStatus()).as("status=" + status).isEqualTo(400);
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("từ 1 đến 10");
        }
        assertThat(mvc.perform(get("/officer/queue").param("status", "10").with(authentication(login(handler))))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void officersDatesMustBeWithinAYearAndAClaimedDossierIsTheHoldersToExtend() {
        PortalUser citizen = citizen(freeAdult(1890), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
        PortalUser receiver = officer("ca.00308.tiepnhan");
        PortalUser handler = officer("ca.00308.xuly");
        Dossier received = decisions.decide(receiver, dossier.id(), "receive", "", dossier.lockVersion());
        // Beyond PostgreSQL's last date (year 5,874,897) the save used to fail with a 500; beyond a year is a slip.
        LocalDate farAhead = LocalDate.of(6_000_000, 1, 3);
        LocalDate nextYear = calendar.current().addWorkingDays(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusYears(1), 1);
        for (LocalDate date : new LocalDate[] {farAhead, nextYear}) {
            assertThatThrownBy(() -> decisions.extendDeadline(receiver, received.id(), date, "Cần xác minh",
                    received.lockVersion())).isInstanceOf(UserFacingException.class).extracting("code")
                    .isEqualTo("date.tooFarAhead");
            assertThatThrownBy(() -> decisions.decide(handler, received.id(), "request-supplement", "Thiếu hợp đồng",
                    date, received.lockVersion())).isInstanceOf(UserFacingException.class).extracting("code")
                    .isEqualTo("date.tooFarAhead");
        }
        LocalDate later = calendar.current().addWorkingDays(received.appointmentDate(), 2);
        Dossier claimed = decisions.claim(handler, received.id(), received.lockVersion());
        assertThatThrownBy(() -> decisions.extendDeadline(receiver, claimed.id(), later, "Cần xác minh",
                claimed.lockVersion())).isInstanceOf(UserFacingException.class).extracting("code")
                .isEqualTo("decision.assignedToOther");
        Dossier extended = decisions.extendDeadline(handler, claimed.id(), later, "Cần xác minh", claimed.lockVersion());
        assertThat(extended.appointmentDate()).isEqualTo(later);
    }

    /**
     * Two administrators (or one double click) add the same holiday at once: the second's "already exists" check ran
     * before the first committed, so the unique index refuses its insert. It gets a 409 with a message, not a 500.
     */
    @Test
    void theSameCreateTwiceAtOnceIsAConflictWithAMessage() throws Exception {
        LocalDate day = LocalDate.of(2099, 6, 10);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        String iso = day.toString();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement(
                    "insert into holiday (day, name_vi, name_en) values (?::date, 'Nghỉ thử', 'Test day off')")) {
                insert.setString(1, iso);
                insert.executeUpdate();
            }
            CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> {
                try {
                    return mvc.perform(post("/admin/reference/holidays").with(csrf())
                            .with(authentication(login(officer("quantri"), true)))
                            .param("day", iso).param("nameVi", "Nghỉ thử").param("nameEn", "Test day off"))
                            .andReturn().getResponse();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitInsertWaitingOnALock();
            other.commit();
            MockHttpServletResponse response = second.get(30, TimeUnit.SECONDS);
            assertThat(response.getStatus()).isEqualTo(409);
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("bấm gửi hai lần");
        } finally {
            jdbc.sql("delete from holiday where day = ?").param(day).update();
        }
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'holiday.add' and subject_id = ?")
                .param(iso).query(Long.class).single()).isZero();
    }

    private void awaitInsertWaitingOnALock() throws InterruptedException {
        for (int tries = 0; tries < 300; tries++) {
            if (jdbc.sql("""
                            select count(*) from pg_stat_activity
                            where wait_event_type = 'Lock' and query like 'insert into holiday%'""")
                    .query(Long.class).single() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the second insert never waited for the first");
    }

    private static MockHttpServletRequestBuilder save(PortalUser citizen, UUID formId, String address) {
        return post(PROCEDURE).with(csrf()).with(authentication(login(citizen))).param("formId", formId.toString())
                .param("action", "save").param("connectionAddress", address);
    }
}
