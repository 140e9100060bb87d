package org.corridor.track;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every AS2 message by partner and Message-ID (table {@code as2_messages}, V26): what partners sent us ({@code IN})
 * and what we sent them ({@code OUT}). The primary key settles a race: of two arrivals of the same message, one
 * records it and the other finds it recorded.
 */
@Component
public class As2Messages {

    /** Who sent the message: the partner ({@code IN}) or we ({@code OUT}). */
    public enum Direction {
        IN,
        OUT
    }

    /** Where an AS2 message stands; the column {@code as2_messages.state} holds only these names. */
    public enum State {
        /** IN: handed to intake as a document; answered with a positive receipt. */
        ACCEPTED,
        /** IN: not processed; answered with a negative receipt (the disposition says why). */
        REFUSED,
        /** OUT: sent; its asynchronous receipt has not come yet. */
        AWAITING_RECEIPT,
        /** OUT: the partner's valid signed receipt came, with the MIC of what we sent. */
        DELIVERED,
        /** OUT: the receipt was negative, not valid, or did not come in time (the disposition says which). */
        FAILED
    }

    /**
     * One message.
     *
     * @param content OUT: what was sent (with {@code contentType} and {@code outputName}); null otherwise or when not
     *                read
     */
    public record Message(
            Direction direction,
            String partnerId,
            String messageId,
            State state,
            String sha256,
            String mic,
            String micAlgorithm,
            String disposition,
            String documentId,
            int attempt,
            String outputName,
            String contentType,
            byte[] content,
            Instant createdAt,
            Instant answeredAt,
            Instant dueAt) {

        /** A message a partner sent us, answered at {@code at} with this disposition (and MIC, if any). */
        public static Message received(
                String partnerId,
                String messageId,
                State state,
                String sha256,
                String mic,
                String micAlgorithm,
                String disposition,
                Instant at) {
            return new Message(
                    Direction.IN,
                    partnerId,
                    messageId,
                    state,
                    sha256,
                    mic,
                    micAlgorithm,
                    disposition,
                    null,
                    1,
                    null,
                    null,
                    null,
                    at,
                    at,
                    null);
        }
    }

    private static final String COLUMNS = "direction, partner_id, message_id, state, sha256, mic, mic_algorithm,"
            + " disposition, document_id, attempt, output_name, content_type, content, created_at, answered_at,"
            + " due_at";

    private final JdbcTemplate jdbc;

    As2Messages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the message unless one with its direction, partner and Message-ID is: true when this call did. */
    public boolean add(Message m) {
        try {
            jdbc.update(
                    "INSERT INTO as2_messages (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    m.direction().name(),
                    m.partnerId(),
                    m.messageId(),
                    m.state().name(),
                    m.sha256(),
                    m.mic(),
                    m.micAlgorithm(),
                    cut(m.disposition(), 1000),
                    m.documentId(),
                    m.attempt(),
                    m.outputName(),
                    m.contentType(),
                    m.content(),
                    ts(m.createdAt()),
                    ts(m.answeredAt()),
                    ts(m.dueAt()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The message, with its content. */
    public Optional<Message> find(Direction direction, String partnerId, String messageId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM as2_messages WHERE direction = ? AND partner_id = ?"
                                + " AND message_id = ?",
                        As2Messages::row,
                        direction.name(),
                        partnerId,
                        messageId)
                .stream()
                .findFirst();
    }

    /**
     * Moves the message from one state to another with the disposition that decided it; true when this call moved
     * it (a receipt and the overdue check racing for the same message: only one of them acts on it).
     */
    public boolean settle(
            Direction direction,
            String partnerId,
            String messageId,
            State from,
            State to,
            String disposition,
            Instant at) {
        return jdbc.update(
                        "UPDATE as2_messages SET state = ?, disposition = ?, answered_at = ? WHERE direction = ?"
                                + " AND partner_id = ? AND message_id = ? AND state = ?",
                        to.name(),
                        cut(disposition, 1000),
                        ts(at),
                        direction.name(),
                        partnerId,
                        messageId,
                        from.name())
                == 1;
    }

    /** Names the document an inbound message became, once intake has made it; true when the message was found. */
    public boolean documentOf(Direction direction, String partnerId, String messageId, String documentId) {
        return jdbc.update(
                        "UPDATE as2_messages SET document_id = ? WHERE direction = ? AND partner_id = ?"
                                + " AND message_id = ?",
                        documentId,
                        direction.name(),
                        partnerId,
                        messageId)
                == 1;
    }

    /**
     * Removes a claim that never became a document (its hand-off to intake failed), so the partner's resend is taken
     * in; a message that became a document stays.
     */
    public boolean forgetUnfinished(Direction direction, String partnerId, String messageId) {
        return jdbc.update(
                        "DELETE FROM as2_messages WHERE direction = ? AND partner_id = ? AND message_id = ? AND state = ?"
                                + " AND document_id IS NULL",
                        direction.name(),
                        partnerId,
                        messageId,
                        State.ACCEPTED.name())
                == 1;
    }

    /** Outbound messages still awaiting their receipt after their due time, oldest first, without content. */
    public List<Message> overdue(Instant now) {
        return jdbc.query(
                "SELECT " + COLUMNS.replace("content,", "NULL AS content,")
                        + " FROM as2_messages WHERE state = ? AND due_at < ? ORDER BY due_at",
                As2Messages::row,
                State.AWAITING_RECEIPT.name(),
                ts(now));
    }

    /** The messages of one document, oldest first, without content (the console's timeline). */
    public List<Message> ofDocument(String documentId) {
        return jdbc.query(
                "SELECT " + COLUMNS.replace("content,", "NULL AS content,")
                        + " FROM as2_messages WHERE document_id = ? ORDER BY created_at",
                As2Messages::row,
                documentId);
    }

    private static Message row(ResultSet rs, int i) throws SQLException {
        return new Message(
                Direction.valueOf(rs.getString("direction")),
                rs.getString("partner_id"),
                rs.getString("message_id"),
                State.valueOf(rs.getString("state")),
                rs.getString("sha256"),
                rs.getString("mic"),
                rs.getString("mic_algorithm"),
                rs.getString("disposition"),
                rs.getString("document_id"),
                rs.getInt("attempt"),
                rs.getString("output_name"),
                rs.getString("content_type"),
                rs.getBytes("content"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("answered_at")),
                instant(rs.getTimestamp("due_at")));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
