package vn.gov.portal.payment;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.portal.audit.AuditLog;

/**
 * Closes payment attempts that stayed PENDING well past the gateway's 15-minute checkout window, so that what is
 * left PENDING is only what needs reconciling. Before closing one it asks the gateway ({@link PaymentGateway#query}):
 * an attempt paid whose confirmations (the browser's return, the IPN) never arrived is settled as they would have
 * settled it ({@link Payments#queried}); one not paid is EXPIRED and audited ({@code payment.expired}); one the gateway
 * holds as suspected fraud is held for reconciliation as the IPN would hold it; one the gateway gives no answer about
 * stays PENDING and is asked again on a run {@link #ASK_AGAIN_AFTER} later, until it is older than
 * {@code portal.payment.reconcile-after}: then it is asked no more but held for people to reconcile
 * ({@link Payments#heldWithoutVerdict}), since only VNPAY's statement can tell now whether the money was taken.
 * Neither an expired nor a held attempt is a verdict: a confirmation that still comes settles it.
 *
 * <p>No transaction is open while the gateway is asked: each attempt is claimed by a short statement that stamps
 * {@code queried_at}, asked, then settled or expired in a transaction of its own. The stamp keeps the other instances
 * (all run this job) and this run's next claims off the attempt, and spaces the questions about an attempt the gateway
 * does not answer; a crash in between leaves the attempt PENDING for a later run.
 */
@Component
public class AbandonedPayments {

    private static final Logger log = LoggerFactory.getLogger(AbandonedPayments.class);
    /** Four times the checkout window: by then the gateway takes no payment for the order (a late one is still kept). */
    static final Duration ABANDONED_AFTER = Payments.CHECKOUT_WINDOW.multipliedBy(4);
    /** How long a question claims an attempt, and how long an attempt the gateway did not answer about waits. */
    static final Duration ASK_AGAIN_AFTER = Duration.ofMinutes(10);
    /** How often an attempt held for want of a verdict is asked about again, until a verdict or a person closes it. */
    static final Duration ASK_HELD_AGAIN_AFTER = Duration.ofHours(6);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Payments payments;
    private final ObjectProvider<PaymentGateway> gateway;
    private final TransactionTemplate transaction;
    /** How long after it started an attempt without a verdict is asked about before it is held for reconciliation. */
    private final Duration reconcileAfter;

