package vn.gov.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The write-ahead log PostgreSQL wrote between two moments: what a transaction costs the disk and a replica, the
 * measure that explains why a submission costs the database more than pgbench's two INSERTs (full-page images of the
 * dossier table's index pages, the session, the audit chain). Counts everything the server wrote meanwhile.
 */
final class WalMeter {

    private final JdbcClient jdbc;
    private final String start;

    private WalMeter(JdbcClient jdbc, String start) {
        this.jdbc = jdbc;
        this.start = start;
    }

    static WalMeter start(JdbcClient jdbc) {
        return new WalMeter(jdbc, jdbc.sql("select pg_current_wal_lsn()::text").query(String.class).single());
    }

    long bytesSince() {
        return jdbc.sql("select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint").param(start)
                .query(Long.class).single();
    }
}
