package vn.gov.portal.payment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;

/**
 * What a dossier's applicant paid online, for the pages and forms that show it (the dossier pages, the officers'
 * queue, the receipt). A dossier is paid at most once (the unique index {@code payment_paid_once}); money that came
 * for a dossier that no longer awaited it is UNAPPLIED, for refund, and is not shown as paid.
 */
@Service
public class PaidFees {

    /** The confirmed payment: amount in VND, when the gateway's confirmation was applied, its transaction number. */
    public record Paid(long amountVnd, Instant paidAt, String gatewayTxn) {}

    private final JdbcClient jdbc;
    private final ProcedureCatalog catalog;

    PaidFees(JdbcClient jdbc, ProcedureCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /** The dossier's payment; looked up only when its procedure charges online (most are free: no statement for them). */
    public Optional<Paid> of(Dossier dossier) {
        return Optional.ofNullable(of(List.of(dossier)).get(dossier.id()));
    }

    /**
     * A payment of the dossier held for reconciliation ({@link Payments#RECONCILING}): {@code suspected} when the
     * gateway took the money but holds the transaction as suspected fraud, else the gateway gave no verdict.
     */
    public record Held(long amountVnd, boolean suspected, Instant since) {}

    /** The dossier's payment being reconciled, if any: the citizen is told not to pay again meanwhile. */
    public Optional<Held> heldOf(Dossier dossier) {
        if (!catalog.get(dossier.procedureCode(), dossier.procedureVersion()).chargesOnline()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select amount_vnd, reconcile_reason, reconcile_since from payment
                        where dossier_id = ? and status = 'RECONCILING' order by reconcile_since desc limit 1""")
                .param(dossier.id())
                .query((rs, n) -> new Held(rs.getLong("amount_vnd"),
                        Payments.HeldBecause.SUSPECTED_FRAUD.name().equals(rs.getString("reconcile_reason")),
                        rs.getTimestamp("reconcile_since").toInstant()))
                .optional();
    }

    /** For a page of dossiers at once: one query for those whose procedure charges online, none if no such dossier. */
    public Map<UUID, Paid> of(List<Dossier> dossiers) {
        return paid(dossiers.stream().filter(d -> catalog.of(d).chargesOnline())
                .map(Dossier::id).toList());
    }

    /** By the index on dossier_id; dossiers not paid are absent. */
    private Map<UUID, Paid> paid(Collection<UUID> dossierIds) {
        if (dossierIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        select dossier_id, amount_vnd, paid_at, gateway_txn from payment
                        where dossier_id = any(?) and status = 'PAID'""")
                .param(dossierIds.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("dossier_id", UUID.class), new Paid(rs.getLong("amount_vnd"),
                        rs.getTimestamp("paid_at").toInstant(), rs.getString("gateway_txn"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
