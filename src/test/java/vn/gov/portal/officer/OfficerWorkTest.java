package vn.gov.portal.officer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.QueueFilter;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/** Who holds a dossier, the queue's filters and searches, and the legal clock during supplementation. */
class OfficerWorkTest extends PortalIntegrationTest {

    private static final String HOAN_KIEM = "00308";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    Dossiers dossiers;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    HolidayCalendarSource calendar;

    private Dossier submitted(int who) {
        PortalUser citizen = citizen(freeAdult(800 + who), 2);
        return ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", HOAN_KIEM))).dossier();
    }

    private static String code(Throwable e) {
        return ((UserFacingException) e).code();
    }

    @Test
    void onlyTheHolderActsAndADecisionHandsTheDossierOn() {
        Dossier d = submitted(1);
        PortalUser receiver = officer("ca.00308.tiepnhan");
        PortalUser leader = officer("ca.00308.lanhdao");
        d = decisions.claim(leader, d.id(), d.lockVersion());
        assertThat(d.assignee()).isEqualTo("ca.00308.lanhdao");
        Dossier held = d;
        assertThatThrownBy(() -> decisions.decide(receiver, held.id(), "receive", "", held.lockVersion()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("decision.assignedToOther"));
        assertThatThrownBy(() -> decisions.claim(receiver, held.id(), held.lockVersion()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("decision.assignedToOther"));

        d = decisions.assign(leader, d.id(), "ca.00308.tiepnhan", d.lockVersion());
        assertThat(d.assignee()).isEqualTo("ca.00308.tiepnhan");
        d = decisions.decide(receiver, d.id(), "receive", "", d.lockVersion());
        assertThat(d.statusCode()).isEqualTo(2);
        assertThat(d.assignee()).as("the next step is claimed anew").isNull();
    }

    @Test
    void assignmentStaysWithinTheAgencyAndOnlyTheHolderOrALeaderReleases() {
        Dossier d = submitted(2);
        PortalUser handler = officer("ca.00308.xuly");
        d = decisions.claim(officer("ca.00308.tiepnhan"), d.id(), d.lockVersion());
        Dossier held = d;
        assertThatThrownBy(() -> decisions.release(handler, held.id(), held.lockVersion()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("assignment.notYours"));
        assertThatThrownBy(() -> decisions.assign(officer("ca.00308.tiepnhan"), held.id(), "ca.00304.xuly", held.lockVersion()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("assignment.notColleague"));
        assertThatThrownBy(() -> decisions.claim(officer("ca.00304.tiepnhan"), held.id(), held.lockVersion()))
                .satisfies(e -> assertThat(((UserFacingException) e).isNotFound()).isTrue());
        d = decisions.release(officer("ca.00308.tiepnhan"), d.id(), d.lockVersion());
        assertThat(d.assignee()).isNull();
        assertThat(jdbc.sql("select action from audit_log where subject_id = ? and action like 'dossier.%ed' order by id")
                .param(d.id().toString()).query(String.class).list()).containsSubsequence("dossier.claimed", "dossier.released");
    }

    @Test
    void twoOfficersClaimingAtOnceExactlyOneGetsIt() throws Exception {
        Dossier d = submitted(3);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> claims = List.of("ca.00308.tiepnhan", "ca.00308.xuly").stream()
                    .<Callable<String>>map(name -> () -> {
                        start.await();
                        try {
                            decisions.claim(officer(name), d.id(), d.lockVersion());
                            return "ok";
                        } catch (UserFacingException e) {
                            return e.code();
                        }
                    }).toList();
            List<Future<String>> results = claims.stream().map(pool::submit).toList();
            start.countDown();
            List<String> outcomes = List.of(results.get(0).get(), results.get(1).get());
            // The second waits for the first's lock, then is told who holds the dossier (or that it changed).
            assertThat(outcomes).containsOnlyOnce("ok");
            assertThat(outcomes).anyMatch(o -> o.equals("decision.assignedToOther") || o.equals("decision.concurrent"));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theQueueFiltersBySearchHolderAndDeadline() {
        Dossier d = submitted(4);
        PortalUser receiver = officer("ca.00308.tiepnhan");
        String name = d.applicantName();
        String folded = java.text.Normalizer.normalize(name.replace('Đ', 'D').replace('đ', 'd'), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase();
        // The prefix leaves out the last digit only: the tests before this one filed more than a page of today's
        // dossiers with this unit, so a shorter prefix could match a full page without this one.
        for (String search : List.of(d.receiptCode(), d.receiptCode().substring(0, d.receiptCode().length() - 1),
                d.applicantIdNumber(), folded, name.toUpperCase())) {
            assertThat(dossiers.queue(receiver, new QueueFilter(null, null, null, null, search), 0))
                    .as("search " + search).extracting(Dossier::id).contains(d.id());
        }
        assertThat(dossiers.queue(receiver, new QueueFilter(null, d.statusCode(), null, null, folded), 0))
                .as("name search within a status").extracting(Dossier::id).contains(d.id());
        assertThat(dossiers.queue(receiver, new QueueFilter(null, 10, null, null, folded), 0))
                .as("name search within another status").extracting(Dossier::id).doesNotContain(d.id());
        assertThat(dossiers.queue(receiver, new QueueFilter(null, null, null, null, "khong co ai ten nay"), 0)).isEmpty();
        assertThat(dossiers.queue(receiver, new QueueFilter("passport", null, null, null, d.receiptCode()), 0)).isEmpty();

        assertThat(dossiers.queue(receiver, new QueueFilter(null, null, QueueFilter.Scope.UNASSIGNED, null, d.receiptCode()), 0))
                .extracting(Dossier::id).contains(d.id());
        d = decisions.claim(receiver, d.id(), d.lockVersion());
        assertThat(dossiers.queue(receiver, new QueueFilter(null, null, QueueFilter.Scope.MINE, null, d.receiptCode()), 0))
                .extracting(Dossier::id).contains(d.id());
        assertThat(dossiers.queue(officer("ca.00308.xuly"), new QueueFilter(null, null, QueueFilter.Scope.MINE, null, null), 0))
                .extracting(Dossier::id).doesNotContain(d.id());

        jdbc.sql("update dossier set appointment_date = ? where id = ?").params(TODAY.minusDays(3), d.id()).update();
        assertThat(dossiers.queue(receiver, new QueueFilter(null, null, null, QueueFilter.Due.OVERDUE, null), 0))
                .extracting(Dossier::id).contains(d.id());
        assertThat(dossiers.queue(receiver, new QueueFilter(null, null, null, QueueFilter.Due.TODAY, null), 0))
                .extracting(Dossier::id).doesNotContain(d.id());
        jdbc.sql("update dossier set appointment_date = ? where id = ?").params(TODAY, d.id()).update();
        assertThat(dossiers.queue(receiver, new QueueFilter(null, null, null, QueueFilter.Due.TODAY, null), 0))
                .extracting(Dossier::id).contains(d.id());

        // A result finished late and waiting to be handed over was late; it is no longer overdue, as in the statistics.
        jdbc.sql("update dossier set appointment_date = ?, completed_at = now() where id = ?")
                .params(TODAY.minusDays(3), d.id()).update();
        assertThat(dossiers.queue(receiver, new QueueFilter(null, null, null, QueueFilter.Due.OVERDUE, null), 0))
                .extracting(Dossier::id).doesNotContain(d.id());
        UUID finished = d.id();
        assertThat(dossiers.queue(receiver, new QueueFilter(null, null, null, null, d.receiptCode()), 0))
                .filteredOn(x -> x.id().equals(finished)).singleElement()
                .satisfies(x -> assertThat(x.overdue(TODAY)).isFalse());
    }

    @Test
    void supplementationStopsTheLegalClockAndTheAppointmentMovesByTheDaysWaited() {
        PortalUser citizen = citizen(freeAdult(805), 2);
        Dossier d = feePaid(citizen, submitFilledIn(citizen, "criminal-record-certificate"));
        String prefix = jdbc.sql("select username from staff_role where agency_id = ? and role = 'HANDLER'")
                .param(d.agencyId()).query(String.class).single().replace(".xuly", "");
        d = decisions.decide(officer(prefix + ".tiepnhan"), d.id(), "receive", "", d.lockVersion());
        d = decisions.decide(officer(prefix + ".xuly"), d.id(), "request-supplement", "Thiếu bản khai", d.lockVersion());
        assertThat(d.clockPausedOn()).isEqualTo(TODAY);

        // The citizen answers a week later (as if the request had been made on the date set here).
        LocalDate asked = TODAY.minusDays(7);
        jdbc.sql("update dossier set clock_paused_on = ? where id = ?").params(asked, d.id()).update();
        LocalDate before = d.appointmentDate();
        d = decisions.act(citizen, d.id(), "resubmit", "Đã bổ sung", d.lockVersion());
        var days = calendar.current();
        assertThat(d.clockPausedOn()).isNull();
        assertThat(d.appointmentDate()).isEqualTo(days.addWorkingDays(before, days.workingDaysBetween(asked, TODAY)));
        assertThat(d.appointmentDate()).isAfter(before);
    }

    @Test
    void internalNotesStayWithTheAgencyAndEveryLookAtTheRegisterIsRecorded() {
        Dossier d = submitted(6);
        PortalUser receiver = officer("ca.00308.tiepnhan");
        decisions.addInternalNote(receiver, d.id(), UUID.randomUUID(), "Gọi điện xác minh chủ nhà trước khi tiếp nhận");
        assertThat(dossiers.officerTimeline(d)).extracting(e -> e.note()).contains("Gọi điện xác minh chủ nhà trước khi tiếp nhận");
        assertThat(dossiers.timeline(d)).extracting(e -> e.event()).doesNotContain("internal-note");
        assertThatThrownBy(() -> decisions.addInternalNote(officer("ca.00304.tiepnhan"), d.id(), UUID.randomUUID(), "x"))
                .satisfies(e -> assertThat(((UserFacingException) e).isNotFound()).isTrue());

        assertThat(dossiers.applicantRecord(receiver, d)).isPresent();
        assertThat(jdbc.sql("""
                        select count(*) from audit_log where action = 'population.viewed' and subject_id = ?
                          and actor = ? and details->>'dossier' = ?""")
                .params(d.applicantIdNumber(), receiver.username(), d.receiptCode()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Autowired
    vn.gov.portal.dossier.AgencyDashboard dashboard;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void theDashboardCountsTheAgencysDossiersAndShowsLeadersTheWorkloads() throws Exception {
        Dossier late = submitted(7);
        jdbc.sql("update dossier set appointment_date = ? where id = ?").params(TODAY.minusDays(2), late.id()).update();
        Dossier done = submitted(8);
        PortalUser leader = officer("ca.00308.lanhdao");
        late = decisions.claim(officer("ca.00308.xuly"), late.id(), late.lockVersion());
        done = decisions.decide(officer("ca.00308.tiepnhan"), done.id(), "receive", "", done.lockVersion());
        done = decisions.decide(officer("ca.00308.xuly"), done.id(), "process", "", done.lockVersion());
        decisions.decide(leader, done.id(), "approve", "", done.lockVersion());

        var figures = dashboard.of(leader);
        var residence = figures.byProcedure().stream().filter(p -> p.procedure().equals("temporary-residence"))
                .findFirst().orElseThrow();
        long overdueInDb = jdbc.sql("""
                        select count(*) from dossier where agency_id = ? and closed_at is null and appointment_date < ?
                          and procedure_code = 'temporary-residence'""")
                .params(late.agencyId(), TODAY).query(Long.class).single();
        assertThat(residence.overdue()).isEqualTo(overdueInDb).isPositive();
        assertThat(residence.completed30()).isPositive();
        assertThat(residence.onTime30()).isLessThanOrEqualTo(residence.completed30());
        assertThat(figures.workloads()).anySatisfy(w -> {
            assertThat(w.officer()).isEqualTo("ca.00308.xuly");
            assertThat(w.overdue()).isPositive();
        });
        assertThat(dashboard.of(officer("ca.00308.xuly")).workloads()).as("only leaders see workloads").isEmpty();
        assertThat(dashboard.of(officer("ca.00304.lanhdao")).workloads())
                .as("another agency's leader sees nothing of this one").noneMatch(w -> w.officer().startsWith("ca.00308."));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/officer/dashboard")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .authentication(login(leader))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("ca.00308.xuly")));
    }
}
