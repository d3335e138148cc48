package vn.gov.portal.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;

/** Audit entries of reference data: action {@code reference.<what>.<verb>}, details with before and after. */
@Component
class ReferenceAudit {

    static final String ACTION_PREFIX = "reference.";

    private final AuditLog log;

    ReferenceAudit(AuditLog log) {
        this.log = log;
    }

    /** {@code before} is null for something new, {@code after} null for something removed. */
    void record(String actor, String action, String subjectType, String subjectId, Map<String, ?> before,
                Map<String, ?> after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", before);
        details.put("after", after);
        log.record(actor, ACTION_PREFIX + action, subjectType, subjectId, details);
    }

    /** A map that keeps nulls and order, for before/after snapshots. */
    static Map<String, Object> snapshot(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
