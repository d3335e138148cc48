package vn.gov.portal.payment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.audit.AuditLog;

/**
 * Closes payment attempts that stayed PENDING well past the gateway's 15-minute checkout window, so that what is
 * left PENDING is only what needs reconciling. An expired attempt is not a verdict: the gateway's confirmation, from the
 * browser or its own notification (IPN), still settles it, and each expiry is audited ({@code payment.expired}). Runs on every portal instance: each claims its batch with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never wait for or repeat each other's work.
 */
@Component
public class AbandonedPayments {

    private static final Logger log = LoggerFactory.getLogger(AbandonedPayments.class);
    /** Four times the checkout window: by then the gateway takes no payment for the order (a late one is still kept). */
    static final Duration ABANDONED_AFTER = Payments.CHECKOUT_WINDOW.multipliedBy(4);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public AbandonedPayments(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Scheduled(fixedDelayString = "${portal.payment.expiry-check:PT5M}", initialDelayString = "PT1M")
    @Transactional
    public int expire() {
        List<Map<String, Object>> expired = jdbc.sql("""
                        update payment set status = 'EXPIRED' where id in (
                            select id from payment where status = 'PENDING'
                              and created_at < now() - make_interval(mins => ?)
                            order by created_at limit ? for update skip locked)
                        returning id, dossier_id, amount_vnd""")
                .params((int) ABANDONED_AFTER.toMinutes(), BATCH).query().listOfRows();
        // The gateway was never asked: an attempt paid whose confirmation never arrived looks the same. Each one is
        // audited, for reconciliation against the gateway's statement; a late confirmation still settles it.
        for (Map<String, Object> attempt : expired) {
            audit.record("payment", "payment.expired", "dossier", attempt.get("dossier_id").toString(), Map.of(
                    "payment", attempt.get("id").toString(), "amountVnd", attempt.get("amount_vnd"),
                    "reference", Payments.reference((UUID) attempt.get("id"))));
        }
        if (!expired.isEmpty()) {
            log.info("Closed {} abandoned payment attempt(s)", expired.size());
        }
        return expired.size();
    }
}
