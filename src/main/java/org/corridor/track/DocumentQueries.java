package org.corridor.track;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the console and its API read of the tracked documents: the filtered list, newest first, paged by a cursor
 * (keyset: the last row's received time and id, never OFFSET, so page 500 costs what page 1 does), with the total;
 * and one document's timeline, deliveries, interchanges, canonical JSON and what was sent to each partner.
 */
@Component
public class DocumentQueries {

    /** The longest page asked for. */
    public static final int MAX_PAGE = 200;

    private final JdbcTemplate jdbc;

    DocumentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The list's filters, each optional (null or blank: not filtered on).
     *
     * @param text free text over business numbers and file names (letters and digits; a prefix of a word suffices)
     * @param from received at or after; {@code to} received before
     */
    public record Filter(
            String status,
            String kind,
            String sender,
            String recipient,
            String agreement,
            String shipment,
            Instant from,
            Instant to,
            String text) {

        /** No filter at all. */
        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null, null);
        }
    }

    /** One page of the list: its rows, the cursor of the next page (null on the last) and the total of the filter. */
    public record Page(List<Map<String, Object>> rows, String next, long total) {}

    /** A cursor that does not decode: the client sent one it did not get from us. */
    public static final class BadCursor extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadCursor() {
            super("the cursor is not one this API gave out: start again without it, then follow the \"next\" links");
        }
    }

    public Page list(Filter filter, String cursor, int size) {
        int limit = Math.max(1, Math.min(MAX_PAGE, size));
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        eq(where, args, "d.status", filter.status());
        eq(where, args, "d.kind", filter.kind());
        eq(where, args, "d.sender_id", filter.sender());
        eq(where, args, "d.agreement_ref", filter.agreement());
        eq(where, args, "d.shipment_ref", filter.shipment());
        if (present(filter.recipient())) {
            where.append(" AND EXISTS (SELECT 1 FROM deliveries r WHERE r.document_id = d.document_id"
                    + " AND r.partner_id = ?)");
            args.add(filter.recipient().strip());
        }
        if (filter.from() != null) {
            where.append(" AND d.received_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND d.received_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        if (present(filter.text())) {
            String term = DocumentIndex.normalize(filter.text());
            if (term.isEmpty()) {
                return new Page(List.of(), null, 0);
            }
            // a prefix scan of the terms' index; every term is also kept from each word start, so "0147" matches
            where.append(" AND d.document_id IN (SELECT t.document_id FROM document_terms t WHERE t.term LIKE ?)");
            args.add(term + "%");
        }
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM documents d" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        StringBuilder pageWhere = new StringBuilder(where);
        if (present(cursor)) {
            Cursor c = Cursor.decode(cursor);
            pageWhere.append(" AND (d.received_at < ? OR (d.received_at = ? AND d.document_id < ?))");
            pageArgs.add(Timestamp.from(c.receivedAt()));
            pageArgs.add(Timestamp.from(c.receivedAt()));
            pageArgs.add(c.documentId());
        }
        pageArgs.add(limit + 1);
        List<Map<String, Object>> rows = jdbc.queryForList(
                """
                SELECT d.document_id, d.kind, d.business_no, d.file_name, d.sender_id, d.status, d.shipment_ref,
                       d.agreement_ref, d.received_at, d.reason,
                       (SELECT e.detail FROM events e WHERE e.document_id = d.document_id
                         ORDER BY e.event_id DESC LIMIT 1) AS last_event
                  FROM documents d""" + pageWhere + " ORDER BY d.received_at DESC, d.document_id DESC LIMIT ?", pageArgs.toArray());
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Map<String, Object> last = rows.get(limit - 1);
            next = new Cursor(instant(last.get("received_at")), (String) last.get("document_id")).encode();
        }
        return new Page(rows.stream().map(DocumentQueries::row).toList(), next, total);
    }

    /** The document's row, if there is one. */
    public Optional<Map<String, Object>> document(String documentId) {
        return jdbc.queryForList("SELECT * FROM documents WHERE document_id = ?", documentId).stream()
                .findFirst();
    }

    /** Every event of the document, oldest first, with its time and actor. */
    public List<Map<String, Object>> timeline(String documentId) {
        return jdbc.queryForList(
                "SELECT event_id, stage, partner_id, detail, actor, node_id, created_at FROM events"
                        + " WHERE document_id = ? ORDER BY event_id",
                documentId);
    }

    public List<Map<String, Object>> deliveries(String documentId) {
        return jdbc.queryForList("""
                SELECT partner_id, doc_format, channel, target, status, attempts, last_error, updated_at,
                       delivered_at, ack_expected, ack_due_at, ack_at, ack_detail
                  FROM deliveries WHERE document_id = ? ORDER BY partner_id""", documentId);
    }

    /** The EDI interchanges the document (or the file it came in) took part in, in and out, with their control refs. */
    public List<Map<String, Object>> interchanges(String documentId, String parentId) {
        return jdbc.queryForList("""
                SELECT direction, standard, sender, receiver, control_ref, document_id, partner_id, recorded_at,
                       ack_status, ack_detail, ack_at
                  FROM edi_interchanges WHERE document_id = ? OR document_id = ? ORDER BY recorded_at""", documentId, parentId == null ? documentId : parentId);
    }

    /** The canonical JSON processing last saw of the document. */
    public Optional<String> canonical(String documentId) {
        return jdbc
                .queryForList("SELECT canonical FROM document_content WHERE document_id = ?", byte[].class, documentId)
                .stream()
                .findFirst()
                .map(DocumentIndex::canonical);
    }

    /** What was sent (or tried) to the partner. */
    public record SentPayload(byte[] content, String contentType, String outputName, String sha256) {}

    public Optional<SentPayload> payload(String documentId, String partnerId) {
        return jdbc
                .query(
                        "SELECT content, content_type, output_name, sha256 FROM delivery_payloads"
                                + " WHERE document_id = ? AND partner_id = ?",
                        (rs, i) -> new SentPayload(
                                DocumentIndex.gunzip(rs.getBytes(1)),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4)),
                        documentId,
                        partnerId)
                .stream()
                .findFirst();
    }

    /** The deliveries that FAILED (dead letters), newest first. */
    public List<Map<String, Object>> failedDeliveries(int limit) {
        return jdbc.queryForList("""
                SELECT l.document_id, l.partner_id, l.attempts, l.last_error, l.updated_at, d.file_name, d.kind,
                       d.business_no
                  FROM deliveries l JOIN documents d ON d.document_id = l.document_id
                 WHERE l.status = 'FAILED' ORDER BY l.updated_at DESC LIMIT ?""", Math.max(1, limit));
    }

    /** A partner's recent health: last success, failures and overdue acknowledgements since {@code since}. */
    public Map<String, Object> partnerHealth(String partnerId, Instant since) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put(
                "lastSuccess",
                text(jdbc.queryForObject(
                        "SELECT MAX(delivered_at) FROM deliveries" + " WHERE partner_id = ?",
                        Object.class,
                        partnerId)));
        health.put(
                "failures24h",
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM events WHERE partner_id = ?"
                                + " AND stage = 'DELIVER' AND detail LIKE 'FAILED%' AND created_at >= ?",
                        Long.class, partnerId, Timestamp.from(since)));
        health.put(
                "deadLetters24h",
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM deliveries WHERE partner_id = ?"
                                + " AND status = 'FAILED' AND updated_at >= ?",
                        Long.class,
                        partnerId,
                        Timestamp.from(since)));
        health.put(
                "overdueAcks",
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM deliveries WHERE partner_id = ?" + " AND status = 'ACK_OVERDUE'",
                        Long.class,
                        partnerId));
        return health;
    }

    private static Map<String, Object> row(Map<String, Object> r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.get("document_id"));
        row.put("kind", r.get("kind"));
        row.put("businessNumber", r.get("business_no"));
        row.put("fileName", r.get("file_name"));
        row.put("sender", r.get("sender_id"));
        row.put("status", r.get("status"));
        row.put("shipment", r.get("shipment_ref"));
        row.put("agreement", r.get("agreement_ref"));
        row.put("receivedAt", text(r.get("received_at")));
        row.put("lastEvent", r.get("last_event"));
        row.put("reason", r.get("reason"));
        return row;
    }

    /** A time as ISO-8601 text (the database gives OffsetDateTime or Timestamp, depending on the driver). */
    public static String text(Object time) {
        return time == null ? null : instant(time).toString();
    }

    static Instant instant(Object time) {
        if (time instanceof Timestamp t) {
            return t.toInstant();
        }
        if (time instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (time instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        if (time instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a time: " + time);
    }

    private static void eq(StringBuilder where, List<Object> args, String column, String value) {
        if (present(value)) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value.strip());
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private record Cursor(Instant receivedAt, String documentId) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((receivedAt + "|" + documentId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                if (bar < 0) {
                    throw new BadCursor();
                }
                return new Cursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new BadCursor();
            }
        }
    }
}
