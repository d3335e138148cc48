package vn.gov.portal.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.dossier.Completion;
import vn.gov.portal.dossier.Dossier;

/**
 * Counts dossiers for a report. Each kind of figure is one aggregate query over its own partial index (V19): the
 * submissions of the period, the completions of the period, and what is overdue today; each is grouped by
 * procedure, by agency, by month and in total at once (grouping sets), so the database reads the rows once and
 * returns a few hundred numbers, whatever the number of dossiers.
 */
@Service
class DossierStatistics {

    // grouping(procedure_code, agency_id, month): a bit per column left out of the row's grouping set
    private static final int BY_PROCEDURE = 0b011;
    private static final int BY_AGENCY = 0b101;
    private static final int BY_MONTH = 0b110;
    private static final int TOTAL = 0b111;

    private final JdbcClient jdbc;
    private final Clock clock;

    DossierStatistics(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Report report(Scope scope, ReportFilter filter) {
        Totals totals = new Totals();
        submissions(scope, filter, totals);
        completions(scope, filter, totals);
        overdue(scope, filter, totals);
        return new Report(filter, totals.total, totals.byProcedure, totals.byAgency, totals.byMonth(filter.period()),
                agencies(totals.byAgency.keySet()));
    }

    private void submissions(Scope scope, ReportFilter filter, Totals totals) {
        Map<String, Object> params = filter.periodParams();
        jdbc.sql(submissionsSql(scope, filter, params)).params(params).query(rs -> {
            long n = rs.getLong(4);
            totals.apply(rs, rs.getInt(5), f -> f.withSubmitted(n));
        });
    }

    private void completions(Scope scope, ReportFilter filter, Totals totals) {
        Map<String, Object> params = filter.periodParams();
        jdbc.sql(completionsSql(scope, filter, params)).params(params).query(rs -> {
            long n = rs.getLong(4);
            long onTime = rs.getLong(5);
            double days = rs.getDouble(6);
            Double average = rs.wasNull() ? null : days;
            totals.apply(rs, rs.getInt(7), f -> f.withCompleted(n, onTime, average));
        });
    }

    /**
     * The months of the period as ranges of instants, which the period queries join: each row's month comes from
     * the range its timestamp falls in (no time-zone conversion per row), the rows are counted once per procedure,
     * agency and month (one hash), and only those cells are rolled up into the four groupings. A literal list (the
     * dates come from {@link Period}, never from the request's text) so the planner knows there are only a few:
     * with generate_series it guesses 1,000 and, on a million dossiers, scans everything instead of one index range
     * per month.
     */
    private static String months(ReportFilter filter) {
        String values = filter.period().months().stream()
                .map(m -> "(date '" + m.atDay(1) + "')").collect(Collectors.joining(", "));
        return """
                with months as (
                    select month, cast(month as timestamp) at time zone 'Asia/Ho_Chi_Minh' as from_at,
                           cast(month + interval '1 month' as timestamp) at time zone 'Asia/Ho_Chi_Minh' as to_at
                    from (values %s) as m (month))
                """.formatted(values);
    }

    static String submissionsSql(Scope scope, ReportFilter filter, Map<String, Object> params) {
        return months(filter) + """
                , cells as (
                    select procedure_code, agency_id, months.month, count(*) as n
                    from months join dossier on submitted_at >= months.from_at and submitted_at < months.to_at
                    where received_at is not null and not is_group%s
                    group by procedure_code, agency_id, months.month)
                select procedure_code, agency_id, month, sum(n), grouping(procedure_code, agency_id, month)
                from cells group by grouping sets ((procedure_code), (agency_id), (month), ())"""
                .formatted(filter.conditions(scope, params));
    }

    static String completionsSql(Scope scope, ReportFilter filter, Map<String, Object> params) {
        return months(filter) + """
                , cells as (
                    select procedure_code, agency_id, months.month, count(*) as n,
                           count(*) filter (where %s) as on_time,
                           sum(extract(epoch from completed_at - submitted_at)) / 86400 as days
                    from months join dossier on completed_at >= months.from_at and completed_at < months.to_at
                    where completed_at is not null and not is_group%s
                    group by procedure_code, agency_id, months.month)
                select procedure_code, agency_id, month, sum(n), sum(on_time), sum(days) / sum(n),
                       grouping(procedure_code, agency_id, month)
                from cells group by grouping sets ((procedure_code), (agency_id), (month), ())"""
                .formatted(Completion.ON_TIME, filter.conditions(scope, params));
    }

    /**
     * Dossiers overdue today by the one rule of {@link Dossier#OVERDUE} (received, not closed, no result yet, past
     * the appointment date — on the day the clock stopped, while a supplement is awaited); not limited to the period.
     */
    private void overdue(Scope scope, ReportFilter filter, Totals totals) {
        Map<String, Object> params = new HashMap<>();
        params.put("today", LocalDate.now(clock));
        String sql = """
                select procedure_code, agency_id, null, count(*), grouping(procedure_code, agency_id) * 2 + 1
                from dossier
                where %s and not is_group%s
                group by grouping sets ((procedure_code), (agency_id), ())"""
                .formatted(Dossier.OVERDUE, filter.conditions(scope, params));
        jdbc.sql(sql).params(params).query(rs -> {
            long n = rs.getLong(4);
            totals.apply(rs, rs.getInt(5), f -> f.withOverdue(n));
        });
    }

    /** Any agency, by the unit code that starts its receipt codes (an admin narrowing the report). */
    Optional<Agency> agencyByUnitCode(String unitCode) {
        return jdbc.sql("""
                        select id, unit_code, kind, name_vi, name_en, province_code, commune_code from agency
                        where unit_code = ?""")
                .param(unitCode.toUpperCase(java.util.Locale.ROOT)).query(Agency.class).optional();
    }

    private Map<Long, Agency> agencies(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        select id, unit_code, kind, name_vi, name_en, province_code, commune_code from agency
                        where id in (:ids)""")
                .param("ids", ids).query(Agency.class).list().stream()
                .collect(Collectors.toMap(Agency::id, a -> a));
    }

    /** Collects the rows of the three queries into one set of figures per procedure, agency and month. */
    private static final class Totals {
        Figures total = Figures.NONE;
        final Map<String, Figures> byProcedure = new TreeMap<>();
        final Map<Long, Figures> byAgency = new HashMap<>();
        final Map<YearMonth, Figures> byMonth = new HashMap<>();

        void apply(ResultSet rs, int grouping, UnaryOperator<Figures> change) throws SQLException {
            switch (grouping) {
                case BY_PROCEDURE -> byProcedure.merge(rs.getString(1), change.apply(Figures.NONE), (old, x) -> change.apply(old));
                case BY_AGENCY -> byAgency.merge(rs.getLong(2), change.apply(Figures.NONE), (old, x) -> change.apply(old));
                case BY_MONTH -> byMonth.merge(YearMonth.from(rs.getObject(3, LocalDate.class)), change.apply(Figures.NONE),
                        (old, x) -> change.apply(old));
                case TOTAL -> total = change.apply(total);
                default -> throw new IllegalStateException("unexpected grouping " + grouping);
            }
        }

        /** Every month of the period, those without dossiers too; months have no overdue figure. */
        Map<YearMonth, Figures> byMonth(Period period) {
            Map<YearMonth, Figures> all = new LinkedHashMap<>();
            for (YearMonth month : period.months()) {
                all.put(month, byMonth.getOrDefault(month, Figures.NONE).withOverdue(null));
            }
            return all;
        }
    }
}
