package org.corridor.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Walks the audit log from its first entry and names the first one that was edited, deleted, inserted or reordered
 * since it was written. Each entry must hash to its stored hash (its content after its stored previous hash), its
 * previous hash must be the hash of the entry before it, numbers must run 1, 2, 3 … up to the head the gateway keeps,
 * and every published daily head ({@link AuditHeads}) must be the entry it names. How the chain broke tells what was
 * done: an entry that no longer hashes to itself was edited (or, when the next entry follows the one before it, was
 * inserted); a missing number, or an entry whose predecessor is nowhere in the log, means entries were deleted; an
 * entry that follows the one two places before it sits behind an inserted one; one that follows some other entry was
 * moved. Everything is read in one snapshot (repeatable read), so a gateway appending meanwhile does not disturb it.
 */
public final class AuditVerifier {

    /** What was done to the first entry found wrong. */
    public enum Kind {
        EDITED,
        DELETED,
        INSERTED,
        REORDERED
    }

    /** The first entry found wrong: its number, what was done, in words. */
    public record Break(long seq, Kind kind, String message) {}

    /** The outcome: intact or not, how many entries were checked, the head, the first break (null when intact). */
    public record Verification(
            boolean intact, long entries, long headSeq, String headHash, int publishedHeads, Break firstBreak) {}

    private static final int FETCH = 1000;

    private AuditVerifier() {}

