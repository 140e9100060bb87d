package org.corridor.base;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Files the gateway leaves for people (archived originals, error copies and their notes) are written under a
 * temporary name first and renamed once complete, so nobody sees half a file.
 */
public final class FileWrites {

    private FileWrites() {}

    /**
     * A free temporary name in {@code dir}, hidden from intake and people ({@code .incoming-*.tmp}). Not
     * {@code Files.createTempFile}: that creates the file owner-only (0600), a mode the file keeps once renamed, so
     * staff in the group could not read the notes. A file created under this name gets the mode the umask gives every
     * file the gateway writes, like the partners' outbox files (0644 with the usual umask 022).
     */
    public static Path temporaryIn(Path dir) {
        return dir.resolve(".incoming-" + UUID.randomUUID() + ".tmp");
    }
}
