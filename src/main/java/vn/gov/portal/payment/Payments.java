package vn.gov.portal.payment;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.dossier.ActingLevel;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.FeesDue;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Paying what a dossier owes online. {@link #start} records an attempt and sends the citizen to the gateway;
 * {@link #complete} takes the gateway's signed answer and, if it says paid, fires the dossier's payment transition
 * in the same transaction that marks the attempt PAID. Every attempt is a row of {@code payment}; its id is the
 * reference the gateway knows it by.
 */
@Service
public class Payments {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Payments.class);

    public static final String PENDING = "PENDING";
    public static final String PAID = "PAID";
    public static final String FAILED = "FAILED";
    /** Paid at the gateway for a dossier that no longer awaited it: for the agency to refund. */
    public static final String UNAPPLIED = "UNAPPLIED";
    /**
     * Held for people to reconcile against the gateway's statement, neither paid nor unpaid ({@code reconcile_reason}):
     * the money was taken but the gateway holds the transaction as suspected fraud, or the gateway gave no verdict
     * for as long as the expiry job asks ({@link AbandonedPayments}). The dossier takes no new attempt meanwhile.
     */
    public static final String RECONCILING = "RECONCILING";
    /** Why an attempt is RECONCILING. */
    public enum HeldBecause { SUSPECTED_FRAUD, NO_VERDICT }
    /** How long a gateway's checkout page takes the order (VNPAY's vnp_ExpireDate); a younger attempt may still be paid. */
    static final Duration CHECKOUT_WINDOW = Duration.ofMinutes(15);

    private final Dossiers dossiers;
    private final Decisions decisions;
    private final FeesDue feesDue;
    private final ObjectProvider<PaymentGateway> gateway;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ActingLevel actingLevel;

    Payments(Dossiers dossiers, Decisions decisions, ObjectProvider<PaymentGateway> gateway,
             JdbcClient jdbc, AuditLog audit, FeesDue feesDue, ActingLevel actingLevel) {
        this.actingLevel = actingLevel;
        this.feesDue = feesDue;
        this.dossiers = dossiers;
        this.decisions = decisions;
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** How a return from the gateway ended: the dossier it was for, whether it is paid, and what to tell the citizen. */
    public record Completion(UUID dossierId, boolean paid, String messageCode) {}

    /**
     * Starts paying the dossier's amount due: only the applicant at the procedure's e-ID level, only while the
     * dossier's current state has a payment transition. Returns the gateway's checkout address. While an attempt is
     * open, a second press of "Pay" (a double click, a second tab) goes to that attempt's checkout, not to a new one:
     * the browser shows the page of the answer it got last, and a second attempt could be paid as well.
     */
    @Transactional
    public URI start(PortalUser citizen, UUID dossierId, String returnUrl, String clientIp) {
        Dossier dossier = dossiers.forCitizen(citizen, dossierId);
        actingLevel.check(citizen, dossier);
        boolean due = dossiers.actionsFor(citizen, dossier).stream().anyMatch(Transition::payment);
        if (!due) {
            throw UserFacingException.refused("payment.notDue");
        }
        PaymentGateway payments = gateway.getIfAvailable();
        if (payments == null) {
            throw UserFacingException.refused("payment.notConfigured");
        }
        Optional<OpenAttempt> open = openAttempt(dossier.id());
        if (open.isPresent()) {
            return checkout(payments, dossier, open.get(), returnUrl, clientIp);
        }
        long amount = feesDue.of(dossier).amount();
        if (amount <= 0) {
            throw UserFacingException.refused("payment.noAmount");
        }
        UUID id = UUID.randomUUID();
        Instant orderedAt = jdbc.sql("insert into payment (id, dossier_id, amount_vnd, status) values (?, ?, ?, 'PENDING') returning created_at")
                .params(id, dossier.id(), amount).query(Timestamp.class).single().toInstant();
        audit.record(citizen.subject(), "payment.start", "dossier", dossier.id().toString(),
                Map.of("receiptCode", dossier.receiptCode(), "payment", id.toString(), "amountVnd", amount));
        return checkout(payments, dossier, new OpenAttempt(id, amount, orderedAt), returnUrl, clientIp);
    }

    /**
     * The gateway's checkout address of an attempt. It is made from the attempt's row (reference, amount, time) and
     * the request, so the same browser asking again for an open attempt is sent to the same address.
     */
    private static URI checkout(PaymentGateway payments, Dossier dossier, OpenAttempt attempt, String returnUrl,
                                String clientIp) {
        // Gateways take order texts without diacritics (VNPAY: US-ASCII); the receipt code identifies the dossier.
        String description = "Thanh toan ho so " + dossier.receiptCode();
        return payments.checkout(new PaymentOrder(reference(attempt.id()), attempt.amountVnd(), description, clientIp,
                attempt.orderedAt()), returnUrl);
    }

    /**
     * What became of one delivery of the gateway's signed answer, whether the citizen's browser brought it back or the
     * gateway sent it itself (IPN). {@code dossierId} is null when no attempt was found.
     */
    public enum Outcome {
        /**
         * The answer was applied now: the attempt is PAID, FAILED, UNAPPLIED or RECONCILING (suspected fraud) as the
         * answer and the dossier say.
         */
        APPLIED,
        /** The attempt had been settled by an earlier delivery (the other channel, a reload, a retry): nothing changed. */
        ALREADY_SETTLED,
        /** Not signed with the merchant's secret: nothing changed. */
        FORGED,
        /** Signed, but for a reference the portal never issued. */
        UNKNOWN_ORDER,
        /** Signed, for our attempt, but for another amount than it asked: nothing changed. */
        WRONG_AMOUNT
    }

    /** An answer's outcome, the attempt's dossier and status after it (null when no attempt was found). */
    public record Settlement(Outcome outcome, UUID dossierId, String status) {}

    /**
     * The gateway's answer, as the citizen's browser brought it back: the same settlement as the gateway's own
     * notification ({@link #notified}), told to the citizen. A forged answer or an unknown reference is refused.
     */
    @Transactional
    public Completion complete(Map<String, String> returnedParams) {
        Settlement settled = settle(returnedParams);
        return switch (settled.outcome()) {
            case FORGED -> throw UserFacingException.refused("payment.invalidReturn");
            case UNKNOWN_ORDER -> throw UserFacingException.refused("payment.unknown");
            case WRONG_AMOUNT -> new Completion(settled.dossierId(), false, "payment.amountMismatch");
            case APPLIED, ALREADY_SETTLED -> switch (settled.status()) {
                case PAID -> new Completion(settled.dossierId(), true, "payment.done");
                case UNAPPLIED -> new Completion(settled.dossierId(), false, "payment.noLongerDue");
                // Only a suspected-fraud answer holds an attempt the browser comes back for.
                case RECONCILING -> new Completion(settled.dossierId(), false, "payment.suspected");
                default -> new Completion(settled.dossierId(), false, "payment.failed");
            };
        };
    }

    /**
     * The gateway's notification of an answer, server to server (VNPAY's IPN): settles the attempt as the return
     * does, so that a citizen who closed the tab is not left with money taken and a dossier waiting. Every signed
     * delivery, refused ones too, leaves an audit entry for reconciliation.
     */
    @Transactional
    public Settlement notified(Map<String, String> params) {
        Settlement settled = settle(params);
        if (settled.outcome() == Outcome.FORGED) {
            // Anyone can call this address: what is not the gateway's writes nothing, not even to the audit log.
            log.warn("Refused a payment notification with an invalid signature");
            return settled;
        }
        audited("payment.notified", settled, params.get("vnp_TxnRef"), params.get("vnp_TransactionNo"));
        return settled;
    }

    /**
     * The gateway's answer to the portal's own question about an attempt ({@link PaymentGateway#query}, asked by
     * {@link AbandonedPayments} when no confirmation came): settled as the return and the notification settle it, so
     * that whichever of the three comes first applies it and the others change nothing. Audited as
     * {@code payment.queried} with its outcome.
     */
    @Transactional
    public Settlement queried(PaymentResult result) {
        Settlement settled = settle(result);
        audited("payment.queried", settled, result.reference(), result.transactionNo());
        return settled;
    }

    /** The audit entry of a signed answer the gateway gave the portal, for reconciliation: its outcome, whatever it was. */
    private void audited(String action, Settlement settled, String reference, String gatewayTxn) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("outcome", settled.outcome().name());
        details.put("reference", String.valueOf(reference));
        details.put("gatewayTxn", String.valueOf(gatewayTxn));
        if (settled.status() != null) {
            details.put("status", settled.status());
        }
        boolean known = settled.dossierId() != null;
        audit.record("payment", action, known ? "dossier" : "payment",
                known ? settled.dossierId().toString() : String.valueOf(reference), details);
    }

    /** An answer the browser or the gateway brought: verified, then settled once. */
    private Settlement settle(Map<String, String> params) {
        PaymentGateway payments = gateway.getIfAvailable();
        if (payments == null) {
            throw UserFacingException.refused("payment.notConfigured");
        }
        return settle(payments.verify(params));
    }

    /**
     * Applies an answer once. The attempt's row is locked, so that the browser's return, the gateway's notification
     * and the expiry job's query of the same attempt, or two of any, are handled one after the other and only the
     * first changes anything. A forged or tampered answer, an unknown reference or a wrong amount changes nothing. An
     * attempt the expiry job closed is still settled: the money may have been taken after all.
     */
    private Settlement settle(PaymentResult result) {
        if (!result.authentic()) {
            return new Settlement(Outcome.FORGED, null, null);
        }
        Optional<Attempt> found = idOf(result.reference()).flatMap(this::lock);
        if (found.isEmpty()) {
            return new Settlement(Outcome.UNKNOWN_ORDER, null, null);
        }
        Attempt attempt = found.get();
        if (result.amountVnd() != attempt.amountVnd()) {
            return new Settlement(Outcome.WRONG_AMOUNT, attempt.dossierId(), attempt.status());
        }
        if (appliedBefore(attempt, result.verdict())) {
            return new Settlement(Outcome.ALREADY_SETTLED, attempt.dossierId(), attempt.status());
        }
        return new Settlement(Outcome.APPLIED, attempt.dossierId(), apply(attempt, result));
    }

    /**
     * Whether the answer changes nothing: money recorded; a failure recorded and answered again as a failure; a
     * suspected-fraud hold answered again with anything but a payment (only VNPAY's word that it was paid, or people
     * reconciling, end that hold). A hold for want of a verdict takes the first verdict that comes.
     */
    private static boolean appliedBefore(Attempt attempt, PaymentResult.Verdict verdict) {
        return switch (attempt.status()) {
            case PAID, UNAPPLIED -> true;
            case FAILED -> verdict == PaymentResult.Verdict.NOT_PAID;
            case RECONCILING -> verdict != PaymentResult.Verdict.PAID
                    && HeldBecause.SUSPECTED_FRAUD.name().equals(attempt.heldBecause());
            default -> false;
        };
    }

    /** The answer applied to an attempt not settled yet; returns its new status. */
    private String apply(Attempt attempt, PaymentResult result) {
        if (result.verdict() == PaymentResult.Verdict.SUSPECTED) {
            hold(attempt, HeldBecause.SUSPECTED_FRAUD, result.transactionNo(), "vnp_TransactionStatus=07");
            return RECONCILING;
        }
        if (!result.paid()) {
            jdbc.sql("update payment set status = 'FAILED', gateway_txn = ? where id = ?")
                    .params(result.transactionNo(), attempt.id()).update();
            return FAILED;
        }
        if (decisions.paid(attempt.dossierId(), "VNPAY " + result.transactionNo()).isEmpty()) {
            // The money came, but the dossier no longer awaits it (another attempt paid it, or it was withdrawn):
            // recorded with the gateway's transaction for the agency to refund, not lost with a rollback.
            jdbc.sql("update payment set status = 'UNAPPLIED', gateway_txn = ?, paid_at = now() where id = ?")
                    .params(result.transactionNo(), attempt.id()).update();
            audit.record("payment", "payment.unapplied", "dossier", attempt.dossierId().toString(), Map.of(
                    "payment", attempt.id().toString(), "amountVnd", attempt.amountVnd(),
                    "gatewayTxn", String.valueOf(result.transactionNo())));
            return UNAPPLIED;
        }
        jdbc.sql("update payment set status = 'PAID', gateway_txn = ?, paid_at = now() where id = ?")
                .params(result.transactionNo(), attempt.id()).update();
        audit.record("payment", "payment.paid", "dossier", attempt.dossierId().toString(), Map.of(
                "payment", attempt.id().toString(), "amountVnd", attempt.amountVnd(),
                "gatewayTxn", String.valueOf(result.transactionNo())));
        return PAID;
    }

    /** An attempt not answered yet whose checkout window is still open: the gateway may still take its payment. */
    private record OpenAttempt(UUID id, long amountVnd, Instant orderedAt) {}

    /**
     * The attempt the expiry job asked the gateway about for as long as it asks, without a verdict: held for
     * reconciliation, unless a confirmation settled it meanwhile (the row is locked, as for any answer). Returns
     * whether it was held now.
     */
    @Transactional
    public boolean heldWithoutVerdict(UUID attemptId, String gatewaySaid) {
        Optional<Attempt> attempt = lock(attemptId).filter(a -> a.status().equals(PENDING));
        attempt.ifPresent(a -> hold(a, HeldBecause.NO_VERDICT, null, gatewaySaid));
        return attempt.isPresent();
    }

    /** What the admin who reconciled a held attempt against the gateway's statement found. */
    public enum Reconciled {
        PAID, NOT_PAID;

        /** The posted choice; null when none or not one of these (refused as no choice). */
        public static Reconciled of(String posted) {
            return java.util.Arrays.stream(values()).filter(v -> v.name().equals(posted)).findFirst().orElse(null);
        }
    }

    /** A held attempt closed by hand: its dossier, its status now, and whether this post repeated an earlier close. */
    public record ClosedByHand(UUID dossierId, String status, boolean repeated) {}

    static final int MAX_RECONCILE_NOTE = 1000;

    /**
     * An admin closes an attempt held for reconciliation ({@link #RECONCILING}) as VNPAY's statement shows it, audited
     * ({@code payment.reconciled}). Paid, with VNPAY's transaction number: settled as the gateway's confirmation
     * settles it ({@link #settle(PaymentResult)}), so the dossier's payment transition fires once, or the money is
     * UNAPPLIED for refund when the dossier no longer awaits it. Not paid: FAILED, like an attempt the gateway
     * reports unpaid, so the applicant may pay again, and they are told. The row is locked, as for any answer: the
     * same close posted again answers as the first did and changes nothing; any other close of an attempt no longer
     * held is refused.
     */
    @Transactional
    public ClosedByHand closeHeld(PortalUser admin, String reference, Reconciled found, String gatewayTxn, String note) {
        String why = note == null ? "" : note.strip();
        String txn = gatewayTxn == null ? "" : gatewayTxn.strip();
        if (found == null) {
            throw UserFacingException.refused("reconciliation.verdictRequired").at("verdict");
        }
        if (found == Reconciled.PAID && !txn.matches("[0-9A-Za-z]{1,30}")) {
            throw UserFacingException.refused(txn.isEmpty() ? "reconciliation.txnRequired" : "reconciliation.txnInvalid")
                    .at("gatewayTxn");
        }
        if (why.isEmpty()) {
            throw UserFacingException.refused("reconciliation.noteRequired").at("note");
        }
        if (why.length() > MAX_RECONCILE_NOTE) {
            throw UserFacingException.refused("decision.noteTooLong", MAX_RECONCILE_NOTE).at("note");
        }
        Attempt attempt = idOf(reference).flatMap(this::lock).orElseThrow(UserFacingException::notFound);
        if (!attempt.status().equals(RECONCILING)) {
            String closedAs = jdbc.sql("select reconciled_as from payment where id = ?").param(attempt.id())
                    .query(String.class).single();
            if (found.name().equals(closedAs)) {
                return new ClosedByHand(attempt.dossierId(), attempt.status(), true);
            }
            throw UserFacingException.refused(closedAs == null ? "reconciliation.settledMeanwhile"
                    : "reconciliation.closedBefore");
        }
        String status;
        if (found == Reconciled.PAID) {
            // As if VNPAY had confirmed it: the one settlement of the return, the IPN and the query.
            status = settle(new PaymentResult(true, PaymentResult.Verdict.PAID, reference(attempt.id()),
                    attempt.amountVnd(), txn)).status();
        } else {
            jdbc.sql("update payment set status = 'FAILED' where id = ?").param(attempt.id()).update();
            status = FAILED;
            decisions.paymentFoundUnpaid(attempt.dossierId(), admin.username(), "STAFF");
        }
        jdbc.sql("update payment set reconciled_by = ?, reconciled_at = now(), reconciled_as = ? where id = ?")
                .params(admin.username(), found.name(), attempt.id()).update();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("payment", attempt.id().toString());
        details.put("reference", reference(attempt.id()));
        details.put("amountVnd", attempt.amountVnd());
        details.put("heldBecause", String.valueOf(attempt.heldBecause()));
        details.put("found", found.name());
        details.put("status", status);
        details.put("gatewayTxn", found == Reconciled.PAID ? txn : "");
        details.put("note", why);
        audit.record(admin.username(), "payment.reconciled", "dossier", attempt.dossierId().toString(), details);
        return new ClosedByHand(attempt.dossierId(), status, false);
    }

    /**
     * A hold the gateway's later answer found unpaid (AbandonedPayments): the citizen, who was shown the payment held,
     * is told as an admin's close would tell them that they may pay again. In the caller's transaction.
     */
    void releasedUnpaid(UUID dossierId) {
        decisions.paymentFoundUnpaid(dossierId, "payment", "PAYMENT");
    }

    /** Marks the attempt RECONCILING, with its audit entry ({@code payment.held}) for the people who reconcile. */
    private void hold(Attempt attempt, HeldBecause reason, String gatewayTxn, String gatewaySaid) {
        jdbc.sql("""
                        update payment set status = 'RECONCILING', reconcile_reason = ?, reconcile_since = now(),
                                           gateway_txn = coalesce(?, gateway_txn) where id = ?""")
                .params(reason.name(), gatewayTxn, attempt.id()).update();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("payment", attempt.id().toString());
        details.put("reference", reference(attempt.id()));
        details.put("amountVnd", attempt.amountVnd());
        details.put("reason", reason.name());
        details.put("gateway", String.valueOf(gatewaySaid));
        details.put("gatewayTxn", String.valueOf(gatewayTxn));
        audit.record("payment", "payment.held", "dossier", attempt.dossierId().toString(), details);
    }

    /**
     * One open attempt per dossier at a time: an attempt of a second tab could be paid as well, charging the citizen
     * twice. An attempt is open until it is answered or its checkout window has passed. An attempt whose result is
     * not known keeps the dossier from a new one as long as that lasts: one held for reconciliation, or one the expiry
     * job asked the gateway about without a verdict yet (it may have been paid, its confirmation lost). Two starts of
     * the same dossier wait for each other here, so the second finds the first's attempt.
     */
    private Optional<OpenAttempt> openAttempt(UUID dossierId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("payment:" + dossierId).query((rs, n) -> 1).list();
        jdbc.sql("""
                        select status from payment where dossier_id = ?
                          and (status = 'RECONCILING' or (status = 'PENDING' and queried_at is not null))
                        order by status = 'RECONCILING' desc limit 1""")
                .param(dossierId).query(String.class).optional().ifPresent(status -> {
                    throw UserFacingException.refused(status.equals(RECONCILING) ? "payment.reconciling" : "payment.unresolved");
                });
        return jdbc.sql("""
                        select id, amount_vnd, created_at from payment
                        where dossier_id = ? and status = 'PENDING' and created_at > now() - make_interval(mins => ?)
                        order by created_at desc limit 1""")
                .params(dossierId, (int) CHECKOUT_WINDOW.toMinutes())
                .query((rs, n) -> new OpenAttempt(rs.getObject("id", UUID.class), rs.getLong("amount_vnd"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    private record Attempt(UUID id, UUID dossierId, long amountVnd, String status, String heldBecause) {}

    /** Locked, so that two answers for the same attempt (return and notification, a reload) go one after the other. */
    private Optional<Attempt> lock(UUID id) {
        return jdbc.sql("select id, dossier_id, amount_vnd, status, reconcile_reason from payment where id = ? for update")
                .param(id)
                .query((rs, n) -> new Attempt(rs.getObject("id", UUID.class), rs.getObject("dossier_id", UUID.class),
                        rs.getLong("amount_vnd"), rs.getString("status"), rs.getString("reconcile_reason")))
                .optional();
    }

    /** The reference sent to the gateway: the attempt's id as 32 hex digits (VNPAY refs are letters and digits). */
    static String reference(UUID id) {
        return id.toString().replace("-", "");
    }

    private static Optional<UUID> idOf(String reference) {
        if (reference == null || !reference.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(reference.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")));
    }
}
