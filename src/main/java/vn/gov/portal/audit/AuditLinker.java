package vn.gov.portal.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends committed audit entries to the hash chain (V29__audit_chain_linked_after_commit.sql). Audited transactions
 * only queue their entry, so they never wait for each other; the chain's order is the order in which this linker
 * finds the entries committed. Runs on every portal instance: the chain head's row lock, taken with
 * {@code SKIP LOCKED}, lets one linker work at a time and the others skip the round. A batch is one transaction
 * (links, head and queue together), so a crash or a lost connection links a batch wholly or not at all.
 */
@Component
public class AuditLinker {

    private static final Logger log = LoggerFactory.getLogger(AuditLinker.class);
    static final int BATCH = 2000;

    private record Head(long seq, byte[] hash) {}

    private record Entry(long id, byte[] fields) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    /** Only the scheduled runs read and write it; with a fixed delay they never overlap, one run starting after the last. */
    private boolean failing;

    AuditLinker(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${portal.audit.link-interval:PT1S}", initialDelayString = "${portal.audit.link-interval:PT1S}")
    void linkOnSchedule() {
        try {
            linkPending();
            if (failing) {
                failing = false;
                log.info("Audit entries are being linked again");
            }
        } catch (DataAccessException | TransactionException e) {
            // Nothing is lost: entries wait in audit_unlinked for the next round. Said once per outage, not per second.
            if (!failing) {
                failing = true;
                log.warn("Audit entries not linked, retrying every round: {}", e.getMostSpecificCause().getMessage());
            }
        }
    }

    /**
     * Links the entries committed so far, batch by batch, until none is waiting or another linker holds the head.
     *
     * @return how many entries this call linked
     */
    public int linkPending() {
        int linked = 0;
        while (true) {
            int batch = transactions.execute(status -> linkBatch());
            linked += batch;
            if (batch < BATCH) {
                return linked;
            }
        }
    }

    /** One batch in the caller's transaction: 0 when nothing waits, or when another linker is at work. */
    private int linkBatch() {
        // Planned for the queue as it is now. The driver prepares repeated statements on the server, which then keeps
        // one generic plan: made while the queue was small, it scanned the whole queue for each batch of a backlog
        // (the delete compared every row with each of the batch's ids): 400 entries a second at 60,000 waiting,
        // slower as the backlog grew (docs/performance.md, "Eighth round"). Planning costs well under a millisecond.
        // Nor are the queue's statistics to be trusted: a queue is empty one moment and a backlog the next, and with
        // statistics of the empty moment every batch of a 30,000-entry backlog read the whole queue once more
        // (AuditChainTest in a full test run). The queue is only ever read by its key, so only by its index.
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        jdbc.sql("set local enable_seqscan = off").update();
        Head head = jdbc.sql("select seq, hash from audit_chain_head for update skip locked")
                .query((rs, row) -> new Head(rs.getLong(1), rs.getBytes(2))).optional().orElse(null);
        if (head == null) {
            return 0;
        }
        List<Entry> entries = jdbc.sql("""
                        select a.id, a.at, a.actor, a.action, a.subject_type, a.subject_id, a.details::text
                        from audit_unlinked u join audit_log a on a.id = u.entry_id
                        order by u.entry_id limit ?""")
                .param(BATCH).query(AuditLinker::entry).list();
        if (entries.isEmpty()) {
            return 0;
        }
        int n = entries.size();
        Long[] seqs = new Long[n];
        Long[] ids = new Long[n];
        String[] prevHashes = new String[n];
        String[] hashes = new String[n];
        long seq = head.seq();
        byte[] prev = head.hash();
        for (int i = 0; i < n; i++) {
            seq++;
            byte[] hash = AuditChain.sha256(AuditChain.canonical(seq, entries.get(i).fields(), prev));
            seqs[i] = seq;
            ids[i] = entries.get(i).id();
            prevHashes[i] = prev == null ? null : HexFormat.of().formatHex(prev);
            hashes[i] = HexFormat.of().formatHex(hash);
            prev = hash;
        }
        jdbc.sql("""
                        insert into audit_link (seq, entry_id, prev_hash, hash)
                        select s, e, decode(p, 'hex'), decode(h, 'hex')
                        from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) as t(s, e, p, h)""")
                .params(seqs, ids, prevHashes, hashes).update();
        jdbc.sql("delete from audit_unlinked where entry_id = any(?)").param(ids).update();
        jdbc.sql("update audit_chain_head set seq = ?, hash = ?").params(seq, prev).update();
        return n;
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong(1);
        return new Entry(id, AuditChain.entryFields(id, rs.getTimestamp(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7)));
    }
}
