package org.corridor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drop→delivered latency at a steady rate: one document dropped every {@code 1/rate} s by atomic rename, and the
 * instant its output first appears in every partner outbox, found by listing the outboxes every
 * {@link #WATCH_POLL}.
 */
final class LatencyRun {

    static final Duration WATCH_POLL = Duration.ofMillis(5);
    static final String PREFIX = "LAT";
    /**
     * Outputs are named by document id ({@code D-<day>-<hash>.json}), not by the input's name, so an output is
     * mapped back to its input by the certificate number inside it.
     */
    static final Pattern CERTIFICATE = Pattern.compile(PREFIX + "-(\\d{6})");
    static final Duration GUARD_EVERY = Duration.ofSeconds(1);

    /**
     * Latencies in ms, sorted; how well the schedule and the watch kept time; the rate at which documents came out
     * (from the first drop to the last delivery: below the drop rate means the gateway fell behind).
     */
    record Report(int docs, int rate, double[] sortedMs, double maxDropLateMs, double meanPollMs,
            double deliveredPerSecond) {
        double percentile(double p) {
            // Nearest rank: the smallest value with at least p of the samples at or below it.
            int rank = (int) Math.ceil(p / 100 * sortedMs.length);
            return sortedMs[Math.max(0, rank - 1)];
        }

        double max() {
            return sortedMs[sortedMs.length - 1];
        }
    }

    private LatencyRun() {
    }

    static Report run(Path inbox, Path scratch, List<Path> outboxes, int docs, int rate, Runnable guard)
            throws Exception {
        Files.createDirectories(scratch);
        Files.createDirectories(inbox);
        List<byte[]> contents = new ArrayList<>(docs);
        for (int i = 1; i <= docs; i++) {
            contents.add(PipelineBench.certificate(PREFIX, i));
        }
        // Outputs already there (the warm-up's) are not this run's.
        List<Set<String>> seen = new ArrayList<>();
        for (Path outbox : outboxes) {
            Set<String> names = new HashSet<>();
            String[] existing = outbox.toFile().list();
            if (existing != null) {
                names.addAll(Arrays.asList(existing));
            }
            seen.add(names);
        }
        long[] dropped = new long[docs];
        long[][] delivered = new long[outboxes.size()][docs];
        AtomicInteger droppedCount = new AtomicInteger();
        AtomicReference<Throwable> dropFailure = new AtomicReference<>();
        long interval = 1_000_000_000L / rate;
        long[] maxLate = {0};
        long start = System.nanoTime() + 100_000_000L;
        Thread dropper = new Thread(() -> {
            try {
                for (int i = 0; i < docs; i++) {
                    long due = start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    // Written at its drop instant, so its modification time (what the read lock's minimum age counts
                    // from) is the drop time, as for a partner's fresh file.
                    String name = String.format(Locale.ROOT, "%s-%06d.csv", PREFIX, i + 1);
                    Path tmp = scratch.resolve(name);
                    Files.write(tmp, contents.get(i));
                    Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    dropped[i] = System.nanoTime();
                    maxLate[0] = Math.max(maxLate[0], dropped[i] - due);
                    droppedCount.incrementAndGet();
                }
            } catch (Throwable e) {
                dropFailure.set(e);
            }
        }, "latency-dropper");
        dropper.setDaemon(true);
        System.out.printf(Locale.ROOT, "Latency: %d documents at %d/s (one every %d ms), outboxes listed every %d ms%n",
                docs, rate, interval / 1_000_000, WATCH_POLL.toMillis());
        dropper.start();

        int complete = 0;
        int[] deliveredPerOutbox = new int[outboxes.size()];
        long polls = 0;
        long lastProgress = System.nanoTime();
        long lastGuard = lastProgress;
        long deadline = Long.MAX_VALUE;
        long watchStart = System.nanoTime();
        while (complete < docs) {
            if (dropFailure.get() != null) {
                throw new PipelineBench.BenchFailure("dropping a latency document failed: " + dropFailure.get());
            }
            for (int o = 0; o < outboxes.size(); o++) {
                String[] names = outboxes.get(o).toFile().list();
                // The instant after the listing: the output was there by then (an upper bound on its arrival).
                long now = System.nanoTime();
                if (names == null) {
                    continue;
                }
                for (String name : names) {
                    if (name.startsWith(".") || !seen.get(o).add(name)) {
                        continue;
                    }
                    int doc = certificateOf(outboxes.get(o).resolve(name));
                    if (doc >= 1 && doc <= docs && delivered[o][doc - 1] == 0) {
                        delivered[o][doc - 1] = now;
                        deliveredPerOutbox[o]++;
                    }
                }
            }
            polls++;
            complete = Arrays.stream(deliveredPerOutbox).min().orElse(0);
            long now = System.nanoTime();
            if (now - lastGuard >= GUARD_EVERY.toNanos()) {
                guard.run();
                lastGuard = now;
            }
            if (deadline == Long.MAX_VALUE && droppedCount.get() == docs) {
                deadline = now + PipelineBench.timeout().toNanos();
            }
            if (now - deadline > 0) {
                throw new PipelineBench.BenchFailure("timed out after " + PipelineBench.timeout().toSeconds()
                        + " s waiting for the latency run's outputs (delivered per outbox: "
                        + Arrays.toString(deliveredPerOutbox) + " of " + docs + ")");
            }
            if (now - lastProgress >= PipelineBench.PROGRESS_EVERY.toNanos()) {
                System.out.printf(Locale.ROOT, "  %6.1f s: dropped %d/%d, delivered to every partner %d/%d%n",
                        PipelineBench.seconds(start, now), droppedCount.get(), docs, complete, docs);
                lastProgress = now;
            }
            LockSupport.parkNanos(WATCH_POLL.toNanos());
        }
        double meanPollMs = PipelineBench.seconds(watchStart, System.nanoTime()) * 1e3 / polls;
        dropper.join();

        double[] latencies = new double[docs];
        long lastDelivery = 0;
        for (int i = 0; i < docs; i++) {
            long last = 0;
            for (long[] outbox : delivered) {
                last = Math.max(last, outbox[i]);
            }
            latencies[i] = (last - dropped[i]) / 1e6;
            lastDelivery = Math.max(lastDelivery, last);
        }
        Arrays.sort(latencies);
        return new Report(docs, rate, latencies, maxLate[0] / 1e6, meanPollMs,
                docs / PipelineBench.seconds(dropped[0], lastDelivery));
    }

    /** The certificate number (1-based) inside an output, or -1 if it is not a latency document's. */
    static int certificateOf(Path output) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Matcher m = CERTIFICATE.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
