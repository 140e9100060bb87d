package org.corridor.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.corridor.audit.AuditLog;
import org.corridor.base.FileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of uploads refused because their partner may not send them (table {@code inbound_refusals}): such a
 * file is neither archived nor tracked as a document, so this row and the log line are all that is left of it.
 */
@Component
public class InboundRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(InboundRefusals.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditLog audit;

    InboundRefusals(JdbcTemplate jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** One refused upload. */
    public record Refusal(
            Instant refusedAt, String partnerId, String fileName, String sha256, long length, String reason) {}

    /** Records (and logs) a refused upload. */
    public void record(String partnerId, String fileName, String sha256, long length, String reason) {
        Instant now = clock.instant();
        audit.withEntry(
                "upload.refused",
                FileNames.forLog(fileName),
                "partner " + partnerId + ", " + length + " bytes, sha256 " + sha256 + ": " + reason,
                () -> jdbc.update(
                        "INSERT INTO inbound_refusals"
                                + " (refused_at, partner_id, file_name, sha256, length_bytes, reason) VALUES (?, ?, ?, ?, ?, ?)",
                        Timestamp.from(now),
                        partnerId,
                        cut(fileName, 1024),
                        sha256,
                        length,
                        cut(reason, 4000)));
        LOG.warn(
                "Refused {} from partner {} ({} bytes, sha256 {}): {}",
                FileNames.forLog(fileName),
                partnerId,
                length,
                sha256,
                reason);
    }

    /** The refusals of one partner, newest first. */
    public List<Refusal> of(String partnerId) {
        return jdbc.query(
                "SELECT refused_at, partner_id, file_name, sha256, length_bytes, reason FROM inbound_refusals"
                        + " WHERE partner_id = ? ORDER BY refused_at DESC, refusal_id DESC",
                (rs, i) -> new Refusal(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6)),
                partnerId);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
