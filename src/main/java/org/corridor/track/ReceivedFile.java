package org.corridor.track;

import java.time.Instant;

/** A file as intake archived it. {@code intake} names the source, e.g. {@code folder:assay} or {@code jms:corridor.inbound}. */
public record ReceivedFile(
        String documentId,
        String fileName,
        String intake,
        String sha256,
        long sizeBytes,
        String archivePath,
        Instant receivedAt) {}