    /** Checks the log of this database against its own head and the published heads given (by entry number). */
    public static Verification verify(DataSource dataSource, List<AuditHeads.Published> published) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return walk(c, published);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log cannot be read: " + e.getMessage(), e);
        }
    }

    private static Verification walk(Connection c, List<AuditHeads.Published> published) throws SQLException {
        long headSeq;
        String headHash;
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE head_id = 1");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return new Verification(
                        false,
                        0,
                        0,
                        AuditHashing.GENESIS,
                        0,
                        new Break(1, Kind.DELETED, "the chain's head row (audit_head) is missing"));
            }
            headSeq = rs.getLong(1);
            headHash = rs.getString(2);
        }
        Map<Long, AuditHeads.Published> bySeq = new TreeMap<>();
        published.forEach(p -> bySeq.put(p.seq(), p));
        Walk walk = new Walk(c, headSeq, bySeq);
        try (PreparedStatement s = c.prepareStatement("SELECT seq, recorded_at, actor, action, subject, details,"
                + " prev_hash, hash FROM audit_log ORDER BY seq")) {
            s.setFetchSize(FETCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && walk.found == null) {
                    walk.offer(new AuditEntry(
                            rs.getLong(1),
                            AuditLog.instant(rs.getObject(2, OffsetDateTime.class)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8)));
                }
            }
        }
        walk.finish(headHash);
        return new Verification(walk.found == null, walk.checked, headSeq, headHash, bySeq.size(), walk.found);
    }

    /** The walk along the chain, one entry behind the rows read: an entry is judged once the next one is known. */
    private static final class Walk {
        private final Connection c;
        private final long headSeq;
        private final Map<Long, AuditHeads.Published> published;
        private long expected = 1;
        private String prevHash = AuditHashing.GENESIS;
        private AuditEntry previous;
        private AuditEntry waiting;
        private long checked;
        private Break found;

        Walk(Connection c, long headSeq, Map<Long, AuditHeads.Published> published) {
            this.c = c;
            this.headSeq = headSeq;
            this.published = published;
        }

        void offer(AuditEntry row) throws SQLException {
            if (waiting != null) {
                judge(waiting, row);
            }
            waiting = row;
        }

        void finish(String headHash) throws SQLException {
            if (found == null && waiting != null) {
                judge(waiting, null);
            }
            if (found != null) {
                return;
            }
            long last = previous == null ? 0 : previous.seq();
            if (last < headSeq) {
                found = new Break(
                        last + 1,
                        Kind.DELETED,
                        "entries #" + (last + 1) + (headSeq > last + 1 ? " to #" + headSeq : "")
                                + " are missing: the log ends at #" + last + " but its head"
                                + " (audit_head) records #" + headSeq);
            } else if (previous != null && !previous.hash().equals(headHash)) {
                found = new Break(
                        last,
                        Kind.EDITED,
                        "entry #" + last + " is not the entry the head (audit_head)" + " records: its hash is "
                                + previous.hash() + ", the head's " + headHash);
            } else {
                published.values().stream()
                        .filter(p -> p.seq() > last)
                        .findFirst()
                        .ifPresent(p -> found = new Break(
                                p.seq(),
                                Kind.DELETED,
                                "the head published for " + p.date() + " is entry #" + p.seq()
                                        + ", which is not in the log (it ends at #" + last + ")"));
            }
        }

        private void judge(AuditEntry row, AuditEntry next) throws SQLException {
            long seq = row.seq();
            if (seq > headSeq) {
                found = new Break(
                        seq,
                        Kind.INSERTED,
                        "entry #" + seq + " is beyond the head (audit_head), which" + " records #" + headSeq
                                + " as the last entry the gateway wrote");
                return;
            }
            if (seq > expected) {
                found = new Break(
                        expected,
                        Kind.DELETED,
                        (seq - expected == 1
                                        ? "entry #" + expected + " is"
                                        : "entries #" + expected + " to #" + (seq - 1) + " are")
                                + " missing: #" + seq
                                + " follows #" + (expected - 1));
                return;
            }
            if (seq < expected) {
                found = new Break(seq, Kind.INSERTED, "entry #" + seq + " is numbered before the first entry, #1");
                return;
            }
            boolean self = row.selfConsistent();
            boolean linked = row.prevHash().equals(prevHash);
            if (!self) {
                if (next != null && next.prevHash().equals(prevHash) && next.selfConsistent()) {
                    found = new Break(
                            seq,
                            Kind.INSERTED,
                            "entry #" + seq + " does not belong to the chain: #" + next.seq() + " follows #" + (seq - 1)
                                    + " directly");
                } else {
                    found = new Break(
                            seq,
                            Kind.EDITED,
                            "entry #" + seq + " no longer matches its hash: its time,"
                                    + " actor, action, subject, details or hash were changed after it was written");
                }
                return;
            }
            if (!linked) {
                Long where = seqOfHash(row.prevHash());
                if (where == null) {
                    found = new Break(
                            seq,
                            Kind.DELETED,
                            "entry #" + seq + " follows an entry that is not in the log"
                                    + " (hash " + row.prevHash() + "): the entry before it was deleted and the numbers"
                                    + " closed up, or #" + (seq - 1) + " was replaced");
                } else if (previous != null && where == previous.seq() - 1) {
                    found = new Break(
                            previous.seq(),
                            Kind.INSERTED,
                            "entry #" + previous.seq() + " was inserted:" + " #" + seq + " follows #" + where
                                    + " directly");
                } else {
                    found = new Break(
                            seq,
                            Kind.REORDERED,
                            "entry #" + seq + " was written after #" + where + ", not" + " after #" + (seq - 1)
                                    + ": entries were moved");
                }
                return;
            }
            AuditHeads.Published day = published.get(seq);
            if (day != null && !day.hash().equals(row.hash())) {
                found = new Break(
                        seq,
                        Kind.EDITED,
                        "entry #" + seq + " is not the head published for " + day.date() + " (hash " + day.hash()
                                + "): the log was rewritten, hashes and all, at or before #" + seq);
                return;
            }
            checked++;
            expected = seq + 1;
            prevHash = row.hash();
            previous = row;
        }

        private Long seqOfHash(String hash) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("SELECT seq FROM audit_log WHERE hash = ? ORDER BY seq")) {
                s.setString(1, hash);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        }
    }
}
