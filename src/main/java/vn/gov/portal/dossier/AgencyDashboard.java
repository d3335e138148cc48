package vn.gov.portal.dossier;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.identity.PortalUser;

/**
 * An agency's figures for its officers, over the dossiers it has received (not those awaiting a fee before intake
 * or the other party): what waits in each status, what is due today or overdue, the on-time rate
 * of the last 30 days per procedure with the applicants' average rating, and — for leaders — who holds how many open
 * dossiers.
 */
@Service
public class AgencyDashboard {

    public record StatusCount(int status, long dossiers) {}

    /** {@code ratings}: how many of the agency's dossiers of the procedure were rated; their average score (1–5). */
    public record ProcedureFigures(String procedure, long open, long dueToday, long overdue, long completed30,
                                   long onTime30, long ratings, Double averageRating) {
        /** Share of the dossiers completed in the last 30 days that were completed by their appointment date. */
        public Integer onTimePercent() {
            return Completion.onTimePercent(onTime30, completed30);
        }
    }

    public record Workload(String officer, long open, long overdue) {}

    public record Figures(List<StatusCount> byStatus, long dueToday, long overdue, List<ProcedureFigures> byProcedure,
                          List<Workload> workloads) {}

    private final JdbcClient jdbc;
    private final AgencyDirectory agencies;
    private final Clock clock;

    AgencyDashboard(JdbcClient jdbc, AgencyDirectory agencies, Clock clock) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.clock = clock;
    }

    public Figures of(PortalUser officer) {
        List<Long> ids = agencies.agenciesOf(officer.username()).stream().map(Agency::id).toList();
        if (ids.isEmpty()) {
            return new Figures(List.of(), 0, 0, List.of(), List.of());
        }
        LocalDate today = LocalDate.now(clock);
        List<StatusCount> byStatus = jdbc.sql("""
                        select status_code, count(*) from dossier
                        where agency_id in (:ids) and received_at is not null and not is_group
                        group by status_code order by status_code""")
                .param("ids", ids).query((rs, n) -> new StatusCount(rs.getInt(1), rs.getLong(2))).list();
        List<ProcedureFigures> byProcedure = jdbc.sql("""
                        select d.procedure_code,
                               count(*) filter (where d.closed_at is null),
                               count(*) filter (where d.closed_at is null and d.completed_at is null
                                                  and d.appointment_date = :today and d.clock_paused_on is null),
                               count(*) filter (where %s),
                               count(*) filter (where d.completed_at >= :since),
                               count(*) filter (where d.completed_at >= :since and %s),
                               count(r.score), avg(r.score)::float8
                        from dossier d
                        left join dossier_rating r on r.dossier_id = d.id
                        where d.agency_id in (:ids) and d.received_at is not null and not d.is_group
                        group by d.procedure_code order by d.procedure_code""".formatted(Dossier.OVERDUE,
                        Completion.ON_TIME))
                .param("ids", ids).param("today", today)
                .param("since", Timestamp.from(clock.instant().minus(Duration.ofDays(30))))
                .query((rs, n) -> new ProcedureFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        rs.getObject(8, Double.class)))
                .list();
        long dueToday = byProcedure.stream().mapToLong(ProcedureFigures::dueToday).sum();
        long overdue = byProcedure.stream().mapToLong(ProcedureFigures::overdue).sum();
        return new Figures(byStatus, dueToday, overdue, byProcedure, workloads(officer, today));
    }

    /** Only leaders (approvers) see their officers' workloads, for the agencies they lead. */
    private List<Workload> workloads(PortalUser officer, LocalDate today) {
        List<Long> led = agencies.agenciesOf(officer.username()).stream()
                .filter(a -> agencies.rolesIn(officer.username(), a.id()).contains("APPROVER")).map(Agency::id).toList();
        if (led.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select assignee, count(*), count(*) filter (where %s)
                        from dossier
                        where agency_id in (:ids) and closed_at is null and assignee is not null and not is_group
                        group by assignee order by count(*) desc, assignee""".formatted(Dossier.OVERDUE))
                .param("ids", led).param("today", today)
                .query((rs, n) -> new Workload(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }
}
