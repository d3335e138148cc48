package vn.gov.portal.payment;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes payment attempts that stayed PENDING well past the gateway's 15-minute checkout window, so that what is
 * left PENDING is only what needs reconciling. Runs on every portal instance: each claims its batch with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never wait for or repeat each other's work.
 */
@Component
public class AbandonedPayments {

    private static final Logger log = LoggerFactory.getLogger(AbandonedPayments.class);
    /** Four times the checkout window: by then the gateway takes no payment for the order (a late one is still kept). */
    static final Duration ABANDONED_AFTER = Payments.CHECKOUT_WINDOW.multipliedBy(4);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;

    public AbandonedPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${portal.payment.expiry-check:PT5M}", initialDelayString = "PT1M")
    @Transactional
    public int expire() {
        int expired = jdbc.sql("""
                        update payment set status = 'EXPIRED' where id in (
                            select id from payment where status = 'PENDING'
                              and created_at < now() - make_interval(mins => ?)
                            order by created_at limit ? for update skip locked)""")
                .params((int) ABANDONED_AFTER.toMinutes(), BATCH).update();
        if (expired > 0) {
            log.info("Closed {} abandoned payment attempt(s)", expired);
        }
        return expired;
    }
}
