package org.corridor.track;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corridor.audit.AuditLog;
import org.corridor.base.ClusterSettings;
import org.corridor.base.DeliveryFormat;
import org.corridor.base.FileNames;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.problem.Finding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tracking tables: documents, their events, their deliveries. Every write is idempotent, because any stage may
 * run twice for the same document after a crash (the broker redelivers what was not committed). Every event is also
 * appended to the audit log, in the same transaction.
 */
@Component
public class TrackingStore {

    private static final int MAX_TEXT = 4000;
    private static final String EVENT_SQL = "INSERT INTO events (document_id, stage, partner_id, detail, created_at,"
            + " node_id) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String REACHED_SQL = DeliveryStatus.sqlList(DeliveryStatus.REACHED);
    /** The document's status from its deliveries: any FAILED fails it, all reached delivers it. */
    private static final String SETTLE_SQL = """
            UPDATE documents SET
                status = CASE
                    WHEN EXISTS (SELECT 1 FROM deliveries d WHERE d.document_id = documents.document_id
                                 AND d.status = 'FAILED') THEN 'FAILED'
                    WHEN EXISTS (SELECT 1 FROM deliveries d WHERE d.document_id = documents.document_id
                                 AND d.status NOT IN %s) THEN 'ROUTED'
                    ELSE 'DELIVERED' END,
                reason_code = CASE
                    WHEN EXISTS (SELECT 1 FROM deliveries d WHERE d.document_id = documents.document_id
                                 AND d.status = 'FAILED') THEN 'DELIVERY_FAILED' END,
                reason = CASE
                    WHEN EXISTS (SELECT 1 FROM deliveries d WHERE d.document_id = documents.document_id
                                 AND d.status = 'FAILED') THEN 'a delivery failed; see deliveries' END,
                updated_at = ?
            WHERE document_id = ?""".formatted(REACHED_SQL);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;

    /** Which node writes the events: in a cluster, the work each node did (corridor.cluster.node-id). */
    private final String nodeId;

