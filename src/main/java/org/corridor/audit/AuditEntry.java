package org.corridor.audit;

import java.time.Instant;

/**
 * One entry of the audit log: its place in the chain, when, who ({@code corridor} for the gateway itself), what was
 * done to what, and the hashes that chain it to the entry before.
 */
public record AuditEntry(
        long seq,
        Instant recordedAt,
        String actor,
        String action,
        String subject,
        String details,
        String prevHash,
        String hash) {

    /** Whether the stored hash is the hash of this entry's content after its stored predecessor's hash. */
    public boolean selfConsistent() {
        return AuditHashing.hash(prevHash, recordedAt, actor, action, subject, details)
                .equals(hash);
    }
}
