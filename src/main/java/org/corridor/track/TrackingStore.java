package org.corridor.track;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tracking tables: documents, their events, their deliveries. Every write is idempotent, because any stage may
 * run twice for the same document after a crash (the broker redelivers what was not committed).
 */
@Component
public class TrackingStore {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingStore.class);
    private static final int MAX_TEXT = 4000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    TrackingStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** A received file; a second call for the same id (re-intake after a crash) changes nothing. */
    public void received(ReceivedFile file) {
        Timestamp now = now();
        boolean inserted = insertIgnoringDuplicate("""
                INSERT INTO documents (document_id, parent_id, file_name, intake, sha256, size_bytes, archive_path,
                    status, received_at, updated_at)
                VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)""",
                file.documentId(), file.fileName(), file.intake(), file.sha256(), file.sizeBytes(),
                file.archivePath(), DocumentStatus.RECEIVED.name(), Timestamp.from(file.receivedAt()), now);
        event(file.documentId(), Stage.INTAKE, null, (inserted ? "received " : "received again ") + file.fileName()
                + " via " + file.intake() + ", sha256 " + file.sha256() + ", archived as " + file.archivePath());
    }

    /** The format detection found. */
    public void detected(String documentId, String format, String messageType) {
        jdbc.update("UPDATE documents SET wire_format = ?, message_type = ?, updated_at = ? WHERE document_id = ?",
                format, messageType, now(), documentId);
        event(documentId, Stage.DETECT, null, format + (messageType != null ? " " + messageType : ""));
    }

    /**
     * The business messages read from a file. One message keeps the file's row; several get a row each, under the
     * file as parent, and the file's row becomes SPLIT.
     */
    public void parsed(String fileDocumentId, List<ParsedDocument> documents) {
        Timestamp now = now();
        if (documents.size() == 1 && documents.get(0).documentId().equals(fileDocumentId)) {
            ParsedDocument d = documents.get(0);
            jdbc.update("UPDATE documents SET kind = ?, updated_at = ? WHERE document_id = ?", d.kind(), now,
                    fileDocumentId);
            event(fileDocumentId, Stage.PARSE, null, d.kind() + " " + d.describe());
            return;
        }
        jdbc.update("UPDATE documents SET status = ?, updated_at = ? WHERE document_id = ?",
                DocumentStatus.SPLIT.name(), now, fileDocumentId);
        event(fileDocumentId, Stage.PARSE, null, documents.size() + " business messages");
        for (ParsedDocument d : documents) {
            insertIgnoringDuplicate("""
                    INSERT INTO documents (document_id, parent_id, file_name, intake, sha256, size_bytes,
                        archive_path, wire_format, message_type, kind, status, received_at, updated_at)
                    SELECT ?, document_id, file_name, intake, sha256, size_bytes, archive_path, wire_format,
                        message_type, ?, ?, received_at, ?
                    FROM documents WHERE document_id = ?""",
                    d.documentId(), d.kind(), DocumentStatus.RECEIVED.name(), now, fileDocumentId);
            event(d.documentId(), Stage.PARSE, null, d.kind() + " " + d.describe() + " from " + fileDocumentId);
        }
    }

    public void enriched(String documentId, String agreementRef) {
        jdbc.update("UPDATE documents SET agreement_ref = ?, updated_at = ? WHERE document_id = ?", agreementRef,
                now(), documentId);
        event(documentId, Stage.ENRICH, null, "agreement " + agreementRef);
    }

    /** Plans one delivery per recipient; existing rows (a re-run) keep their status. */
    public void routed(String documentId, List<PlannedDelivery> deliveries) {
        Timestamp now = now();
        for (PlannedDelivery d : deliveries) {
            insertIgnoringDuplicate("""
                    INSERT INTO deliveries (document_id, partner_id, doc_format, status, attempts, created_at,
                        updated_at)
                    VALUES (?, ?, ?, 'PENDING', 0, ?, ?)""", documentId, d.partnerId(), d.format(), now, now);
            event(documentId, Stage.ROUTE, d.partnerId(), "to " + d.partnerId() + " as " + d.format());
        }
        settle(documentId);
    }

    public boolean isDelivered(String documentId, String partnerId) {
        return "DELIVERED".equals(deliveryStatus(documentId, partnerId).orElse(null));
    }

    public Optional<String> deliveryStatus(String documentId, String partnerId) {
        return jdbc.queryForList("SELECT status FROM deliveries WHERE document_id = ? AND partner_id = ?",
                String.class, documentId, partnerId).stream().findFirst();
    }

    public void delivered(String documentId, String partnerId, String channel, String target, int attempts) {
        finishDelivery(documentId, partnerId, channel, target, attempts, "DELIVERED", null);
        event(documentId, Stage.DELIVER, partnerId, "delivered over " + channel + " to " + target + " after "
                + attempts + " attempt(s)");
    }

    public void deliveryFailed(String documentId, String partnerId, String channel, String target, int attempts,
                               String error) {
        finishDelivery(documentId, partnerId, channel, target, attempts, "FAILED", error);
        event(documentId, Stage.DELIVER, partnerId, "FAILED after " + attempts + " attempt(s): " + error);
    }

    public void rejected(String documentId, String code, String reason) {
        endWith(documentId, DocumentStatus.REJECTED, code, reason, Stage.REJECT);
    }

    public void failed(String documentId, String reason) {
        endWith(documentId, DocumentStatus.FAILED, "INTERNAL", reason, Stage.FAIL);
    }

    public Optional<Map<String, Object>> document(String documentId) {
        return jdbc.queryForList("SELECT * FROM documents WHERE document_id = ?", documentId).stream().findFirst();
    }

    public List<Map<String, Object>> deliveries(String documentId) {
        return jdbc.queryForList("SELECT * FROM deliveries WHERE document_id = ? ORDER BY partner_id", documentId);
    }

    public List<Map<String, Object>> events(String documentId) {
        return jdbc.queryForList("SELECT * FROM events WHERE document_id = ? ORDER BY event_id", documentId);
    }

    public void event(String documentId, Stage stage, String partnerId, String detail) {
        jdbc.update("INSERT INTO events (document_id, stage, partner_id, detail, created_at) VALUES (?, ?, ?, ?, ?)",
                documentId, stage.name(), partnerId, clip(detail), now());
    }

    private void endWith(String documentId, DocumentStatus status, String code, String reason, Stage stage) {
        Timestamp now = now();
        // a rejected file that was split rejects its parts too: none of them is delivered
        jdbc.update("UPDATE documents SET status = ?, reason_code = ?, reason = ?, updated_at = ?"
                        + " WHERE document_id = ? OR parent_id = ?",
                status.name(), code, clip(reason), now, documentId, documentId);
        event(documentId, stage, null, code + ": " + reason);
    }

    private void finishDelivery(String documentId, String partnerId, String channel, String target, int attempts,
                                String status, String error) {
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            jdbc.update("""
                    UPDATE deliveries SET status = ?, channel = ?, target = ?, attempts = attempts + ?,
                        last_error = ?, updated_at = ?, delivered_at = ?
                    WHERE document_id = ? AND partner_id = ?""",
                    status, channel, clip(target), attempts, clip(error), now,
                    "DELIVERED".equals(status) ? now : null, documentId, partnerId);
            settleLocked(documentId);
        });
    }

    private void settle(String documentId) {
        tx.executeWithoutResult(s -> settleLocked(documentId));
    }

    /**
     * Derives the document's status from its deliveries. The row lock serialises two deliveries of one document that
     * finish at once, so the last one to commit always sees both and the status never goes back to ROUTED.
     */
    private void settleLocked(String documentId) {
        jdbc.queryForList("SELECT document_id FROM documents WHERE document_id = ? FOR UPDATE", String.class,
                documentId);
        List<String> statuses = jdbc.queryForList("SELECT status FROM deliveries WHERE document_id = ?",
                String.class, documentId);
        DocumentStatus status = statuses.contains("FAILED") ? DocumentStatus.FAILED
                : !statuses.isEmpty() && statuses.stream().allMatch("DELIVERED"::equals) ? DocumentStatus.DELIVERED
                : DocumentStatus.ROUTED;
        String reason = status == DocumentStatus.FAILED ? "a delivery failed; see deliveries" : null;
        jdbc.update("UPDATE documents SET status = ?, reason_code = ?, reason = ?, updated_at = ?"
                        + " WHERE document_id = ?",
                status.name(), status == DocumentStatus.FAILED ? "DELIVERY_FAILED" : null, reason, now(), documentId);
    }

    private boolean insertIgnoringDuplicate(String sql, Object... args) {
        try {
            return jdbc.update(sql, args) > 0;
        } catch (DuplicateKeyException e) {
            LOG.debug("already recorded: {}", e.getMessage());
            return false;
        }
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