    @Autowired
    TrackingStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, ClusterSettings cluster) {
        this(jdbc, tx, clock, audit, cluster.nodeId());
    }

    TrackingStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, String nodeId) {
        this.nodeId = nodeId;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
    }

    /** A received file; a second call for the same id (re-intake after a crash) changes nothing. */
    public void received(ReceivedFile file) {
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            int inserted = jdbc.update(
                    """
                    INSERT INTO documents (document_id, parent_id, file_name, intake, sha256, size_bytes,
                        archive_path, status, received_at, updated_at)
                    SELECT ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?
                    WHERE NOT EXISTS (SELECT 1 FROM documents WHERE document_id = ?)""",
                    file.documentId(),
                    file.fileName(),
                    file.intake(),
                    file.sha256(),
                    file.sizeBytes(),
                    file.archivePath(),
                    DocumentStatus.RECEIVED.name(),
                    Timestamp.from(file.receivedAt()),
                    now,
                    file.documentId());
            writeEvent(
                    file.documentId(),
                    Stage.INTAKE,
                    null,
                    (inserted > 0 ? "received " : "received again ") + FileNames.forLog(file.fileName()) + " via "
                            + file.intake()
                            + ", sha256 " + file.sha256() + ", archived as " + file.archivePath(),
                    now);
            if (inserted > 0) {
                DocumentIndex.writeFileName(jdbc, file.documentId(), file.fileName());
            }
        });
    }

    /**
     * A file refused before anything of it was read or archived (an inbox entry that is not a regular file): its row
     * is REJECTED from the start. A second call for the same id changes nothing.
     */
    public void refused(ReceivedFile file, String code, String reason) {
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            int inserted = jdbc.update(
                    """
                    INSERT INTO documents (document_id, parent_id, file_name, intake, sha256, size_bytes,
                        archive_path, status, reason_code, reason, received_at, updated_at)
                    SELECT ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                    WHERE NOT EXISTS (SELECT 1 FROM documents WHERE document_id = ?)""",
                    file.documentId(),
                    file.fileName(),
                    file.intake(),
                    file.sha256(),
                    file.sizeBytes(),
                    file.archivePath(),
                    DocumentStatus.REJECTED.name(),
                    code,
                    clip(reason),
                    Timestamp.from(file.receivedAt()),
                    now,
                    file.documentId());
            if (inserted > 0) {
                writeEvent(file.documentId(), Stage.REJECT, null, code + ": " + reason, now);
                DocumentIndex.writeFileName(jdbc, file.documentId(), file.fileName());
            }
        });
    }

    /** Starts collecting what processing learns about one received file; see {@link #record(Processing)}. */
    public Processing processing(String fileDocumentId) {
        return new Processing(fileDocumentId, clock, nodeId);
    }

    /**
     * Writes everything one processing run learned (detection, parsing, enrichment, routing and their events) in one
     * transaction: a handful of statements per document instead of one commit per fact. Idempotent, because the same
     * file may be processed again after a crash: rows that exist are left as they are.
     */
    public void record(Processing p) {
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            boolean single =
                    p.parsed.size() == 1 && p.parsed.get(0).documentId().equals(p.fileDocumentId);
            if (p.format != null) {
                jdbc.update(
                        "UPDATE documents SET wire_format = ?, message_type = ?, kind = ?, updated_at = ?"
                                + " WHERE document_id = ?",
                        p.format,
                        p.messageType,
                        single ? p.parsed.get(0).kind() : null,
                        now,
                        p.fileDocumentId);
            }
            if (!p.parsed.isEmpty() && !single) {
                jdbc.update(
                        "UPDATE documents SET status = ?, updated_at = ? WHERE document_id = ?",
                        DocumentStatus.SPLIT.name(),
                        now,
                        p.fileDocumentId);
                jdbc.batchUpdate(
                        """
                        INSERT INTO documents (document_id, parent_id, file_name, intake, sha256, size_bytes,
                            archive_path, wire_format, message_type, kind, status, received_at, updated_at)
                        SELECT ?, document_id, file_name, intake, sha256, size_bytes, archive_path, wire_format,
                            message_type, ?, ?, received_at, ?
                        FROM documents f WHERE f.document_id = ?
                          AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.document_id = ?)""",
                        p.parsed.stream()
                                .map(d -> new Object[] {
                                    d.documentId(),
                                    d.kind(),
                                    DocumentStatus.RECEIVED.name(),
                                    now,
                                    p.fileDocumentId,
                                    d.documentId()
                                })
                                .toList());
            }
            p.agreements.forEach((documentId, agreement) -> jdbc.update(
                    "UPDATE documents SET agreement_ref = ?, updated_at = ? WHERE document_id = ?",
                    agreement,
                    now,
                    documentId));
            p.shipments.forEach((documentId, shipment) -> jdbc.update(
                    "UPDATE documents SET shipment_ref = ?, updated_at = ? WHERE document_id = ?",
                    shipment,
                    now,
                    documentId));
            // a completed dossier is a document of its own (its deliveries need a row), under the file that completed
            // it
            p.dossiers.forEach((documentId, shipment) -> jdbc.update(
                    """
                    INSERT INTO documents (document_id, parent_id, file_name, intake, sha256, size_bytes,
                        archive_path, kind, agreement_ref, shipment_ref, status, received_at, updated_at)
                    SELECT ?, document_id, file_name, intake, sha256, size_bytes, archive_path, 'SHIPMENT_DOSSIER',
                        agreement_ref, ?, ?, received_at, ?
                    FROM documents f WHERE f.document_id = ?
                      AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.document_id = ?)""", documentId, shipment, DocumentStatus.RECEIVED.name(), now, p.fileDocumentId, documentId));
            p.routes.forEach((documentId, deliveries) -> {
                jdbc.batchUpdate(
                        """
                        INSERT INTO deliveries (document_id, partner_id, doc_format, status, attempts, created_at,
                            updated_at)
                        SELECT ?, ?, ?, 'PENDING', 0, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE document_id = ? AND partner_id = ?)""",
                        deliveries.stream()
                                .map(d -> new Object[] {
                                    documentId, d.partnerId(), d.format().label(), now, now, documentId, d.partnerId()
                                })
                                .toList());
                // a re-run leaves a document that is already past routing where it is
                jdbc.update(
                        "UPDATE documents SET status = ?, updated_at = ? WHERE document_id = ? AND status = ?",
                        DocumentStatus.ROUTED.name(),
                        now,
                        documentId,
                        DocumentStatus.RECEIVED.name());
            });
            p.acknowledgements.forEach(ack -> {
                jdbc.update(
                        """
                        INSERT INTO documents (document_id, parent_id, file_name, intake, sha256, size_bytes,
                            archive_path, wire_format, message_type, kind, status, received_at, updated_at)
                        SELECT ?, document_id, file_name, intake, sha256, size_bytes, archive_path, ?, ?,
                            'ACKNOWLEDGEMENT', ?, received_at, ?
                        FROM documents f WHERE f.document_id = ?
                          AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.document_id = ?)""",
                        ack.documentId(),
                        ack.standard(),
                        ack.format().label(),
                        DocumentStatus.ROUTED.name(),
                        now,
                        p.fileDocumentId,
                        ack.documentId());
                jdbc.update(
                        """
                        INSERT INTO deliveries (document_id, partner_id, doc_format, status, attempts, created_at,
                            updated_at)
                        SELECT ?, ?, ?, 'PENDING', 0, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE document_id = ? AND partner_id = ?)""",
                        ack.documentId(),
                        ack.partnerId(),
                        ack.format().label(),
                        now,
                        now,
                        ack.documentId(),
                        ack.partnerId());
            });
            p.consumed.forEach((documentId, detail) -> jdbc.update(
                    "UPDATE documents SET status = ?, updated_at = ? WHERE document_id = ? AND status <> ?",
                    DocumentStatus.CONSUMED.name(),
                    now,
                    documentId,
                    DocumentStatus.CONSUMED.name()));
            jdbc.batchUpdate(EVENT_SQL, p.events);
            audit.events(p.events);
            p.events.clear();
            DocumentIndex.write(jdbc, p.fileDocumentId, p.contents.values(), now);
        });
    }

    /** An acknowledgement Corridor sends for a received file: its own document row and delivery. */
    public record AcknowledgementSent(String documentId, String standard, DeliveryFormat format, String partnerId) {}

    /** What one processing run learned about a received file, kept until {@link #record(Processing)}. */
    public static final class Processing {
        private final String fileDocumentId;
        private final Clock clock;
        private String format;
        private String messageType;
        private List<ParsedDocument> parsed = List.of();
        private final Map<String, String> agreements = new LinkedHashMap<>();
        private final Map<String, List<PlannedDelivery>> routes = new LinkedHashMap<>();
        private final List<Object[]> events = new ArrayList<>();
        private final List<AcknowledgementSent> acknowledgements = new ArrayList<>();
        private final Map<String, String> consumed = new LinkedHashMap<>();
        private final Map<String, String> shipments = new LinkedHashMap<>();
        private final Map<String, String> dossiers = new LinkedHashMap<>();
        private final Map<String, CanonicalDocument> contents = new LinkedHashMap<>();

        private final String nodeId;

        Processing(String fileDocumentId, Clock clock, String nodeId) {
            this.fileDocumentId = fileDocumentId;
            this.clock = clock;
            this.nodeId = nodeId;
        }

        public void detected(String wireFormat, String type) {
            this.format = wireFormat;
            this.messageType = type;
            event(fileDocumentId, Stage.DETECT, null, wireFormat + (type != null ? " " + type : ""));
        }

        /** One message keeps the file's row; several get a row each, under the file (then SPLIT) as parent. */
        public void parsed(List<ParsedDocument> documents) {
            this.parsed = List.copyOf(documents);
            if (documents.size() == 1 && documents.get(0).documentId().equals(fileDocumentId)) {
                event(
                        fileDocumentId,
                        Stage.PARSE,
                        null,
                        documents.get(0).kind() + " " + documents.get(0).describe());
                return;
            }
            event(fileDocumentId, Stage.PARSE, null, documents.size() + " business messages");
            for (ParsedDocument d : documents) {
                event(d.documentId(), Stage.PARSE, null, d.kind() + " " + d.describe() + " from " + fileDocumentId);
            }
        }

        /**
         * The documents as processing now has them (as parsed, later as enriched and filed): the last one of each id is
         * what the console shows as its canonical JSON, and what its number and search terms are taken from.
         */
        public void canonical(List<CanonicalDocument> documents) {
            documents.forEach(d -> contents.put(d.documentId(), d));
        }

        public void enriched(String documentId, String agreementRef) {
            agreements.put(documentId, agreementRef);
            event(documentId, Stage.ENRICH, null, "agreement " + agreementRef);
        }

        /** The agreement rules' findings on one document (warnings and information; errors reject it). */
        public void validated(String documentId, List<Finding> findings) {
            if (findings.isEmpty()) {
                event(documentId, Stage.VALIDATE, null, "agreement rules: no findings");
            }
            for (Finding f : findings) {
                event(documentId, Stage.VALIDATE, null, f.severity() + " " + f.code() + ": " + f.text());
            }
        }

        /** The document joined the dossier of a shipment (null: held outside any); the dossier's state after it. */
        public void inDossier(String documentId, String shipmentRef, String detail) {
            shipments.put(documentId, shipmentRef);
            event(
                    documentId,
                    Stage.DOSSIER,
                    null,
                    shipmentRef == null ? detail : "shipment " + shipmentRef + ": " + detail);
        }

        /** This run completed a shipment's dossier: the dossier document, to be delivered like any other. */
        public void dossierCompleted(String dossierDocumentId, String shipmentRef) {
            dossiers.put(dossierDocumentId, shipmentRef);
            event(
                    dossierDocumentId,
                    Stage.DOSSIER,
                    null,
                    "dossier of shipment " + shipmentRef + " complete, completed by " + fileDocumentId);
        }

        public void routed(String documentId, List<PlannedDelivery> deliveries) {
            routes.put(documentId, List.copyOf(deliveries));
            for (PlannedDelivery d : deliveries) {
                event(documentId, Stage.ROUTE, d.partnerId(), "to " + d.partnerId() + " as " + d.format());
            }
        }

        /** The acknowledgements prepared so far are replaced (a rule refused a message after the file was read). */
        public void withdrawAcknowledgements() {
            for (AcknowledgementSent ack : acknowledgements) {
                events.removeIf(e -> fileDocumentId.equals(e[0])
                        && Stage.ROUTE.name().equals(e[1])
                        && ack.partnerId().equals(e[2])
                        && String.valueOf(e[3]).contains(ack.documentId()));
            }
            acknowledgements.clear();
        }

        /** The acknowledgement of the received file (CONTRL, 997, 999), to be delivered to the sender. */
        public void acknowledging(AcknowledgementSent ack, String detail) {
            acknowledgements.add(ack);
            event(
                    fileDocumentId,
                    Stage.ROUTE,
                    ack.partnerId(),
                    ack.format().label() + " " + ack.documentId() + " to " + ack.partnerId() + ": " + detail);
        }

        /** A received acknowledgement, matched: it ends here, with nobody to deliver to. */
        public void consumed(String documentId, String detail) {
            consumed.put(documentId, detail);
            event(documentId, Stage.ROUTE, null, detail);
        }

        private void event(String documentId, Stage stage, String partnerId, String detail) {
            events.add(new Object[] {
                documentId, stage.name(), partnerId, clip(detail), Timestamp.from(Instant.now(clock)), nodeId
            });
        }
    }

    /** A forced replay: every delivery of the document (and of its parts) is due again. */
    public void resetDeliveries(String documentId) {
        jdbc.update(
                "UPDATE deliveries SET status = 'PENDING', ack_due_at = NULL, ack_at = NULL, ack_detail = NULL,"
                        + " updated_at = ? WHERE document_id = ?"
                        + " OR document_id IN (SELECT document_id FROM documents WHERE parent_id = ?)",
                now(),
                documentId,
                documentId);
    }

    /**
     * A FAILED delivery is due again (an operator's retry): PENDING, the document back to ROUTED, an event naming who
     * asked. False when the delivery is not FAILED (then nothing changes).
     */
    public boolean retryDelivery(String documentId, String partnerId, String actor) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            Timestamp now = now();
            lockDocument(documentId, now);
            int updated = jdbc.update(
                    "UPDATE deliveries SET status = 'PENDING', updated_at = ? WHERE document_id = ?"
                            + " AND partner_id = ? AND status = 'FAILED'",
                    now,
                    documentId,
                    partnerId);
            if (updated == 0) {
                return false;
            }
            jdbc.update(SETTLE_SQL, now, documentId);
            event(documentId, Stage.REPLAY, partnerId, "delivery to " + partnerId + " retried", actor);
            return true;
        }));
    }

    /** Whether the partner has the document already (delivered, acknowledged or not): it is not sent again. */
    public boolean isDelivered(String documentId, String partnerId) {
        return deliveryStatus(documentId, partnerId)
                .map(DeliveryStatus::reached)
                .orElse(false);
    }

    public Optional<DeliveryStatus> deliveryStatus(String documentId, String partnerId) {
        return jdbc
                .queryForList(
                        "SELECT status FROM deliveries WHERE document_id = ? AND partner_id = ?",
                        String.class,
                        documentId,
                        partnerId)
                .stream()
                .findFirst()
                .map(DeliveryStatus::valueOf);
    }

    public void delivered(String documentId, String partnerId, String channel, String target, int attempts) {
        delivered(documentId, partnerId, channel, target, attempts, null, null);
    }

    /**
     * Delivered; a partner that acknowledges what it receives owes {@code ackExpected} ({@code CONTRL}, {@code 997},
     * {@code 999}) within {@code ackWithin} of now, after which {@link #markAcksOverdue()} reports it.
     */
    public void delivered(
            String documentId,
            String partnerId,
            String channel,
            String target,
            int attempts,
            String ackExpected,
            Duration ackWithin) {
        delivered(documentId, partnerId, channel, target, attempts, ackExpected, ackWithin, null);
    }

    /** Delivered, and what was sent ({@code payload}, may be null) kept with it. */
    public void delivered(
            String documentId,
            String partnerId,
            String channel,
            String target,
            int attempts,
            String ackExpected,
            Duration ackWithin,
            Payload payload) {
        finishDelivery(
                documentId,
                partnerId,
                channel,
                target,
                attempts,
                DeliveryStatus.DELIVERED,
                null,
                "delivered over " + channel + " to " + target + " after " + attempts + " attempt(s)"
                        + (ackExpected == null ? "" : "; " + ackExpected + " expected within " + ackWithin),
                ackExpected,
                ackWithin,
                payload);
    }

    /**
     * A partner's acknowledgement of a delivery arrived (for the EDI work: CONTRL, 997, 999): ACKNOWLEDGED when it
     * accepts, NEGATIVE_ACK when it rejects, with what it said. An overdue delivery that is acknowledged late becomes
     * ACKNOWLEDGED too. Returns false when there is no such delivery or it was never delivered.
     */
    public boolean acknowledged(String documentId, String partnerId, boolean positive, String detail) {
        DeliveryStatus status = positive ? DeliveryStatus.ACKNOWLEDGED : DeliveryStatus.NEGATIVE_ACK;
        return Boolean.TRUE.equals(tx.execute(s -> {
            Timestamp now = now();
            int updated = jdbc.update(
                    "UPDATE deliveries SET status = ?, ack_at = ?, ack_detail = ?, updated_at = ?"
                            + " WHERE document_id = ? AND partner_id = ? AND status IN " + REACHED_SQL,
                    status.name(),
                    now,
                    clip(detail),
                    now,
                    documentId,
                    partnerId);
            if (updated > 0) {
                writeEvent(documentId, Stage.ACK, partnerId, status + ": " + detail, now);
            }
            return updated > 0;
        }));
    }

    /** A delivery whose acknowledgement did not come in time. */
    public record OverdueAck(String documentId, String partnerId, String ackExpected, Instant dueAt) {}

    /**
     * Marks every DELIVERED delivery whose acknowledgement is past due as ACK_OVERDUE, with an event, and returns
     * them. Each is marked (and returned) once, even when two checks run at once.
     */
    public List<OverdueAck> markAcksOverdue() {
        Timestamp now = now();
        List<OverdueAck> due = jdbc.query(
                "SELECT document_id, partner_id, ack_expected, ack_due_at FROM deliveries"
                        + " WHERE status = 'DELIVERED' AND ack_due_at IS NOT NULL AND ack_due_at < ?"
                        + " ORDER BY ack_due_at",
                (rs, i) -> new OverdueAck(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                now);
        List<OverdueAck> marked = new ArrayList<>();
        for (OverdueAck a : due) {
            boolean updated = Boolean.TRUE.equals(tx.execute(s -> {
                if (jdbc.update(
                                "UPDATE deliveries SET status = 'ACK_OVERDUE', updated_at = ?"
                                        + " WHERE document_id = ? AND partner_id = ? AND status = 'DELIVERED'",
                                now,
                                a.documentId(),
                                a.partnerId())
                        == 0) {
                    return false;
                }
                writeEvent(
                        a.documentId(),
                        Stage.ACK,
                        a.partnerId(),
                        "ACK_OVERDUE: no " + a.ackExpected() + " since " + a.dueAt(),
                        now);
                return true;
            }));
            if (updated) {
                marked.add(a);
            }
        }
        return marked;
    }

    public void deliveryFailed(
            String documentId, String partnerId, String channel, String target, int attempts, String error) {
        deliveryFailed(documentId, partnerId, channel, target, attempts, error, null);
    }

    /** Failed, and what was tried ({@code payload}, may be null) kept with it. */
    public void deliveryFailed(
            String documentId,
            String partnerId,
            String channel,
            String target,
            int attempts,
            String error,
            Payload payload) {
        finishDelivery(
                documentId,
                partnerId,
                channel,
                target,
                attempts,
                DeliveryStatus.FAILED,
                error,
                "FAILED after " + attempts + " attempt(s): " + error,
                null,
                null,
                payload);
    }

    public void rejected(String documentId, String code, String reason) {
        endWith(documentId, DocumentStatus.REJECTED, code, reason, Stage.REJECT);
    }

    public void failed(String documentId, String reason) {
        endWith(documentId, DocumentStatus.FAILED, "INTERNAL", reason, Stage.FAIL);
    }

    /**
     * A document's row. Its {@code shipment_ref} is the shipment it belongs to now: the row keeps the dossier it was
     * filed in, but two dossiers found later to be one shipment merge, and the dossier's own record says where each
     * document is.
     */
    public Optional<Map<String, Object>> document(String documentId) {
        Optional<Map<String, Object>> row =
                jdbc.queryForList("SELECT * FROM documents WHERE document_id = ?", documentId).stream()
                        .findFirst();
        row.ifPresent(r -> jdbc
                .queryForList(
                        "SELECT shipment_ref FROM dossier_documents WHERE document_id = ?", String.class, documentId)
                .stream()
                .findFirst()
                .ifPresent(s -> r.put("shipment_ref", s)));
        return row;
    }

    /** A received file's id and the ids of the business messages split from it. */
    public List<String> fileAndParts(String fileId) {
        return jdbc.queryForList(
                "SELECT document_id FROM documents WHERE document_id = ? OR parent_id = ?" + " ORDER BY document_id",
                String.class,
                fileId,
                fileId);
    }

    public List<Map<String, Object>> deliveries(String documentId) {
        return jdbc.queryForList("SELECT * FROM deliveries WHERE document_id = ? ORDER BY partner_id", documentId);
    }

    public List<Map<String, Object>> events(String documentId) {
        return jdbc.queryForList("SELECT * FROM events WHERE document_id = ? ORDER BY event_id", documentId);
    }

    public void event(String documentId, Stage stage, String partnerId, String detail) {
        tx.executeWithoutResult(s -> writeEvent(documentId, stage, partnerId, detail, now()));
    }

    /** One event row and its audit entry, in the caller's transaction. */
    private void writeEvent(String documentId, Stage stage, String partnerId, String detail, Timestamp at) {
        String text = clip(detail);
        jdbc.update(EVENT_SQL, documentId, stage.name(), partnerId, text, at, nodeId);
        audit.event(documentId, stage.name(), partnerId, text);
    }

    /**
     * An event a person or machine caused (a replay, a retry), with who it was: a staff user or token. Its audit
     * entry, in the same transaction, names them too.
     */
    public void event(String documentId, Stage stage, String partnerId, String detail, String actor) {
        String who = actor == null || actor.length() <= 128 ? actor : actor.substring(0, 128);
        String text = clip(detail);
        tx.executeWithoutResult(s -> {
            jdbc.update(
                    "INSERT INTO events (document_id, stage, partner_id, detail, created_at, actor, node_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    documentId,
                    stage.name(),
                    partnerId,
                    text,
                    now(),
                    who,
                    nodeId);
            audit.event(documentId, stage.name(), partnerId, text, who);
        });
    }

    /**
     * What a delivery sends: the rendered bytes, kept with the delivery's outcome so the console shows exactly what
     * went (or was tried).
     */
    public record Payload(byte[] content, String contentType, String outputName) {}

    private void endWith(String documentId, DocumentStatus status, String code, String reason, Stage stage) {
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            // a rejected file that was split rejects its parts too: none of them is delivered
            jdbc.update(
                    "UPDATE documents SET status = ?, reason_code = ?, reason = ?, updated_at = ?"
                            + " WHERE document_id = ? OR parent_id = ?",
                    status.name(),
                    code,
                    clip(reason),
                    now,
                    documentId,
                    documentId);
            writeEvent(documentId, stage, null, code + ": " + reason, now);
        });
    }

    private void finishDelivery(
            String documentId,
            String partnerId,
            String channel,
            String target,
            int attempts,
            DeliveryStatus status,
            String error,
            String event,
            String ackExpected,
            Duration ackWithin,
            Payload payload) {
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            lockDocument(documentId, now);
            if (payload != null && payload.content() != null) {
                keep(documentId, partnerId, payload, now);
            }
            writeEvent(documentId, Stage.DELIVER, partnerId, event, now);
            jdbc.update(
                    """
                    UPDATE deliveries SET status = ?, channel = ?, target = ?, attempts = attempts + ?,
                        last_error = ?, updated_at = ?, delivered_at = ?, ack_expected = ?, ack_due_at = ?
                    WHERE document_id = ? AND partner_id = ?""",
                    status.name(),
                    channel,
                    clip(target),
                    attempts,
                    clip(error),
                    now,
                    status == DeliveryStatus.DELIVERED ? now : null,
                    ackExpected,
                    ackWithin == null ? null : Timestamp.from(now.toInstant().plus(ackWithin)),
                    documentId,
                    partnerId);
            jdbc.update(SETTLE_SQL, now, documentId);
        });
    }

    private void keep(String documentId, String partnerId, Payload payload, Timestamp now) {
        byte[] packed = DocumentIndex.gzip(payload.content());
        String sha = org.corridor.base.Hashing.sha256Hex(payload.content());
        if (jdbc.update(
                        "UPDATE delivery_payloads SET content_type = ?, output_name = ?, sha256 = ?, length_bytes = ?,"
                                + " content = ?, stored_at = ? WHERE document_id = ? AND partner_id = ?",
                        payload.contentType(),
                        clip(payload.outputName()),
                        sha,
                        payload.content().length,
                        packed,
                        now,
                        documentId,
                        partnerId)
                == 0) {
            jdbc.update(
                    "INSERT INTO delivery_payloads (document_id, partner_id, content_type, output_name, sha256,"
                            + " length_bytes, content, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    documentId,
                    partnerId,
                    payload.contentType(),
                    clip(payload.outputName()),
                    sha,
                    payload.content().length,
                    packed,
                    now);
        }
    }

    /**
     * Takes the document's row lock first, inside the delivery's transaction. Two deliveries of one document that
     * finish at once are so serialised: the second waits, then its status statement (a new statement, so a fresh
     * view under READ COMMITTED) sees the first one's delivery, and the status never goes back to ROUTED.
     */
    private void lockDocument(String documentId, Timestamp now) {
        jdbc.update("UPDATE documents SET updated_at = ? WHERE document_id = ?", now, documentId);
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
