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
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the audit log's hash chain (V20__audit_chain.sql): walks every entry in id order, recomputing each hash in
 * Java from the stored fields, and stops at the first broken link. Rows are streamed with a cursor, so the check
 * holds one entry in memory whatever the size of the log; it reads one snapshot and never blocks writers.
 */
@Service
public class AuditChain {

    /** What is wrong with an entry. */
    public enum Problem {
        /** The stored hash is not the hash of the entry's fields: the entry was changed. */
        HASH_MISMATCH,
        /** The entry does not name the hash of the entry before it: an entry was changed, replaced or inserted. */
        PREV_HASH_MISMATCH,
        /** The entry's position does not follow the one before it: entries were deleted. */
        GAP
    }

    /** The outcome: entries checked, and the first broken link (id and problem) or none. */
    public record Result(long count, Long brokenId, Problem problem, String headHash) {
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

    /** Read-only transaction: PostgreSQL streams with a cursor only outside autocommit. */
    @Transactional(readOnly = true)
    public Result verify() {
        Walk walk = new Walk();
        jdbc.query("""
                select seq, id, at, actor, action, subject_type, subject_id, details::text, prev_hash, hash
                from audit_log order by id""", walk);
        return walk.result();
    }

    /** The canonical bytes of an entry, as audit_log_canonical() builds them in the database. */
    static byte[] canonical(long seq, long id, Timestamp at, String actor, String action, String subjectType,
                            String subjectId, String details, byte[] prevHash) {
        long micros = Math.addExact(Math.multiplyExact(Math.floorDiv(at.getTime(), 1000L), 1_000_000L),
                at.getNanos() / 1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (String field : new String[] {Long.toString(seq), Long.toString(id), Long.toString(micros), actor, action,
                subjectType, subjectId, details, prevHash == null ? "" : HexFormat.of().formatHex(prevHash)}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.write(';');
        }
        return out.toByteArray();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The walk over the rows; after the first broken link it only skips the rest. */
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
            byte[] prevHash = rs.getBytes(9);
            byte[] hash = rs.getBytes(10);
            Problem found = null;
            if (seq != lastSeq + 1) {
                found = Problem.GAP;
            } else if (!Arrays.equals(prevHash, lastHash)) {
                found = Problem.PREV_HASH_MISMATCH;
            } else if (!Arrays.equals(hash, sha256(canonical(seq, id, rs.getTimestamp(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), prevHash)))) {
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

        Result result() {
            return new Result(count, brokenId, problem, lastHash == null ? null : HexFormat.of().formatHex(lastHash));
        }
    }
}
