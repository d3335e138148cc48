package vn.gov.portal.audit;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit entries in the caller's transaction, so an audited change and its entry commit or fail together.
 * {@link AuditLinker} links them into the hash chain after commit, so audited transactions do not wait for each other.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(String actor, String action, String subjectType, String subjectId, Map<String, ?> details) {
        jdbc.sql("insert into audit_log (actor, action, subject_type, subject_id, details) values (?, ?, ?, ?, ?::jsonb)")
                .params(actor, action, subjectType, subjectId, json.writeValueAsString(details))
                .update();
    }
}
