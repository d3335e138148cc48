package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.GroupWorkflow;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.AgencyDashboard;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.LongerDeadlines;
import vn.gov.portal.dossier.QueueFilter;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/**
 * In an interconnected group each agency sees only what its own form asks for: the death registration's step carries
 * no funeral-allowance answers. The group's own dossier holds them all and carries the first step's agency, so it is
 * no agency's dossier: the commune's civil-status officers neither read it (the claimant's bank account, the deceased's
 * entitlement, meant for the social insurance office) nor act on it, by any of the officers' routes to a dossier.
 */
class GroupAnswersPerAgencyTest extends PortalIntegrationTest {

    private static final String BANK_ACCOUNT = "970422123456";
    private static final String OFFICER_DOSSIER = "/officer/dossiers/{id}";

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    Dossiers dossiers;
    @Autowired
    Decisions decisions;
    @Autowired
    AgencyDashboard dashboard;
    @Autowired
    HolidayCalendarSource calendars;
    @Autowired
    LongerDeadlines longerDeadlines;
    @Autowired
    Clock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theFirstStepsOfficersDoNotReadTheAnswersMeantForALaterStepsAgency() throws Exception {
        PortalUser filer = citizen(freeAdultOfLargeHousehold(540), 2);
        Dossier filed = fileDeathGroupClaimingTheAllowance(filer);
        Dossier deathStep = dossiers.steps(dossiers.forCitizen(filer, filed.id())).get(0);
        assertThat(deathStep.answers()).as("the step itself carries none").doesNotContainKey("bankAccount");
        assertThat(filed.agencyId()).as("the group carries the first step's agency").isEqualTo(deathStep.agencyId());

        // The step is the civil-status officers' dossier, without the claim's answers.
        String handler = staffWith(deathStep, "HANDLER");
        var stepPage = mvc.perform(get("/officer/dossiers/" + deathStep.id())
                .with(authentication(login(officer(handler))))).andReturn().getResponse();
        assertThat(stepPage.getStatus()).isEqualTo(200);
        assertThat(stepPage.getContentAsString(StandardCharsets.UTF_8)).doesNotContain(BANK_ACCOUNT);

        // The group's own dossier is no agency's: every officers' route to a dossier answers "not found" for it, to
        // each role of that agency, and changes nothing (the posts carry the group's own lock version and event).
        Dossier group = dossiers.forCitizen(filer, filed.id());
        UUID groupFile = jdbc.sql("select id from attachment where dossier_id = ? limit 1").param(group.id())
                .query(UUID.class).single();
        long events = eventsOf(group);
        List<String> routes = officerDossierRoutes();
        assertThat(routes).contains("GET " + OFFICER_DOSSIER, "GET " + OFFICER_DOSSIER + "/forms/{number}",
                "GET " + OFFICER_DOSSIER + "/attachments/{attachmentId}", "GET " + OFFICER_DOSSIER + "/control-sheet",
                "POST " + OFFICER_DOSSIER + "/notes", "POST " + OFFICER_DOSSIER + "/assignment",
                "POST " + OFFICER_DOSSIER + "/decisions", "POST " + OFFICER_DOSSIER + "/deadline");
        for (String role : List.of("RECEIVER", "HANDLER", "APPROVER")) {
            PortalUser officer = officer(staffWith(deathStep, role));
            for (String route : routes) {
                MockHttpServletResponse response = send(route, group, groupFile, officer);
                assertThat(response.getStatus()).as(route + " of the group as " + officer.username()).isEqualTo(404);
                assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(route).doesNotContain(BANK_ACCOUNT);
            }
            // Nor does it come up in the queue, even searched for by its own receipt code; its step does.
            assertThat(dossiers.queue(officer, new QueueFilter(null, null, null, null, group.receiptCode()), 0))
                    .extracting(Dossier::id).contains(deathStep.id()).doesNotContain(group.id());
        }
        Dossier after = dossiers.forCitizen(filer, group.id());
        assertThat(after.lockVersion()).isEqualTo(group.lockVersion());
        assertThat(after.assignee()).isNull();
        assertThat(after.appointmentDate()).isEqualTo(group.appointmentDate());
        assertThat(eventsOf(after)).isEqualTo(events);

        // A group claimed before officers lost it stays held: it is not counted in the leader's workloads.
        String approver = staffWith(deathStep, "APPROVER");
        long held = heldBy(approver);
        jdbc.sql("update dossier set assignee = ? where id = ?").params(approver, group.id()).update();
        assertThat(dashboard.of(officer(approver)).workloads()).filteredOn(w -> w.officer().equals(approver))
                .allMatch(w -> w.open() == held);
    }

