package org.corridor.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the audit log, in the transaction of what the entry records: an entry and its fact commit together or
 * not at all, so a crash (even {@code kill -9}) can neither lose an entry of a committed fact nor keep one of a
 * rolled-back fact. Entries are collected while the transaction runs and chained just before it commits: the chain's
 * head row is locked last ({@code SELECT ... FOR UPDATE}), the entries get the next numbers and their hashes, and the
 * lock goes with the commit. Transactions that commit at the same time are so chained one after the other, in commit
 * order; only the last moments of each (the head, the inserts, the commit) are serialised, not their work. Called
 * outside a transaction, an append is a transaction of its own.
 *
 * <p>The actor is whoever is authenticated on the calling thread (the operator, a partner, a console user), else
 * {@value #SYSTEM}: the gateway's own processing runs on its own threads, with nobody authenticated.
 */
@Component
public class AuditLog {

    /** The actor of everything the gateway does on its own. */
    public static final String SYSTEM = "corridor";

    private static final int MAX_DETAILS = 4000;
    private static final int MAX_SUBJECT = 256;
    private static final int MAX_ACTOR = 128;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    /**
     * Held from chaining to the end of the transaction. The head row's lock does the same across processes; this one
     * keeps the gateway's own threads queueing in memory instead of in the database, where H2 gives up a lock wait
     * after a second.
     */
    private final ReentrantLock chaining = new ReentrantLock();

    public AuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** An entry whose actor is whoever is authenticated on this thread, else {@value #SYSTEM}. */
    public void append(String action, String subject, String details) {
        append(currentActor(), action, subject, details);
    }

    public void append(String actor, String action, String subject, String details) {
        // only a transaction on this database carries the entry with its fact; any other (none, or one of another
        // resource) gets a transaction of the entry's own
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.getResource(jdbc.getDataSource()) == null) {
            tx.executeWithoutResult(s -> append(actor, action, subject, details));
            return;
        }
        pending()
                .add(new Pending(
                        clip(actor == null || actor.isBlank() ? SYSTEM : actor, MAX_ACTOR),
                        clip(action, 64),
                        clip(subject == null ? "" : subject, MAX_SUBJECT),
                        clip(details == null ? "" : details, MAX_DETAILS)));
    }

    /** Runs {@code write} and appends its entry in one transaction (the caller's, if it has one). */
    public void withEntry(String action, String subject, String details, Runnable write) {
        tx.executeWithoutResult(s -> {
            write.run();
            append(action, subject, details);
        });
    }

    /**
     * A tracking event (a document's stage: received, parsed, refused, delivered, ...), as the tracking store writes
     * it: document id, stage, partner (or null) and what happened.
     */
    public void event(String documentId, String stage, String partnerId, String detail) {
        event(documentId, stage, partnerId, detail, null);
    }

    /** A tracking event someone caused (a replay, a retry): the entry names them, else the current caller. */
    public void event(String documentId, String stage, String partnerId, String detail, String actor) {
        append(
                actor != null ? actor : currentActor(),
                actionOf(stage, documentId, detail),
                documentId,
                (partnerId == null ? "" : "partner " + partnerId + ": ") + (detail == null ? "" : detail));
    }

    /** Tracking events as the tracking store batches them: {document id, stage, partner, detail, time, node}. */
    public void events(List<Object[]> rows) {
        for (Object[] row : rows) {
            event((String) row[0], (String) row[1], (String) row[2], (String) row[3]);
        }
    }

    /** The action an event of this stage is logged as. */
    static String actionOf(String stage, String documentId, String detail) {
        String text = detail == null ? "" : detail;
        return switch (stage) {
            case "INTAKE" -> "document.received";
            case "DETECT" -> "document.detected";
            case "PARSE" -> "document.parsed";
            case "ENRICH" -> "document.enriched";
            case "VALIDATE" -> "document.validated";
            // only a completed dossier's own document is filed under a DOSSIER- id
            case "DOSSIER" ->
                documentId != null && documentId.startsWith("DOSSIER-") ? "dossier.completed" : "document.filed";
            case "ROUTE" -> "document.routed";
            case "DELIVER" -> text.startsWith("FAILED") ? "delivery.failed" : "document.delivered";
            case "REJECT" -> "document.refused";
            case "FAIL" -> "document.failed";
            case "REPLAY" -> "document.replayed";
            case "ACK" -> text.startsWith("ACK_OVERDUE") ? "acknowledgement.overdue" : "document.acknowledged";
            default -> "document." + stage.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The chain's head now: the last entry's number and hash (number 0 and the genesis hash when empty). */
    public Head head() {
        return jdbc.queryForObject(HEAD_SQL, HEAD);
    }

    private static final String HEAD_SQL = "SELECT last_seq, last_hash, last_at FROM audit_head WHERE head_id = 1";
    private static final RowMapper<Head> HEAD =
            (rs, n) -> new Head(rs.getLong(1), rs.getString(2), instant(rs.getObject(3, OffsetDateTime.class)));

    /** The last entry's number, hash and time. */
    public record Head(long seq, String hash, Instant at) {}

    /** Who is authenticated on this thread (a principal's name), else {@value #SYSTEM}. */
    public static String currentActor() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
            return SYSTEM;
        }
        String name = a.getName();
        return name == null || name.isBlank() ? SYSTEM : name;
    }

    private record Pending(String actor, String action, String subject, String details) {}

    /** The entries of the current transaction, chained when it commits. */
    @SuppressWarnings("unchecked")
    private List<Pending> pending() {
        List<Pending> list = (List<Pending>) TransactionSynchronizationManager.getResource(this);
        if (list != null) {
            return list;
        }
        List<Pending> fresh = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, fresh);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                // a transaction started inside this one (REQUIRES_NEW) collects its own entries
                TransactionSynchronizationManager.unbindResource(AuditLog.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(AuditLog.this, fresh);
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                chain(fresh);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
                if (chaining.isHeldByCurrentThread()) {
                    chaining.unlock();
                }
            }
        });
        return fresh;
    }

    /** Numbers and hashes the transaction's entries after the head, and moves the head: the last thing before commit. */
    private void chain(List<Pending> entries) {
        if (entries.isEmpty()) {
            return;
        }
        chaining.lock();
        Head head = jdbc.queryForObject(HEAD_SQL + " FOR UPDATE", HEAD);
        long seq = head.seq();
        String prev = head.hash();
        Instant lastAt = head.at();
        // times never go back along the chain, so each day's last entry is also the last of the day in the chain
        Instant now = AuditHashing.truncate(clock.instant());
        if (lastAt != null && now.isBefore(lastAt)) {
            now = lastAt;
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Pending p : entries) {
            seq++;
            String hash = AuditHashing.hash(prev, now, p.actor(), p.action(), p.subject(), p.details());
            rows.add(new Object[] {seq, at, p.actor(), p.action(), p.subject(), p.details(), prev, hash});
            prev = hash;
        }
        jdbc.batchUpdate(
                "INSERT INTO audit_log (seq, recorded_at, actor, action, subject, details, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
        jdbc.update("UPDATE audit_head SET last_seq = ?, last_hash = ?, last_at = ? WHERE head_id = 1", seq, prev, at);
        entries.clear();
    }

    static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
