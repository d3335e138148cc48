package vn.gov.portal.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PageChecks;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * Statistics over known dossiers: each test files them through Filing and decides them through Decisions at
 * commune police units that have no dossier yet, so that the counts are exact; dates are moved in SQL where a test
 * needs a dossier late, in another month or taking a known number of days.
 */
class StatisticsTest extends PortalIntegrationTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String PROCEDURE = "temporary-residence";

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    DossierStatistics statistics;

    /** A commune police unit without dossiers, and its demo staff (ca.<commune>.tiepnhan / xuly / lanhdao). */
    record Unit(long id, String unitCode, String provinceCode, String communeCode) {
        String staff(String role) {
            return "ca." + communeCode + "." + role;
        }
    }

    private int nextPerson = 1700;

    private Unit freshUnit() {
        return jdbc.sql("""
                        select a.id, a.unit_code, a.province_code, a.commune_code from agency a
                        where a.kind = 'COMMUNE_POLICE' and not exists (select 1 from dossier d where d.agency_id = a.id)
                          and exists (select 1 from staff_role r where r.agency_id = a.id and r.role = 'APPROVER')
                        order by a.id desc limit 1""")
                .query(Unit.class).single();
    }

    private Dossier file(Unit unit) {
        PortalUser citizen = citizen(freeAdult(nextPerson++), 2);
        return ((Filing.Submitted) filing.submit(citizen, catalog.find(PROCEDURE).orElseThrow(), UUID.randomUUID(),
                temporaryResidence(unit.provinceCode(), unit.communeCode()))).dossier();
    }

    /** Received, processed and approved by the unit's officers: status 9, completed now. */
    private Dossier complete(Unit unit, Dossier d) {
        d = decisions.decide(officer(unit.staff("tiepnhan")), d.id(), "receive", "", d.lockVersion());
        d = decisions.decide(officer(unit.staff("xuly")), d.id(), "process", "", d.lockVersion());
        return decisions.decide(officer(unit.staff("lanhdao")), d.id(), "approve", "", d.lockVersion());
    }

    private void setAppointment(Dossier d, LocalDate date) {
        jdbc.sql("update dossier set appointment_date = ? where id = ?").params(date, d.id()).update();
    }

    private static LocalDate today() {
        return LocalDate.now(VIETNAM);
    }

    private static ReportFilter lastTwelveMonths() {
        return new ReportFilter(Period.lastTwelveMonths(YearMonth.now(VIETNAM)), null, null);
    }

    /**
     * Agency A: one completed on time in 3 days, one completed late in 5 days, one open and overdue, one open in time.
     * Agency B: one completed on time.
     */
    private Unit[] knownDossiers() {
        Unit a = freshUnit();
        Dossier onTime = complete(a, file(a));
        Dossier late = file(a);
        setAppointment(late, today().minusDays(2));
        late = complete(a, late);
        Dossier overdue = file(a);
        setAppointment(overdue, today().minusDays(1));
        file(a);
        jdbc.sql("update dossier set submitted_at = completed_at - interval '3 days' where id = ?").param(onTime.id()).update();
        jdbc.sql("update dossier set submitted_at = completed_at - interval '5 days' where id = ?").param(late.id()).update();
        Unit b = freshUnit();
        complete(b, file(b));
        return new Unit[] {a, b};
    }

    /**
     * While the citizen is asked for a supplement the legal clock stands still (the appointment moves by the days
     * waited when it comes back): a dossier paused before its appointment date is not overdue on any page or figure,
     * while one whose clock runs past its date is.
     */
    @Test
    void aDossierAwaitingASupplementIsNotOverdueOnPagesDashboardOrStatistics(
            @Autowired vn.gov.portal.dossier.AgencyDashboard dashboard,
            @Autowired vn.gov.portal.dossier.Dossiers dossiers) throws Exception {
        Unit unit = freshUnit();
        PortalUser applicant = citizen(freeAdult(nextPerson++), 2);
        Dossier paused = ((Filing.Submitted) filing.submit(applicant, catalog.find(PROCEDURE).orElseThrow(),
                UUID.randomUUID(), temporaryResidence(unit.provinceCode(), unit.communeCode()))).dossier();
        paused = decisions.decide(officer(unit.staff("tiepnhan")), paused.id(), "receive", "", paused.lockVersion());
        paused = decisions.decide(officer(unit.staff("xuly")), paused.id(), "request-supplement", "Thiếu giấy tờ",
                paused.lockVersion());
        assertThat(paused.statusCode()).isEqualTo(5);
        // The clock stopped five days ago, two days before the appointment, and the citizen has not answered yet.
        jdbc.sql("update dossier set clock_paused_on = ?, appointment_date = ? where id = ?")
                .params(today().minusDays(5), today().minusDays(3), paused.id()).update();
        Dossier running = file(unit);
        setAppointment(running, today().minusDays(1));

        paused = dossiers.forCitizen(applicant, paused.id());
        assertThat(paused.overdue(today())).isFalse();
        assertThat(dossiers.forCitizen(citizen(running.applicantIdNumber(), 2), running.id()).overdue(today())).isTrue();
        mvc.perform(get("/my/dossiers/" + paused.id()).with(authentication(login(applicant))))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("id=\"overdue\""))));
        mvc.perform(get("/my/dossiers").with(authentication(login(applicant))))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("row-overdue"))));
        mvc.perform(get("/officer/dossiers/" + paused.id()).with(authentication(login(officer(unit.staff("xuly"))))))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("id=\"overdue\""))));
        mvc.perform(get("/officer/queue").param("due", "OVERDUE")
                        .with(authentication(login(officer(unit.staff("lanhdao"))))))
                .andExpect(status().isOk()).andExpect(content().string(containsString(running.receiptCode())))
                .andExpect(content().string(not(containsString(paused.receiptCode()))));

        var figures = dashboard.of(officer(unit.staff("lanhdao")));
        assertThat(figures.overdue()).as("only the dossier whose clock runs").isEqualTo(1);
        assertThat(figures.byProcedure()).extracting(f -> f.overdue()).containsExactly(1L);
        Report report = statistics.report(Scope.of(List.of(unit.id())), lastTwelveMonths());
        assertThat(report.total().overdueNow()).isEqualTo(1);
    }

    /**
     * A marriage the agency never received — ended at the partner's confirmation by the register's conditions (status
     * 3, like a refusal at intake), or withdrawn while it waited for the partner — is not the agency's: it counts
     * neither as submitted to it nor, on the dashboard, as refused at its intake, and is not in its register book
     * (form 06). One the partner confirmed and the agency refused at intake counts as both.
     */
    @Test
    void aMarriageTheAgencyNeverReceivedCountsNeitherAsSubmittedNorAsRefusedAtIntakeNorInTheBook(
            @Autowired vn.gov.portal.dossier.AgencyDashboard dashboard,
            @Autowired vn.gov.portal.forms.RegisterBook book,
            @Autowired vn.gov.portal.agency.AgencyDirectory agencies) {
        String underage = "between current_date - interval '17 years 11 months' and current_date - interval '16 years 1 month'";
        Dossier unmet = fileMarriage(freeSingle("M", 370), single("F", underage, 5));
        Dossier withdrawn = fileMarriage(freeSingle("M", 371), freeSingle("F", 371));
        Dossier refused = fileMarriage(freeSingle("M", 372), freeSingle("F", 372));
        List<Dossier> all = List.of(unmet, withdrawn, refused);
        List<Figures> before = all.stream().map(this::marriageFigures).toList();
        List<Long> refusedBefore = all.stream().map(d -> refusedAtIntake(dashboard, d)).toList();

        PortalUser unmetPartner = citizen(unmet.partyIdNumber(), 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decisions.act(unmetPartner, unmet.id(), "confirm", "",
                unmet.lockVersion())).isInstanceOf(vn.gov.portal.dossier.DossierEnded.class);
        assertThat(decisions.act(citizen(withdrawn.applicantIdNumber(), 2), withdrawn.id(), "withdraw", "",
                withdrawn.lockVersion()).state()).isEqualTo("withdrawn");
        Dossier confirmed = decisions.act(citizen(refused.partyIdNumber(), 2), refused.id(), "confirm", "",
                refused.lockVersion());
        assertThat(decisions.decide(officer(staffWith(confirmed, "RECEIVER")), refused.id(), "refuse", "Thiếu giấy tờ.",
                confirmed.lockVersion()).statusCode()).isEqualTo(3);
        assertThat(jdbc.sql("select state || ' ' || status_code from dossier where id = ?").param(unmet.id())
                .query(String.class).single()).isEqualTo("conditions-unmet 3");

        for (int i = 0; i < all.size(); i++) {
            Dossier d = all.get(i);
            long received = d == refused ? 1 : 0;
            assertThat(marriageFigures(d).submitted()).as(d.state() + " submitted").isEqualTo(before.get(i).submitted() + received);
            assertThat(refusedAtIntake(dashboard, d)).as(d.state() + " refused at intake").isEqualTo(refusedBefore.get(i) + received);
            var agency = agencies.find(d.agencyId()).orElseThrow();
            var entries = book.read(agency, today(), today()).entries();
            if (d == refused) {
                assertThat(entries).extracting(vn.gov.portal.forms.RegisterBook.Entry::receiptCode).contains(d.receiptCode());
            } else {
                assertThat(entries).extracting(vn.gov.portal.forms.RegisterBook.Entry::receiptCode).doesNotContain(d.receiptCode());
            }
        }
    }

    private Dossier fileMarriage(String filer, String partner) {
        Filing.Outcome outcome = filing.submit(citizen(filer, 2), catalog.find("marriage-registration").orElseThrow(),
                UUID.randomUUID(), java.util.Map.of("phone", "0912345678", "partner", partner,
                        Filing.confirmationOf("partner"), partner, "voluntaryDeclaration", "true"));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return ((Filing.Submitted) outcome).dossier();
    }

    private String single(String sex, String birthDates, int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where p.marital_status = 'SINGLE' and p.sex = ? and p.birth_date\s""" + birthDates + """
                         and\s""" + FREE + " order by p.id_number", offset, sex);
    }

    private Figures marriageFigures(Dossier d) {
        return statistics.report(Scope.of(List.of(d.agencyId())),
                new ReportFilter(lastTwelveMonths().period(), "marriage-registration", null)).total();
    }

    private long refusedAtIntake(vn.gov.portal.dossier.AgencyDashboard dashboard, Dossier d) {
        return dashboard.of(officer(staffWith(d, "RECEIVER"))).byStatus().stream().filter(c -> c.status() == 3)
                .mapToLong(vn.gov.portal.dossier.AgencyDashboard.StatusCount::dossiers).sum();
    }

    @Test
    void aLeaderCountsOnlyTheirAgencysDossiersWithExactRatesAndTimes() {
        Unit[] units = knownDossiers();
        Unit a = units[0];
        Report report = statistics.report(Scope.of(List.of(a.id())), lastTwelveMonths());

        Figures total = report.total();
        assertThat(total.submitted()).isEqualTo(4);
        assertThat(total.completed()).isEqualTo(2);
        assertThat(total.onTime()).isEqualTo(1);
        assertThat(total.onTimePercent()).isEqualTo(50);
        assertThat(total.averageDays()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(total.overdueNow()).as("the open dossier past its date; the late one is completed").isEqualTo(1);
        assertThat(report.byProcedure()).containsOnlyKeys(PROCEDURE);
        assertThat(report.byProcedure().get(PROCEDURE)).isEqualTo(total);
        assertThat(report.byAgency()).as("agency B never counted").containsOnlyKeys(a.id());
        assertThat(report.byMonth().values().stream().mapToLong(Figures::submitted).sum()).isEqualTo(4);
        assertThat(report.byMonth()).hasSize(12);

        Report both = statistics.report(Scope.of(List.of(a.id(), units[1].id())), lastTwelveMonths());
        assertThat(both.total().submitted()).isEqualTo(5);
        assertThat(both.byAgency().get(units[1].id()).onTimePercent()).isEqualTo(100);
        Report onlyB = statistics.report(Scope.NATIONAL, new ReportFilter(lastTwelveMonths().period(), PROCEDURE, units[1].id()));
        assertThat(onlyB.total().submitted()).isEqualTo(1);
        assertThat(onlyB.total().completed()).isEqualTo(1);
        Report otherProcedure = statistics.report(Scope.of(List.of(a.id())),
                new ReportFilter(lastTwelveMonths().period(), "passport", null));
        assertThat(otherProcedure.total().submitted()).isZero();
    }

    @Test
    void monthsCountSubmissionsAndCompletionsInTheMonthTheyHappened() {
        Unit a = freshUnit();
        YearMonth current = YearMonth.now(VIETNAM);
        YearMonth twoAgo = current.minusMonths(2);
        YearMonth oneAgo = current.minusMonths(1);
        Dossier first = file(a);
        Dossier second = file(a);
        Dossier third = complete(a, file(a));
        at(first, "submitted_at", twoAgo.atDay(15).atTime(9, 0));
        at(second, "submitted_at", twoAgo.atDay(20).atTime(23, 30));   // 23:30 in Vietnam, 16:30 UTC: still that day
        at(third, "submitted_at", oneAgo.atDay(1).atTime(0, 30));       // 00:30 on the 1st in Vietnam: the new month
        at(third, "completed_at", oneAgo.atDay(3).atTime(10, 0));
        jdbc.sql("update dossier set appointment_date = ? where id = ?").params(oneAgo.atDay(3), third.id()).update();

        Report report = statistics.report(Scope.of(List.of(a.id())),
                new ReportFilter(new Period(twoAgo, current), null, null));
        assertThat(report.byMonth().keySet()).containsExactly(twoAgo, oneAgo, current);
        assertThat(report.byMonth().get(twoAgo).submitted()).isEqualTo(2);
        assertThat(report.byMonth().get(twoAgo).completed()).isZero();
        assertThat(report.byMonth().get(oneAgo).submitted()).isEqualTo(1);
        assertThat(report.byMonth().get(oneAgo).completed()).isEqualTo(1);
        assertThat(report.byMonth().get(oneAgo).onTimePercent()).as("completed on its appointment day").isEqualTo(100);
        assertThat(report.byMonth().get(current).submitted()).isZero();
        assertThat(report.byMonth().get(oneAgo).averageDays()).isCloseTo(2 + 9.5 / 24, org.assertj.core.data.Offset.offset(0.001));

        Report lastMonthOnly = statistics.report(Scope.of(List.of(a.id())), new ReportFilter(new Period(oneAgo, oneAgo), null, null));
        assertThat(lastMonthOnly.total().submitted()).isEqualTo(1);
        assertThat(lastMonthOnly.total().completed()).isEqualTo(1);
    }

    private void at(Dossier d, String column, LocalDateTime vietnamTime) {
        jdbc.sql("update dossier set " + column + " = ? where id = ?")
                .params(java.sql.Timestamp.from(vietnamTime.atZone(VIETNAM).toInstant()), d.id()).update();
    }

    @Test
    void theLeadersPageAndCsvShowTheirFiguresAndOthersAreRefused() throws Exception {
        Unit[] units = knownDossiers();
        Unit a = units[0];
        PortalUser leader = officer(a.staff("lanhdao"));
        mvc.perform(get("/officer/statistics").with(authentication(login(leader))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"by-procedure\"")))
                .andExpect(content().string(containsString("Đăng ký tạm trú")))
                .andExpect(content().string(containsString("/webjars/echarts/5.3.1/dist/echarts.min.js")));

        byte[] csv = mvc.perform(get("/officer/statistics/by-procedure.csv").with(authentication(login(leader))))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = List.of(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("Thủ tục,Hồ sơ đã nộp,Đã giải quyết,Giải quyết đúng hạn,Tỷ lệ đúng hạn (%),"
                + "Thời gian giải quyết trung bình (ngày),Đang quá hạn");
        assertThat(lines).contains("Đăng ký tạm trú,4,2,1,50,4.0,1");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Tổng cộng,4,2,1,50,4.0,1");
        assertThat(lines).as("every other procedure of the catalogue, with nothing").contains("Cấp hộ chiếu phổ thông,0,0,0,,,0");

        String agencyCsv = new String(mvc.perform(get("/officer/statistics/by-agency.csv").param("lang", "en")
                        .with(authentication(login(leader)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(agencyCsv).startsWith("\uFEFFAgency,Submitted,Completed").doesNotContain(units[1].unitCode());

        mvc.perform(get("/officer/statistics").param("agency", units[1].unitCode()).with(authentication(login(leader))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/officer/statistics").with(authentication(login(officer(a.staff("xuly"))))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/officer/statistics/by-month.csv").with(authentication(login(officer(a.staff("tiepnhan"))))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/statistics").with(authentication(login(leader)))).andExpect(status().isForbidden());
        PortalUser citizen = citizen(freeAdult(1790), 2);
        mvc.perform(get("/admin/statistics").with(authentication(login(citizen)))).andExpect(status().isForbidden());
        mvc.perform(get("/officer/statistics").with(authentication(login(citizen)))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/statistics")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/statistics/by-month.csv")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/officer/statistics")).andExpect(status().is3xxRedirection());
    }

    @Test
    void adminsSeeEveryAgencyAndBadFiltersAreExplained() throws Exception {
        Unit[] units = knownDossiers();
        var admin = authentication(login(officer("quantri"), true));
        mvc.perform(get("/admin").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/admin/statistics\"")));
        mvc.perform(get("/admin/statistics").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"by-agency\"")))
                .andExpect(content().string(containsString(units[0].unitCode())));
        String csv = new String(mvc.perform(get("/admin/statistics/by-procedure.csv").with(admin)
                        .param("agency", units[1].unitCode()).param("procedure", PROCEDURE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(csv).contains("\r\nĐăng ký tạm trú,1,1,1,100,");

        mvc.perform(get("/admin/statistics").with(admin).param("agency", "KHONG.CO").param("from", "2026-13"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"error-summary\"")))
                .andExpect(content().string(containsString("href=\"#filter-agency\"")))
                .andExpect(content().string(containsString("href=\"#filter-from\"")))
                .andExpect(content().string(containsString("Không có cơ quan nào có mã đơn vị này.")))
                .andExpect(content().string(not(containsString("id=\"by-month\""))));
        mvc.perform(get("/admin/statistics").with(admin).param("from", "2026-05").param("to", "2026-01").param("lang", "en"))
                .andExpect(content().string(containsString("The last month must be the same as or after the first month.")));
        mvc.perform(get("/admin/statistics/by-month.csv").with(admin).param("from", "x")).andExpect(status().isBadRequest());
        mvc.perform(get("/admin/statistics/nothing.csv").with(admin)).andExpect(status().isNotFound());
    }

    @Test
    void thePublicPageNeedsNoLoginAndNamesNobody() throws Exception {
        Unit[] units = knownDossiers();
        String applicant = jdbc.sql("select applicant_name from dossier where agency_id = ? limit 1")
                .param(units[0].id()).query(String.class).single();
        mvc.perform(get("/statistics")).andExpect(status().isOk())
                .andExpect(result -> PageChecks.scrollingTablesAreNamedRegions(result.getResponse().getContentAsString()))
                .andExpect(content().string(containsString("id=\"public\"")))
                .andExpect(content().string(containsString("Đăng ký tạm trú")))
                .andExpect(content().string(not(containsString(applicant))))
                .andExpect(content().string(not(containsString(units[0].staff("lanhdao")))))
                .andExpect(content().string(not(containsString(units[0].unitCode()))));
        byte[] csv = mvc.perform(get("/statistics.csv")).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith("\uFEFFThủ tục,Hồ sơ đã nộp")
                .doesNotContain(applicant).doesNotContain("Công an");
        mvc.perform(get("/")).andExpect(content().string(containsString("href=\"/statistics\"")));
        mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js")).andExpect(status().isOk());
        mvc.perform(get("/js/statistics-charts.js")).andExpect(status().isOk());
    }

    @Test
    void ratingsAreCountedForTheScope() {
        Unit[] units = knownDossiers();
        List<UUID> inA = jdbc.sql("select id from dossier where agency_id = ? and completed_at is not null order by id")
                .param(units[0].id()).query(UUID.class).list();
        UUID inB = jdbc.sql("select id from dossier where agency_id = ?").param(units[1].id()).query(UUID.class).single();
        rate(inA.get(0), 5);
        rate(inA.get(1), 2);
        rate(inB, 1);
        // A group's own dossier carries its first step's agency, but the agency handles the step, rated apart: the
        // group's rating is not that agency's (as in the dossier figures).
        Dossier group = complete(units[0], file(units[0]));
        jdbc.sql("update dossier set is_group = true where id = ?").param(group.id()).update();
        rate(group.id(), 1);

        RatingFigures ratings = new RatingFigures(jdbc);
        RatingFigures.RatingReport report = ratings.of(Scope.of(List.of(units[0].id())), lastTwelveMonths()).orElseThrow();
        assertThat(report.total().count()).isEqualTo(2);
        assertThat(report.total().average()).isEqualTo(3.5);
        assertThat(report.total().withStars(5)).isEqualTo(1);
        assertThat(report.total().withStars(2)).isEqualTo(1);
        assertThat(report.total().withStars(1)).as("agency B's rating").isZero();
        assertThat(report.byProcedure().get(PROCEDURE).count()).isEqualTo(2);
    }

    private void rate(UUID dossier, int stars) {
        jdbc.sql("""
                        insert into dossier_rating (dossier_id, score, comment, rated_by, rated_at)
                        select id, ?, ?, applicant_id_number, now() from dossier where id = ?""")
                .params(stars, "Nhanh, đúng hẹn", dossier).update();
    }
}
