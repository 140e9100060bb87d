package org.corridor.track;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The interchanges Corridor received and sent. Received ones catch duplicates: the same sender using the same
 * control reference again is refused, unless an operator forces the file through. Sent ones are what inbound
 * acknowledgements (CONTRL, 997, 999) are matched to. Writes join the caller's transaction.
 */
@Component
public class Interchanges {

    public static final String IN = "IN";
    public static final String OUT = "OUT";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Interchanges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An interchange seen before: which document brought it, and when. */
    public record Earlier(String documentId, Instant recordedAt) {}

    /** A sent interchange an acknowledgement refers to. */
    public record Sent(String documentId, String partnerId, String receiver, String controlRef, String ackStatus) {}

    /**
     * Records a received interchange for {@code documentId}. Returns the earlier receipt when the same sender used
     * this control reference for another document; the same document again (a redelivery after a crash) is not a
     * duplicate.
     */
    public Optional<Earlier> received(
            String standard, String sender, String receiver, String controlRef, String documentId) {
        Optional<Earlier> earlier = jdbc
                .query(
                        "SELECT document_id, recorded_at FROM edi_interchanges"
                                + " WHERE direction = ? AND standard = ? AND sender = ? AND control_ref = ? ORDER BY recorded_at",
                        (rs, i) ->
                                new Earlier(rs.getString(1), rs.getTimestamp(2).toInstant()),
                        IN,
                        standard,
                        sender,
                        controlRef)
                .stream()
                .findFirst();
        if (earlier.isPresent()) {
            return earlier.get().documentId().equals(documentId) ? Optional.empty() : earlier;
        }
        try {
            jdbc.update(
                    "INSERT INTO edi_interchanges (direction, standard, sender, receiver, control_ref,"
                            + " document_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    IN,
                    standard,
                    sender,
                    receiver == null ? "" : receiver,
                    controlRef,
                    documentId,
                    Timestamp.from(clock.instant()));
            return Optional.empty();
        } catch (DuplicateKeyException raced) {
            return received(standard, sender, receiver, controlRef, documentId);
        }
    }

    /** Records an interchange sent to a partner; the same one again (a redelivery) is ignored. */
    public void sent(
            String standard, String sender, String receiver, String controlRef, String documentId, String partnerId) {
        jdbc.update(
                "INSERT INTO edi_interchanges (direction, standard, sender, receiver, control_ref, document_id,"
                        + " partner_id, recorded_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM"
                        + " edi_interchanges WHERE direction = ? AND standard = ? AND sender = ? AND receiver = ?"
                        + " AND control_ref = ?)",
                OUT,
                standard,
                sender,
                receiver,
                controlRef,
                documentId,
                partnerId,
                Timestamp.from(clock.instant()),
                OUT,
                standard,
                sender,
                receiver,
                controlRef);
    }

    /** The interchange we sent to {@code receiver} with this control reference, if any. */
    public Optional<Sent> findSent(String standard, String receiver, String controlRef) {
        List<Sent> found = jdbc.query(
                "SELECT document_id, partner_id, receiver, control_ref, ack_status"
                        + " FROM edi_interchanges WHERE direction = ? AND standard = ? AND receiver = ? AND control_ref = ?",
                (rs, i) ->
                        new Sent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                OUT,
                standard,
                receiver,
                controlRef);
        return found.stream().findFirst();
    }

    /** Notes the acknowledgement of a sent interchange: ACKNOWLEDGED or NEGATIVE_ACK, with the partner's detail. */
    public void acknowledged(
            String standard, String receiver, String controlRef, String status, String detail, String ackDocumentId) {
        jdbc.update(
                "UPDATE edi_interchanges SET ack_status = ?, ack_detail = ?, ack_document_id = ?, ack_at = ?"
                        + " WHERE direction = ? AND standard = ? AND receiver = ? AND control_ref = ?",
                status,
                detail == null ? null : detail.substring(0, Math.min(detail.length(), 4000)),
                ackDocumentId,
                Timestamp.from(clock.instant()),
                OUT,
                standard,
                receiver,
                controlRef);
    }
}
