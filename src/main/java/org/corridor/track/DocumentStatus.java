package org.corridor.track;

/** Where a document stands; every document ends DELIVERED, REJECTED or FAILED (SPLIT files end through their parts). */
public enum DocumentStatus {
    /** Archived and handed to processing. */
    RECEIVED,
    /** A file holding several business messages; each has its own row with this file as parent. */
    SPLIT,
    /** Parsed, enriched, deliveries planned. */
    ROUTED,
    /** An acknowledgement matched to the interchange it acknowledges: recorded, and delivered to nobody. */
    CONSUMED,
    /** Delivered to every recipient. */
    DELIVERED,
    /** Invalid; the reason is recorded and the file is in the error folder. */
    REJECTED,
    /** A delivery or an internal step failed after its retries; replayable. */
    FAILED
}