    public AbandonedPayments(JdbcClient jdbc, AuditLog audit, Payments payments, ObjectProvider<PaymentGateway> gateway,
                             PlatformTransactionManager transactions,
                             @Value("${portal.payment.reconcile-after:P1D}") Duration reconcileAfter) {
        if (reconcileAfter.compareTo(ABANDONED_AFTER) < 0) {
            // Held before it was ever asked about: people would reconcile what the query answers in a second.
            throw new IllegalStateException("portal.payment.reconcile-after (PORTAL_PAYMENT_RECONCILE_AFTER) must be at least "
                    + ABANDONED_AFTER + ", was " + reconcileAfter);
        }
        this.reconcileAfter = reconcileAfter;
        this.jdbc = jdbc;
        this.audit = audit;
        this.payments = payments;
        this.gateway = gateway;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** {@code overdue}: older than reconcile-after, asked about for long enough. */
    private record Attempt(UUID id, UUID dossierId, long amountVnd, Instant createdAt, boolean askedBefore, boolean overdue) {
        String reference() {
            return Payments.reference(id);
        }
    }

    /** Asks about up to a batch of abandoned attempts; returns how many it closed (settled, expired or held). */
    @Scheduled(fixedDelayString = "${portal.payment.expiry-check:PT5M}", initialDelayString = "${portal.payment.expiry-check:PT5M}")
    public int expire() {
        PaymentGateway asked = gateway.getIfAvailable();
        int closed = 0;
        int unanswered = 0;
        String firstProblem = null;
        for (int n = 0; n < BATCH; n++) {
            Optional<Attempt> next = claimNext();
            if (next.isEmpty()) {
                break;
            }
            Attempt attempt = next.get();
            // Without a gateway (its settings removed since) there is nobody to ask: closed as before, audited.
            OrderStatus status = asked == null ? OrderStatus.notPaid("not asked: no gateway configured")
                    : asked.query(attempt.reference(), attempt.createdAt());
            switch (status.answer()) {
                case PAID, SUSPECTED -> closed += settle(attempt, status) ? 1 : 0;
                case NOT_PAID -> closed += expire(attempt, status.detail()) ? 1 : 0;
                case NO_ANSWER, UNREACHABLE -> {
                    if (attempt.overdue()) {
                        // Asked for long enough: no more questions, people reconcile it against VNPAY's statement.
                        if (payments.heldWithoutVerdict(attempt.id(), status.detail())) {
                            closed++;
                            log.warn("No verdict from the payment gateway on attempt {} since {}: held for reconciliation",
                                    attempt.reference(), attempt.createdAt());
                        }
                    } else {
                        unanswered++;
                        firstProblem = firstProblem == null ? status.detail() : firstProblem;
                        if (!attempt.askedBefore()) {
                            // Once per attempt, not on every run that asks again.
                            audit.record("payment", "payment.unanswered", "dossier", attempt.dossierId().toString(),
                                    Map.of("payment", attempt.id().toString(), "reference", attempt.reference(),
                                            "detail", String.valueOf(status.detail())));
                        }
                    }
                }
            }
            if (status.answer() == OrderStatus.Answer.UNREACHABLE) {
                break;   // nothing to gain from asking about the others now: the next run tries again
            }
        }
        if (closed > 0) {
            log.info("Closed {} abandoned payment attempt(s)", closed);
        }
        if (unanswered > 0) {
            log.warn("The payment gateway gave no answer about {} abandoned attempt(s) ({}); left PENDING, asked again in {}",
                    unanswered, firstProblem, ASK_AGAIN_AFTER);
        }
        return closed;
    }

    /**
     * The oldest abandoned attempt nobody asked about lately (or one held for want of a verdict, asked again more
     * slowly: VNPAY sends nothing for an order nobody paid, so only its answer to the query can release the dossier
     * when people have not reconciled it first), stamped as asked now, in one statement (its own
     * transaction): {@code SKIP LOCKED} so that instances claiming at the same moment take different attempts.
     */
    private Optional<Attempt> claimNext() {
        return jdbc.sql("""
                        with next as (
                            select id, queried_at from payment
                            where (status = 'PENDING' and created_at < now() - make_interval(mins => ?)
                                   and (queried_at is null or queried_at < now() - make_interval(mins => ?)))
                               or (status = 'RECONCILING' and reconcile_reason = 'NO_VERDICT'
                                   and queried_at < now() - make_interval(mins => ?))
                            order by created_at limit 1 for update skip locked)
                        update payment p set queried_at = now() from next where p.id = next.id
                        returning p.id, p.dossier_id, p.amount_vnd, p.created_at, next.queried_at is not null as asked_before,
                                  p.created_at < now() - make_interval(secs => ?) as overdue""")
                .params((int) ABANDONED_AFTER.toMinutes(), (int) ASK_AGAIN_AFTER.toMinutes(),
                        (int) ASK_HELD_AGAIN_AFTER.toMinutes(), reconcileAfter.toSeconds())
                .query((rs, row) -> new Attempt(rs.getObject("id", UUID.class), rs.getObject("dossier_id", UUID.class),
                        rs.getLong("amount_vnd"), rs.getObject("created_at", Timestamp.class).toInstant(),
                        rs.getBoolean("asked_before"), rs.getBoolean("overdue")))
                .optional();
    }

    /**
     * The gateway says paid, or taken but suspected: the one settlement of the return and the IPN applies it (or finds
     * it applied by them meanwhile). A payment of another amount than asked is no payment of the attempt: closed, its
     * audit entry says why; money taken for another amount and held by the gateway is for people to reconcile.
     */
    private boolean settle(Attempt attempt, OrderStatus paid) {
        Payments.Settlement settled = payments.queried(paid.result());
        if (settled.outcome() == Payments.Outcome.WRONG_AMOUNT) {
            String detail = paid.detail() + ": " + paid.result().amountVnd() + " VND instead of " + attempt.amountVnd();
            return paid.answer() == OrderStatus.Answer.SUSPECTED ? payments.heldWithoutVerdict(attempt.id(), detail)
                    : expire(attempt, detail);
        }
        return settled.outcome() == Payments.Outcome.APPLIED;
    }

    /**
     * Closes the attempt if it is still PENDING or held for want of a verdict (a confirmation or a person may have
     * settled it meanwhile), with its audit entry.
     */
    private boolean expire(Attempt attempt, String gatewaySaid) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            Optional<String> was = jdbc.sql("""
                            select status from payment where id = ?
                              and (status = 'PENDING' or (status = 'RECONCILING' and reconcile_reason = 'NO_VERDICT'))
                            for update""").param(attempt.id()).query(String.class).optional();
            if (was.isEmpty()) {
                return false;
            }
            jdbc.sql("update payment set status = 'EXPIRED' where id = ?").param(attempt.id()).update();
            if (was.get().equals("RECONCILING")) {
                payments.releasedUnpaid(attempt.dossierId());
            }
            // The reference is what VNPAY knows it by, for reconciliation against its statement.
            audit.record("payment", "payment.expired", "dossier", attempt.dossierId().toString(), Map.of(
                    "payment", attempt.id().toString(), "amountVnd", attempt.amountVnd(),
                    "reference", attempt.reference(), "gateway", String.valueOf(gatewaySaid)));
            return true;
        }));
    }
}
