package org.corridor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.corridor.base.Hashing;

/**
 * How an audit entry is hashed, so that anyone can check the chain without Corridor (docs/audit.md):
 * {@code hash = sha256(previous hash as 32 bytes ‖ canonical bytes)}, the canonical bytes being the UTF-8 JSON array
 * {@code ["corridor-audit/1", time, actor, action, subject, details]} with no spaces, the time in UTC with exactly six
 * decimals ({@code 2025-10-10T08:15:30.123456Z}). The first entry's previous hash is 32 zero bytes.
 */
public final class AuditHashing {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    static final String FORMAT = "corridor-audit/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditHashing() {}

    /** A time as the chain keeps it: to the microsecond, which both H2 and PostgreSQL store exactly. */
    public static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** The canonical bytes of an entry's content. */
    public static byte[] canonical(Instant recordedAt, String actor, String action, String subject, String details) {
        try {
            return JSON.writeValueAsBytes(
                    List.of(FORMAT, TIME.format(truncate(recordedAt)), actor, action, subject, details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash of an entry after the entry whose hash is {@code prevHash} (hex), in lower-case hex. */
    public static String hash(
            String prevHash, Instant recordedAt, String actor, String action, String subject, String details) {
        MessageDigest sha = Hashing.digest();
        byte[] previous;
        try {
            previous = HexFormat.of().parseHex(prevHash);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a previous hash that is not 64 hex digits was written by hand: nothing can match it
            return "invalid previous hash";
        }
        sha.update(previous);
        sha.update(canonical(recordedAt, actor, action, subject, details));
        return HexFormat.of().formatHex(sha.digest());
    }

    static String text(Instant time) {
        return TIME.format(truncate(time));
    }
}
