package vn.gov.portal.reference;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audited changes of reference data, newest first, for the history page. */
@Component
public class ReferenceHistory {

    public static final int PAGE_SIZE = 25;

    /** One value of a change; before or after is null when the thing was new or removed. */
    public record Field(String name, String before, String after) {}

    /** One change: who, when, what (action and subject), and the values that changed (all of them when new or gone). */
    public record Change(long id, OffsetDateTime at, String actor, String action, String subjectType,
                         String subjectId, List<Field> fields) {

        /** The message key of the action, e.g. reference.history.action.agency.update. */
        public String actionKey() {
            return "reference.history.action." + action.substring(ReferenceAudit.ACTION_PREFIX.length());
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReferenceHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A page of changes; one more than the page size is read so the page knows whether another follows. */
    public List<Change> page(int page) {
        return jdbc.sql("""
                        select id, at, actor, action, subject_type, subject_id,
                               details
                        from audit_log where action like 'reference.%' order by id desc limit ? offset ?""")
                .params(PAGE_SIZE + 1, Math.max(0, page) * PAGE_SIZE)
                .query((rs, n) -> new Change(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), fields(rs.getString("details"))))
                .list();
    }

    /** The values of before and after side by side; of an update only those that changed. */
    private List<Field> fields(String details) {
        JsonNode node = json.readTree(details);
        JsonNode before = node.path("before");
        JsonNode after = node.path("after");
        Set<String> names = new LinkedHashSet<>();
        before.propertyNames().forEach(names::add);
        after.propertyNames().forEach(names::add);
        List<Field> fields = new ArrayList<>();
        for (String name : names) {
            String b = value(before.get(name));
            String a = value(after.get(name));
            boolean both = before.isObject() && after.isObject();
            if (!both || !Objects.equals(b, a)) {
                fields.add(new Field(name, before.isObject() ? b : null, after.isObject() ? a : null));
            }
        }
        return fields;
    }

    private static String value(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asString();
    }
}
