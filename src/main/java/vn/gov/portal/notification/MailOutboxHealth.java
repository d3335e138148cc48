package vn.gov.portal.notification;

import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code mailOutbox} entry of /actuator/health. It reads the outbox and never connects to the SMTP server: a
 * mail outage must not take portal instances out of the load balancer (hence WARNING, answered with HTTP 200, see
 * application.yml), but monitoring should see it.
 */
@Component("mailOutboxHealthIndicator")   // shown as "mailOutbox"
class MailOutboxHealth implements HealthIndicator {

    static final Status WARNING = new Status("WARNING");

    private final JdbcClient jdbc;
    private final MailSettings settings;

    MailOutboxHealth(JdbcClient jdbc, MailSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public Health health() {
        Map<String, Object> backlog = jdbc.sql("""
                        select count(*) as waiting, count(*) filter (where attempts > 0) as failing,
                               min(created_at) as oldest
                        from mail_outbox where sent_at is null""")
                .query((rs, row) -> {
                    Map<String, Object> details = new java.util.LinkedHashMap<>();
                    details.put("waiting", rs.getLong("waiting"));
                    details.put("failing", rs.getLong("failing"));
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    if (oldest != null) {
                        details.put("oldestWaitingSince", oldest.toString());
                    }
                    return details;
                }).single();
        if (!settings.canSend()) {
            return Health.status(WARNING).withDetail("notSet", settings.missing()).withDetails(backlog).build();
        }
        if ((long) backlog.get("failing") > 0) {
            String lastError = jdbc.sql("""
                            select last_error from mail_outbox where sent_at is null and last_error is not null
                            order by next_attempt_at desc limit 1""").query(String.class).optional().orElse("");
            return Health.status(WARNING).withDetails(backlog).withDetail("lastError", lastError).build();
        }
        return Health.up().withDetails(backlog).build();
    }
}
