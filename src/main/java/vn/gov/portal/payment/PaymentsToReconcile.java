package vn.gov.portal.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The payments people must check against VNPAY's statement: those held (RECONCILING: suspected fraud, or no verdict
 * while the expiry job asked) and those paid for a dossier that no longer awaited them (UNAPPLIED, to refund). What
 * they do about each happens in VNPAY's merchant portal; a confirmation VNPAY still sends settles a held one here.
 */
@Service
public class PaymentsToReconcile {

    /**
     * One payment: its dossier, the reference VNPAY knows it by, since when it needs reconciling, and {@code state}:
     * SUSPECTED_FRAUD, NO_VERDICT or UNAPPLIED.
     */
    public record Entry(UUID dossierId, String receiptCode, String reference, long amountVnd, Instant startedAt,
                        Instant since, String state, String gatewayTxn) {}

    private static final int LIMIT = 500;
    private final JdbcClient jdbc;

    PaymentsToReconcile(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first (the partial index payment_to_reconcile), at most {@value #LIMIT}. */
    public List<Entry> all() {
        return jdbc.sql("""
                        select p.id, p.dossier_id, d.receipt_code, p.amount_vnd, p.created_at, p.gateway_txn,
                               coalesce(p.reconcile_since, p.paid_at, p.created_at) as since,
                               case when p.status = 'RECONCILING' then p.reconcile_reason else p.status end as state
                        from payment p join dossier d on d.id = p.dossier_id
                        where p.status in ('RECONCILING', 'UNAPPLIED') order by p.created_at limit ?""")
                .param(LIMIT)
                .query((rs, n) -> new Entry(rs.getObject("dossier_id", UUID.class), rs.getString("receipt_code"),
                        Payments.reference(rs.getObject("id", UUID.class)), rs.getLong("amount_vnd"),
                        rs.getObject("created_at", Timestamp.class).toInstant(),
                        rs.getObject("since", Timestamp.class).toInstant(), rs.getString("state"),
                        rs.getString("gateway_txn")))
                .list();
    }
}
