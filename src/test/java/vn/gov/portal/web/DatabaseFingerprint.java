package vn.gov.portal.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Counts and checksums of the tables a refused request must not touch, to compare before and after. */
final class DatabaseFingerprint {

    /**
     * Audit actions that record a reading of personal data, not a change: a page that shows it records them on
     * purpose (docs/security.md), so they are left out of the audit log's fingerprint; whoever compares must check
     * them otherwise (MalformedInputTest does, request by request).
     */
    static final java.util.Set<String> READINGS = java.util.Set.of("population.viewed");

    private static final Map<String, String> TABLES = Map.of(
            "dossier", "select count(*) || ':' || coalesce(md5(string_agg(id || state || lock_version || coalesce(assignee, '')"
                    + " || answers::text || coalesce(status_code, 0), ',' order by id)), '') from dossier",
            "dossier_event", "select count(*) || ':' || coalesce(max(id), 0) from dossier_event",
            "attachment", "select count(*) || ':' || coalesce(md5(string_agg(id || sha256, ',' order by id)), '') from attachment",
            "audit_log", "select count(*) || ':' || coalesce(max(id), 0) from audit_log where action not in ("
                    + String.join(", ", READINGS.stream().map(action -> "'" + action + "'").toList()) + ")");

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
