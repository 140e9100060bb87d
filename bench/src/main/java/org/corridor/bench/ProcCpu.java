package org.corridor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * CPU time of processes as Linux accounts it in {@code /proc/<pid>/stat} (user + system clock ticks), so a run's
 * CPU per document is measured by the kernel rather than estimated.
 */
final class ProcCpu {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 0 when it cannot be asked, and then nothing is measured. */
    static final long TICKS = clockTicks();

    private ProcCpu() {
    }

    /** A CPU clock that reads how many CPU seconds something has used so far, or nothing if it cannot tell. */
    interface Clock {
        OptionalDouble seconds();
    }

    /** User + system CPU of one process so far. */
    static Clock process(long pid) {
        return () -> stat(pid).map(f -> OptionalDouble.of((f[UTIME] + f[STIME]) / (double) TICKS))
                .orElse(OptionalDouble.empty());
    }

    /**
     * A server and its children, as PostgreSQL's postmaster and its backends: the root's own CPU, the CPU of the
     * children it has already reaped (cutime + cstime, where Linux puts an exited child's time) and that of the live
     * children, so a backend that ends between two samples is not lost.
     */
    static Clock tree(long rootPid) {
        return () -> {
            Optional<long[]> root = stat(rootPid);
            if (root.isEmpty()) {
                return OptionalDouble.empty();
            }
            long[] r = root.get();
            long ticks = r[UTIME] + r[STIME] + r[CUTIME] + r[CSTIME];
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .toList()) {
                    Optional<long[]> child = stat(Long.parseLong(p.getFileName().toString()));
                    if (child.isPresent() && child.get()[PPID] == rootPid) {
                        long[] c = child.get();
                        ticks += c[UTIME] + c[STIME] + c[CUTIME] + c[CSTIME];
                    }
                }
            } catch (IOException e) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(ticks / (double) TICKS);
        };
    }

    /**
     * This JVM's CPU as the JVM reports it ({@code OperatingSystemMXBean.getProcessCpuTime}); used for the floor,
     * which runs here.
     */
    static Clock self() {
        return () -> {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long nanos = os.getProcessCpuTime();
                return nanos < 0 ? OptionalDouble.empty() : OptionalDouble.of(nanos / 1e9);
            }
            return OptionalDouble.empty();
        };
    }

    /** CPU seconds between two readings, empty when either is. */
    static OptionalDouble between(OptionalDouble before, OptionalDouble after) {
        return before.isPresent() && after.isPresent()
                ? OptionalDouble.of(after.getAsDouble() - before.getAsDouble()) : OptionalDouble.empty();
    }

    // Indices into the fields after the command name's closing ')': field 3 (state) is index 0.
    static final int PPID = 1;
    static final int UTIME = 11;
    static final int STIME = 12;
    static final int CUTIME = 13;
    static final int CSTIME = 14;

    /** The numeric fields 3.. of /proc/<pid>/stat (state as 0), or empty if the process is gone. */
    static Optional<long[]> stat(long pid) {
        if (TICKS <= 0) {
            return Optional.empty();
        }
        String line;
        try {
            line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return Optional.empty();
        }
        // The command name may hold spaces and parentheses: the fields start after the last ')'.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        long[] values = new long[CSTIME + 1];
        for (int i = 1; i < values.length; i++) {
            values[i] = Long.parseLong(fields[i]);
        }
        return Optional.of(values);
    }

    static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