    @Test
    void theGroupsAppointmentWaitsWhileAStepWaitsForTheCitizen() throws Exception {
        PortalUser filer = citizen(freeAdultOfLargeHousehold(560), 2);
        Dossier group = fileDeathGroupClaimingTheAllowance(filer);
        Dossier step = dossiers.steps(group).get(0);
        step = decisions.decide(officer(staffWith(step, "RECEIVER")), step.id(), "receive", "", step.lockVersion());
        step = decisions.decide(officer(staffWith(step, "HANDLER")), step.id(), "request-supplement",
                "Bổ sung bản chụp giấy báo tử rõ nét", step.lockVersion());
        LocalDate today = LocalDate.now(clock);
        group = dossiers.forCitizen(filer, group.id());
        assertThat(group.clockPausedOn()).as("the group's clock stops with its step's").isEqualTo(today);

        // The request was made a week ago, on the group's appointment day: waiting for the citizen, it is not late.
        LocalDate asked = today.minusDays(7);
        jdbc.sql("update dossier set clock_paused_on = ? where id in (?, ?)").params(asked, step.id(), group.id()).update();
        jdbc.sql("update dossier set appointment_date = ? where id = ?").params(asked, group.id()).update();
        group = dossiers.forCitizen(filer, group.id());
        assertThat(group.overdue(today)).isFalse();
        String page = mvc.perform(get("/my/dossiers/" + group.id()).with(authentication(login(filer))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("action-resubmit").doesNotContain("id=\"overdue\"");

        // The citizen answers: the group's appointment moves by the working days waited, as the step's does.
        decisions.act(filer, step.id(), "resubmit", "Đã bổ sung", step.lockVersion());
        var days = calendars.current();
        group = dossiers.forCitizen(filer, group.id());
        assertThat(group.clockPausedOn()).isNull();
        assertThat(group.appointmentDate()).isEqualTo(days.addWorkingDays(asked, days.workingDaysBetween(asked, today)));
        assertThat(dossiers.forCitizen(filer, step.id()).clockPausedOn()).isNull();
    }

    /**
     * Review finding: an officer's extension of a step (the apology letter, form 04) moved the step's appointment only,
     * so the citizen's group page kept a date the chain could no longer meet. The group's appointment now moves by the
     * working days the step's did, as for the days a step waits for a supplement.
     */
    @Test
    void anExtendedStepMovesTheGroupsAppointmentByTheSameWorkingDays() throws Exception {
        PortalUser filer = citizen(freeAdultOfLargeHousehold(710), 2);
        Dossier group = fileDeathGroupClaimingTheAllowance(filer);
        Dossier step = dossiers.steps(group).get(0);
        step = decisions.decide(officer(staffWith(step, "RECEIVER")), step.id(), "receive", "", step.lockVersion());
        var days = calendars.current();
        LocalDate groupDue = dossiers.forCitizen(filer, group.id()).appointmentDate();
        LocalDate newDate = days.addWorkingDays(step.appointmentDate(), 2);

        decisions.extendDeadline(officer(staffWith(step, "HANDLER")), step.id(), newDate,
                "Cần xác minh thông tin người đã mất với cơ sở y tế", step.lockVersion());

        LocalDate moved = days.addWorkingDays(groupDue, days.workingDaysBetween(step.appointmentDate(), newDate));
        assertThat(moved).isAfter(groupDue);
        assertThat(dossiers.forCitizen(filer, group.id()).appointmentDate()).isEqualTo(moved);
        String page = mvc.perform(get("/my/dossiers/" + group.id()).with(authentication(login(filer))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(moved.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'group.appointment-moved' and subject_id = ?")
                .param(group.id().toString()).query(Long.class).single()).isEqualTo(1);
    }

    /** The lawful longer time of a step (the death registration's 3 days to verify) moves the group's the same way. */
    @Test
    void aStepsLongerDeadlineMovesTheGroupsAppointmentByTheSameWorkingDays() {
        PortalUser filer = citizen(freeAdultOfLargeHousehold(740), 2);
        Dossier group = fileDeathGroupClaimingTheAllowance(filer);
        Dossier step = dossiers.steps(group).get(0);
        step = decisions.decide(officer(staffWith(step, "RECEIVER")), step.id(), "receive", "", step.lockVersion());
        var days = calendars.current();
        LocalDate groupDue = dossiers.forCitizen(filer, group.id()).appointmentDate();

        Dossier longer = longerDeadlines.apply(officer(staffWith(step, "HANDLER")), step.id(), step.lockVersion());

        assertThat(longer.appointmentDate()).isAfter(step.appointmentDate());
        assertThat(dossiers.forCitizen(filer, group.id()).appointmentDate()).isEqualTo(days.addWorkingDays(groupDue,
                days.workingDaysBetween(step.appointmentDate(), longer.appointmentDate())));
    }

    /**
     * V50_1 releases the groups officers claimed before groups became no agency's (a claim nobody could end since),
     * as a release would (lock version moved on, audited with whom it held), and leaves the steps' claims alone. Run on
     * temporary copies of the group and its step, held by the same officer.
     */
    @Test
    void theMigrationReleasesTheGroupsClaimedBeforeAndOnlyThem() throws Exception {
        PortalUser filer = citizen(freeAdultOfLargeHousehold(580), 2);
        Dossier group = fileDeathGroupClaimingTheAllowance(filer);
        Dossier step = dossiers.steps(dossiers.forCitizen(filer, group.id())).get(0);
        String officer = staffWith(step, "HANDLER");
        String migration = new String(getClass().getResourceAsStream(
                "/db/migration/V50_1__group_dossiers_unassigned.sql").readAllBytes(), StandardCharsets.UTF_8);
        record Row(UUID id, String assignee, int lockVersion) {}
        record Audited(String actor, String action, String subject, String heldBy) {}
        record After(List<Row> dossiers, List<Audited> audit) {}
        After after = new TransactionTemplate(transactions).execute(t -> {
            // Temporary tables of the same names come first in the search path: the migration runs on them alone.
            jdbc.sql("create temporary table dossier (like public.dossier including defaults) on commit drop").update();
            jdbc.sql("create temporary table audit_log (like public.audit_log including all) on commit drop").update();
            jdbc.sql("insert into dossier select * from public.dossier where id in (?, ?)")
                    .params(group.id(), step.id()).update();
            jdbc.sql("update dossier set assignee = ?").param(officer).update();
            jdbc.sql(migration).update();
            return new After(jdbc.sql("select id, assignee, lock_version from dossier").query((rs, n) -> new Row(
                            rs.getObject("id", UUID.class), rs.getString("assignee"), rs.getInt("lock_version"))).list(),
                    jdbc.sql("select actor, action, subject_id, details ->> 'heldBy' as held_by from audit_log")
                            .query((rs, n) -> new Audited(rs.getString("actor"), rs.getString("action"),
                                    rs.getString("subject_id"), rs.getString("held_by"))).list());
        });
        assertThat(after.dossiers()).containsExactlyInAnyOrder(
                new Row(group.id(), null, dossiers.forCitizen(filer, group.id()).lockVersion() + 1),
                new Row(step.id(), officer, dossiers.forCitizen(filer, step.id()).lockVersion()));
        assertThat(after.audit()).containsExactly(
                new Audited("portal", "dossier.released", group.id().toString(), officer));
    }

    private Dossier fileDeathGroupClaimingTheAllowance(PortalUser filer) {
        ProcedureDefinition group = catalog.find("death-residence-funeral-allowance").orElseThrow();
        Map<String, String> answers = new HashMap<>(PrefillRelationsTest.deathAnswers(oldestOtherMember(filer.subject())));
        answers.put("claimFuneralAllowance", "true");
        answers.put("category", "PENSIONER");
        answers.put("bankAccount", BANK_ACCOUNT);
        Filing.Outcome outcome = filing.submit(filer, group, attachRequired(filer, group, UUID.randomUUID()), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier filed = ((Filing.Submitted) outcome).dossier();
        assertThat(filed.answers()).containsEntry("bankAccount", BANK_ACCOUNT);
        return filed;
    }

    /** Every route of the portal under an officer's dossier, as "METHOD pattern", from Spring's handler mapping. */
    private List<String> officerDossierRoutes() {
        List<String> routes = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.equals(OFFICER_DOSSIER) || p.startsWith(OFFICER_DOSSIER + "/"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> routes.add(m.name() + " " + p))));
        return routes;
    }

    /** The route for the group, with every parameter any of them takes, so that none stops at a missing one. */
    private MockHttpServletResponse send(String route, Dossier group, UUID file, PortalUser officer) throws Exception {
        String[] parts = route.split(" ");
        String url = parts[1].replace("{id}", group.id().toString()).replace("{number}", "01")
                .replace("{attachmentId}", file.toString());
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(parts[0]), url)
                .with(authentication(login(officer)));
        if (!parts[0].equals("GET")) {
            LocalDate later = group.appointmentDate().plusDays(14);
            request = request.with(csrf()).param("lockVersion", String.valueOf(group.lockVersion()))
                    .param("event", GroupWorkflow.ADVANCE).param("action", "claim").param("colleague", officer.username())
                    .param("note", "Ghi chú nội bộ").param("reason", "Cần xác minh thêm").param("newDate", later.toString())
                    .param("formId", UUID.randomUUID().toString()).param("supplementDue", later.toString());
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private long eventsOf(Dossier dossier) {
        return jdbc.sql("select count(*) from dossier_event where dossier_id = ?").param(dossier.id())
                .query(Long.class).single();
    }

    /** The open dossiers, other than interconnected groups' own, the officer holds in the agencies they lead. */
    private long heldBy(String officer) {
        return jdbc.sql("""
                        select count(*) from dossier where assignee = ? and closed_at is null and not is_group
                          and agency_id in (select agency_id from staff_role where username = ? and role = 'APPROVER')""")
                .params(officer, officer).query(Long.class).single();
    }
}
