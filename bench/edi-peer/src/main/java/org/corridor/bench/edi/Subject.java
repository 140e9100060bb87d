package org.corridor.bench.edi;

import java.nio.file.Path;

/**
 * One EDIFACT reader under test: parses (and maps, where the reader maps) a whole interchange file.
 *
 * <p>This is the hook for Corridor's own reader: an implementation listed in
 * {@code META-INF/services/org.corridor.bench.edi.Subject} is measured beside the built-in ones (see README.md).
 * An implementation may build its expensive state (schemas, contexts) in its constructor or on the first call;
 * the benchmark's warm-up absorbs it. It must be reusable for many calls on one thread.
 */
public interface Subject {

    /** Name as it appears in the results table. */
    String name();

    /**
     * Reads the whole interchange in {@code file} and returns how many messages (UNH…UNT) it read; the benchmark
     * checks that number against the generator's, so a reader that skips work is caught.
     */
    long run(Path file) throws Exception;
}
