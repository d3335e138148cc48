package vn.gov.portal.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the audit log's hash chain (V20, V29): walks the links in chain order, recomputing each hash in Java from the
 * linked entry's stored fields, and stops at the first broken link; then looks for entries that are neither linked nor
 * waiting for the linker. Rows are streamed with a cursor, so the check holds one entry in memory whatever the size of
 * the log; it reads one snapshot and never blocks writers.
 */
@Service
public class AuditChain {

    /** What is wrong with an entry. */
    public enum Problem {
        /** The stored hash is not the hash of the entry's fields: the entry was changed. */
        HASH_MISMATCH,
        /** The link does not name the hash of the link before it: an entry was changed, replaced or inserted. */
        PREV_HASH_MISMATCH,
        /** The link's position does not follow the one before it: links were deleted. */
        GAP,
        /** The link names an entry that is not in the log: the entry was deleted. */
        MISSING,
        /** The entry is neither linked nor waiting for the linker: it was written around the chain. */
        UNLINKED
    }

    /**
     * The outcome: entries checked, the first broken link (entry id and problem) or none, the hash of the last link,
     * and the entries written but not linked yet (the linker links them within seconds).
     */
    public record Result(long count, Long brokenId, Problem problem, String headHash, long waiting) {
        public boolean ok() {
            return problem == null;
        }
    }

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;

    AuditChain(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
    }

    /** Read-only and one snapshot (PostgreSQL streams with a cursor only outside autocommit). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Result verify() {
        Walk walk = new Walk();
        jdbc.query("""
                select l.seq, l.entry_id, a.id is not null, a.at, a.actor, a.action, a.subject_type, a.subject_id,
                       a.details::text, l.prev_hash, l.hash
                from audit_link l left join audit_log a on a.id = l.entry_id order by l.seq""", walk);
        long waiting = jdbc.queryForObject("select count(*) from audit_unlinked", Long.class);
        if (walk.problem == null) {
            Long unlinked = jdbc.queryForObject("""
                    select min(a.id) from audit_log a
                    where not exists (select 1 from audit_link l where l.entry_id = a.id)
                      and not exists (select 1 from audit_unlinked u where u.entry_id = a.id)""", Long.class);
            if (unlinked != null) {
                walk.problem = Problem.UNLINKED;
                walk.brokenId = unlinked;
            }
        }
        return walk.result(waiting);
    }

    /** The canonical bytes of an entry at a position, as audit_log_canonical() builds them in the database. */
    static byte[] canonical(long seq, byte[] entryFields, byte[] prevHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entryFields.length + 96);
        field(out, Long.toString(seq));
        out.writeBytes(entryFields);
        field(out, prevHash == null ? "" : HexFormat.of().formatHex(prevHash));
        return out.toByteArray();
    }

    /** The canonical bytes of an entry's own fields, which do not depend on its position in the chain. */
    static byte[] entryFields(long id, Timestamp at, String actor, String action, String subjectType, String subjectId,
                              String details) {
        long micros = Math.addExact(Math.multiplyExact(Math.floorDiv(at.getTime(), 1000L), 1_000_000L),
                at.getNanos() / 1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (String field : new String[] {Long.toString(id), Long.toString(micros), actor, action, subjectType,
                subjectId, details}) {
            field(out, field);
        }
        return out.toByteArray();
    }

    /** A field as "<length in UTF-8 bytes>:<text>;", so no two different entries serialise alike. */
    private static void field(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write(';');
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The walk over the links; after the first broken link it only skips the rest. */
    private static final class Walk implements RowCallbackHandler {
        private long count;
        private long lastSeq;
        private byte[] lastHash;
        private Long brokenId;
        private Problem problem;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            if (problem != null) {
                return;
            }
            long seq = rs.getLong(1);
            long id = rs.getLong(2);
            byte[] prevHash = rs.getBytes(10);
            byte[] hash = rs.getBytes(11);
            Problem found = null;
            if (seq != lastSeq + 1) {
                found = Problem.GAP;
            } else if (!rs.getBoolean(3)) {
                found = Problem.MISSING;
            } else if (!Arrays.equals(prevHash, lastHash)) {
                found = Problem.PREV_HASH_MISMATCH;
            } else if (!Arrays.equals(hash, sha256(canonical(seq, entryFields(id, rs.getTimestamp(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)), prevHash)))) {
                found = Problem.HASH_MISMATCH;
            }
            if (found != null) {
                problem = found;
                brokenId = id;
                return;
            }
            count++;
            lastSeq = seq;
            lastHash = hash;
        }

        Result result(long waiting) {
            return new Result(count, brokenId, problem, lastHash == null ? null : HexFormat.of().formatHex(lastHash),
                    waiting);
        }
    }
}
