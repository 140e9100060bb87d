package org.corridor.bench.edi;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens benchmark files for the subjects: counts the bytes each subject actually read and ends a run that passes
 * its deadline (by failing the next read with {@link DeadlineException}), so a reader that needs hours for 50 MB is
 * reported with the rate it reached instead of stalling the benchmark. Single-threaded by design, like the bench.
 */
public final class Inputs {

    private static volatile long deadlineNanos = Long.MAX_VALUE;
    private static long bytesRead;

    /** Thrown from a read once the run's deadline has passed. */
    public static final class DeadlineException extends IOException {
        public DeadlineException() {
            super("run stopped at its deadline");
        }
    }

    private Inputs() {
    }

    /** The file as a buffered stream that counts bytes and honours the current deadline. */
    public static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(new Counting(Files.newInputStream(file)), 64 * 1024);
    }

    static void startRun(double maxSeconds) {
        bytesRead = 0;
        deadlineNanos = System.nanoTime() + (long) (maxSeconds * 1e9);
    }

    /** Whether the current run's deadline has passed. */
    static boolean deadlinePassed() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    static long bytesRead() {
        return bytesRead;
    }

    private static final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) {
                bytesRead++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }

        private static void check() throws DeadlineException {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new DeadlineException();
            }
        }
    }
}
