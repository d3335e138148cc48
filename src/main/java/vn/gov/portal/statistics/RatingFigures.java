package vn.gov.portal.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Citizens' ratings of completed dossiers (table {@code dossier_rating}: one rating of 1..5 per dossier, given by
 * the applicant after completion), counted by when they were given.
 */
@Component
class RatingFigures {

    /** Ratings of one procedure, or of all: how many, the average and how many gave each number of stars. */
    record Ratings(long count, Double average, List<Long> byStars) {

        /** How many gave {@code stars} (1..5). */
        long withStars(int stars) {
            return byStars.get(stars - 1);
        }
    }

    record RatingReport(Ratings total, Map<String, Ratings> byProcedure) {}

    private final JdbcClient jdbc;

    RatingFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Ratings given within the period, of dossiers within the scope and filters. */
    Optional<RatingReport> of(Scope scope, ReportFilter filter) {
        Map<String, Object> params = filter.periodParams();
        String sql = """
                select procedure_code, count(*), avg(stars),
                       count(*) filter (where stars = 1), count(*) filter (where stars = 2),
                       count(*) filter (where stars = 3), count(*) filter (where stars = 4),
                       count(*) filter (where stars = 5), grouping(procedure_code)
                from (select d.procedure_code, d.agency_id, r.score as stars from dossier_rating r join dossier d on d.id = r.dossier_id
                      where r.rated_at >= :start and r.rated_at < :end and not d.is_group) rated
                where true%s
                group by grouping sets ((procedure_code), ())""".formatted(filter.conditions(scope, params));
        Map<String, Ratings> byProcedure = new TreeMap<>();
        Ratings[] total = {new Ratings(0, null, List.of(0L, 0L, 0L, 0L, 0L))};
        jdbc.sql(sql).params(params).query(rs -> {
            List<Long> stars = new ArrayList<>();
            for (int i = 4; i <= 8; i++) {
                stars.add(rs.getLong(i));
            }
            double average = rs.getDouble(3);
            Ratings ratings = new Ratings(rs.getLong(2), rs.wasNull() ? null : average, List.copyOf(stars));
            if (rs.getInt(9) == 1) {
                total[0] = ratings;
            } else {
                byProcedure.put(rs.getString(1), ratings);
            }
        });
        return Optional.of(new RatingReport(total[0], byProcedure));
    }
}
