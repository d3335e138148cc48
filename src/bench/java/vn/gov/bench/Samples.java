package vn.gov.bench;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The people, places, officers and dossiers a scenario works on, drawn from the stage's database, and the rates the
 * database itself records (dossiers submitted, officers' transitions) for what Gatling cannot see.
 */
final class Samples {

    private static final String HOAN_KIEM = "00308";

    /** The scenario's dossiers (not the backlog's) submitted since a moment. */
    private static final String SUBMITTED_SINCE =
            "from dossier where submitted_at >= ? and receipt_code not like '%-SEED-%'";

    private final JdbcClient jdbc;
    private final Path dataDirectory;
    private final List<String> citizenPool;
    private int nextCitizen;

    Samples(DataSource dataSource, Path dataDirectory, int people) {
        this.jdbc = JdbcClient.create(dataSource);
        this.dataDirectory = dataDirectory;
        double percent = Math.min(100, 100.0 * 100_000 / Math.max(1, people));
        // Adults at e-ID level 2 (the dev provider gives level 1 to numbers ending in 7), spread over the table.
        this.citizenPool = jdbc.sql("""
                        select id_number from population.person tablesample system (%s)
                        where date_of_death is null and birth_date < current_date - interval '20 years'
                          and right(id_number, 1) <> '7'
                        limit 20000""".formatted(percent)).query(String.class).list();
    }

    /**
     * Brings the database to the steady state a production server is in before anything is measured: vacuumed and
     * analysed after the bulk loads (else autovacuum runs in the middle of a scenario, and the first readers of freshly
     * copied rows write their hint bits), and the population and dossier tables read into memory (pg_prewarm), as a
     * server with RAM for them would hold them. Cold-cache lookups are disk reads, not the portal's cost.
     */
    void settle() {
        jdbc.sql("vacuum (analyze)").update();
        jdbc.sql("create extension if not exists pg_prewarm").update();
        jdbc.sql("""
                select sum(pg_prewarm(c.oid, 'read')) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'i') and (n.nspname = 'population' or c.relname like 'dossier%')""")
                .query(Long.class).single();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** Citizens not handed out before, so that no two scenarios share a person's drafts. */
    synchronized List<String> citizens(int n) {
        if (nextCitizen + n > citizenPool.size()) {
            nextCitizen = 0;
        }
        List<String> slice = new ArrayList<>(citizenPool.subList(nextCitizen, nextCitizen + n));
        nextCitizen += n;
        return slice;
    }

    List<Map<String, Object>> hoanKiem() {
        return List.of(Map.of("province", "01", "commune", HOAN_KIEM));
    }

    List<Map<String, Object>> communes() {
        return jdbc.sql("""
                        select province_code, commune_code from agency
                        where kind = 'COMMUNE_POLICE' and commune_code is not null order by commune_code""")
                .query((rs, i) -> Map.<String, Object>of("province", rs.getString(1), "commune", rs.getString(2)))
                .list();
    }

    /**
     * Handlers of {@code n} commune agencies, each with what to search for: a receipt code, an ID number and a name
     * (typed without diacritics) of a dossier of their agency, and a procedure their agency handles. The agencies are
     * drawn in an order that looks random but is the same in every run (a hash of the id), so that two runs of a
     * scenario compare the code or settings, not the queues of the officers they happened to draw; a scenario's first
     * officers are the start of that order, not the agencies with the lowest ids.
     */
    List<Map<String, Object>> officers(int n) {
        return jdbc.sql("""
                        with agencies as (select id from agency where kind like 'COMMUNE%' order by md5(id::text) limit ?)
                        select * from (
                            select distinct on (d.agency_id) r.username, d.receipt_code, d.applicant_id_number,
                                   d.applicant_name, d.procedure_code, d.agency_id
                            from dossier d join agencies a on a.id = d.agency_id
                            join staff_role r on r.agency_id = d.agency_id and r.role = 'HANDLER'
                            order by d.agency_id, d.submitted_at desc) drawn
                        order by md5(agency_id::text)""")
                .param(n)
                .query((rs, i) -> {
                    Map<String, Object> officer = new LinkedHashMap<>();
                    officer.put("username", rs.getString(1));
                    officer.put("receipt", rs.getString(2));
                    officer.put("idNumber", rs.getString(3));
                    officer.put("name", Benchmarks.plain(rs.getString(4)).replace(' ', '+'));
                    officer.put("procedure", rs.getString(5));
                    return officer;
                }).list();
    }

    /** Dossiers submitted over HTTP to the police of Hoàn Kiếm and not touched since, with the officers there. */
    List<Map<String, Object>> submittedAtHoanKiem(int n) {
        Map<String, String> officers = new LinkedHashMap<>();
        jdbc.sql("""
                        select r.role, min(r.username) from staff_role r join agency a on a.id = r.agency_id
                        where a.kind = 'COMMUNE_POLICE' and a.commune_code = ? group by r.role""")
                .param(HOAN_KIEM).query((rs, i) -> officers.put(rs.getString(1), rs.getString(2))).list();
        return jdbc.sql("""
                        select d.id from dossier d join agency a on a.id = d.agency_id
                        where a.kind = 'COMMUNE_POLICE' and a.commune_code = ? and d.state = 'submitted'
                          and d.procedure_code = 'temporary-residence' and d.receipt_code not like '%-SEED-%'
                        order by d.submitted_at limit ?""")
                .params(HOAN_KIEM, n)
                .query((rs, i) -> Map.<String, Object>of("id", rs.getString(1),
                        "receiver", officers.get("RECEIVER"), "handler", officers.get("HANDLER"),
                        "approver", officers.get("APPROVER")))
                .list();
    }

    /** Dossiers submitted since {@code from} per second, between the first and the last of them. */
    double submissionsPerSecond(Instant from) {
        return rate("select count(*), extract(epoch from max(submitted_at) - min(submitted_at)) " + SUBMITTED_SINCE,
                from);
    }

    /** Dossiers the citizens of the scenario submitted since {@code from}. */
    long submissionsSince(Instant from) {
        return jdbc.sql("select count(*) " + SUBMITTED_SINCE)
                .param(Timestamp.from(from)).query(Long.class).single();
    }

    /** Workflow steps taken by officers since {@code from} per second. */
    double officerTransitionsPerSecond(Instant from) {
        return rate("select count(*), extract(epoch from max(at) - min(at)) from dossier_event "
                + "where at >= ? and actor_kind = 'STAFF'", from);
    }

    private double rate(String sql, Instant from) {
        return jdbc.sql(sql).param(Timestamp.from(from)).query((rs, i) -> {
            double seconds = rs.getDouble(2);
            return seconds <= 0 ? 0 : rs.getLong(1) / seconds;
        }).single();
    }
}
