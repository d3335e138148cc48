package vn.gov.portal.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Counts and checksums of the tables a refused request must not touch, to compare before and after. */
final class DatabaseFingerprint {

    private static final Map<String, String> TABLES = Map.of(
            "dossier", "select count(*) || ':' || coalesce(md5(string_agg(id || state || lock_version || coalesce(assignee, '')"
                    + " || answers::text || coalesce(status_code, 0), ',' order by id)), '') from dossier",
            "dossier_event", "select count(*) || ':' || coalesce(max(id), 0) from dossier_event",
            "attachment", "select count(*) || ':' || coalesce(md5(string_agg(id || sha256, ',' order by id)), '') from attachment",
            "audit_log", "select count(*) || ':' || coalesce(max(id), 0) from audit_log");

    private DatabaseFingerprint() {
    }

    static Map<String, String> of(JdbcClient jdbc) {
        Map<String, String> fingerprint = new LinkedHashMap<>();
        TABLES.forEach((table, sql) -> fingerprint.put(table, jdbc.sql(sql).query(String.class).single()));
        return fingerprint;
    }

    /** Without the audit log, which records reads of personal data too. */
    static Map<String, String> withoutAudit(JdbcClient jdbc) {
        Map<String, String> fingerprint = of(jdbc);
        fingerprint.remove("audit_log");
        return fingerprint;
    }
}
