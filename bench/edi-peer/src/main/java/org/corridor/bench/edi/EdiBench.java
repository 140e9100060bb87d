package org.corridor.bench.edi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Parse throughput of EDIFACT D96A QALITY interchanges (1 KB, 100 KB, 50 MB) through each {@link Subject} in one
 * run, and peak memory of each on a 200 MB interchange in its own JVM with {@code -Xmx256m}; prints a markdown
 * table and writes it into {@code docs/BENCHMARKS.md}.
 *
 * <p>Usage: {@code EdiBench} (the benchmark; settings as system properties, see {@code run.sh}) or
 * {@code EdiBench peak <subject> <file>} (one peak-memory measurement, started by the benchmark itself).
 * Printing to stdout is this command-line tool's output.
 */
public final class EdiBench {

    static final String SECTION_TITLE = "## EDIFACT parse: Corridor, Smooks and raw StAEDI (issue 3)";
    static final String FLOOR = "staedi";
    static final String PEER = "camel-smooks";
    static final long SEED = 20251008L;

    /** Sizes measured for throughput; the single-message one is never scaled. */
    record Size(String label, long bytes, boolean scaled) {
    }

    static final List<Size> SIZES = List.of(
            new Size("1 KB", 1_000, false),
            new Size("100 KB", 100_000, true),
            new Size("50 MB", 50_000_000, true));
    static final long PEAK_BYTES = 200_000_000;

    // Settings (run.sh maps the EDI_BENCH_* environment variables onto these)
    static final double SCALE = Double.parseDouble(System.getProperty("edi.scale", "1"));
    static final int RUNS = Integer.getInteger("edi.runs", 5);
    static final double WARMUP_SECONDS = Double.parseDouble(System.getProperty("edi.warmupSeconds", "5"));
    static final double BUDGET_SECONDS = Double.parseDouble(System.getProperty("edi.budgetSeconds", "90"));
    /** A sample repeats a small file until it lasts this long, so timer resolution and one GC do not decide it. */
    static final double MIN_SAMPLE_SECONDS = 0.25;
    static final String PEAK_HEAP = System.getProperty("edi.peakHeap", "256m");
    /** Longest single run of one file; a slower subject is reported with the rate it reached. */
    static final double MAX_RUN_SECONDS = Double.parseDouble(System.getProperty("edi.maxRunSeconds", "300"));
    /** Longest peak-memory run; a slower subject is reported with the memory it had reached. */
    static final double PEAK_MAX_SECONDS = Double.parseDouble(System.getProperty("edi.peakMaxSeconds", "900"));
    static final long PEAK_TIMEOUT_MINUTES = Long.getLong("edi.peakTimeoutMinutes", 30);

    /**
     * Throughput of one subject on one size: medians over {@code samples} timed samples. When the subject did not
     * finish one run by {@link #MAX_RUN_SECONDS}, {@code readBytes} is how far it got (else -1) and the rates are
     * those it reached (messages/s estimated from the share of the file read).
     */
    record Throughput(String subject, Size size, long bytes, long messages, int samples, int repeats,
            double medianSeconds, long readBytes, String failure) {
        boolean partial() {
            return readBytes >= 0;
        }

        double megabytesPerSecond() {
            return (partial() ? readBytes : bytes * (double) repeats) / 1e6 / medianSeconds;
        }

        double messagesPerSecond() {
            return (partial() ? messages * (double) readBytes / bytes : messages * (double) repeats) / medianSeconds;
        }
    }

    /** Peak memory of one subject on the big file, in its own JVM. */
    record Peak(String subject, String outcome, long messages, double seconds, long heapPeakBytes, long rssPeakBytes) {
    }

    private EdiBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("peak")) {
            peakChild(args[1], Path.of(args[2]));
            return;
        }
        if (args.length != 0) {
            System.err.println("usage: EdiBench | EdiBench peak <subject> <file>");
            System.exit(2);
        }
        Path work = Path.of(System.getProperty("edi.work", "target/edi-bench")).toAbsolutePath();
        Optional<Path> doc = Optional.ofNullable(System.getProperty("edi.doc")).map(Path::of);
        run(work, doc);
    }

    // ---- subjects ----------------------------------------------------------------------------

    /**
     * The subjects by key, in table order: the built-in ones, then every {@link Subject} registered through
     * {@code META-INF/services/org.corridor.bench.edi.Subject} (Corridor's reader, keyed by its class name).
     */
    static Map<String, Supplier<Subject>> subjects() {
        Map<String, Supplier<Subject>> subjects = new LinkedHashMap<>();
        subjects.put(FLOOR, StaediSubject::new);
        subjects.put("smooks-parse", unchecked(SmooksParseSubject::new));
        subjects.put(PEER, unchecked(CamelSmooksSubject::new));
        for (ServiceLoader.Provider<Subject> provider : ServiceLoader.load(Subject.class).stream().toList()) {
            subjects.put(provider.type().getName(), provider::get);
        }
        return subjects;
    }

    interface Factory {
        Subject create() throws Exception;
    }

    static Supplier<Subject> unchecked(Factory factory) {
        return () -> {
            try {
                return factory.create();
            } catch (Exception e) {
                throw new IllegalStateException("cannot set up the subject: " + e, e);
            }
        };
    }

    // ---- the benchmark -----------------------------------------------------------------------

    static void run(Path work, Optional<Path> doc) throws Exception {
        Files.createDirectories(work);
        List<QalityGenerator.Interchange> files = new ArrayList<>();
        for (Size size : SIZES) {
            long bytes = size.scaled() ? Math.max(1_000, Math.round(size.bytes() * SCALE)) : size.bytes();
            // The single-message file has one sample of 6 analytes (about 1 KB); the others mix 1 to 4 samples of 12.
            String name = "qality-" + size.label().replace(" ", "") + ".edi";
            files.add(QalityGenerator.write(work.resolve(name), bytes, SEED, !size.scaled()));
        }
        long peakBytes = Math.max(1_000, Math.round(PEAK_BYTES * SCALE));
        QalityGenerator.Interchange big = QalityGenerator.write(work.resolve("qality-peak.edi"), peakBytes, SEED, false);
        for (QalityGenerator.Interchange f : files) {
            System.out.printf(Locale.ROOT, "Generated %s: %,d bytes, %,d messages%n", f.file().getFileName(), f.bytes(), f.messages());
        }
        System.out.printf(Locale.ROOT, "Generated %s: %,d bytes, %,d messages (peak memory)%n",
                big.file().getFileName(), big.bytes(), big.messages());

        Map<String, Supplier<Subject>> subjects = subjects();
        List<Throughput> throughputs = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Subject>> entry : subjects.entrySet()) {
            long setupStart = System.nanoTime();
            Subject subject = entry.getValue().get();
            names.put(entry.getKey(), subject.name());
            System.out.printf(Locale.ROOT, "%s: set up in %.1f s%n", subject.name(), seconds(setupStart, System.nanoTime()));
            try {
                for (int i = 0; i < SIZES.size(); i++) {
                    Throughput t = measure(subject, SIZES.get(i), files.get(i));
                    throughputs.add(t);
                    print(t);
                }
            } finally {
                if (subject instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }

        List<Peak> peaks = new ArrayList<>();
        for (String key : subjects.keySet()) {
            Peak peak = peakInChild(key, names.get(key), big);
            peaks.add(peak);
            System.out.printf(Locale.ROOT, "%s on %s with -Xmx%s: %s, heap peak %s, RSS peak %s, %.1f s%n",
                    peak.subject(), big.file().getFileName(), PEAK_HEAP, peak.outcome(), mib(peak.heapPeakBytes()),
                    mib(peak.rssPeakBytes()), peak.seconds());
        }

        Optional<Peak> cli = cliPeak(big);
        if (cli.isPresent()) {
            Peak peak = cli.get();
            peaks.add(peak);
            System.out.printf(Locale.ROOT, "%s on %s: %s, RSS peak %s, %.1f s%n", peak.subject(),
                    big.file().getFileName(), peak.outcome(), mib(peak.rssPeakBytes()), peak.seconds());
        }

        String section = section(files, big, throughputs, peaks, names);
        System.out.println();
        System.out.println(section);
        if (doc.isPresent()) {
            if (Files.isDirectory(doc.get().toAbsolutePath().getParent())) {
                writeSection(doc.get(), section);
                System.out.println("Written to " + doc.get());
            } else {
                System.out.println("Not written: no folder " + doc.get().toAbsolutePath().getParent());
            }
        }
    }

    /**
     * Warm-up runs for {@link #WARMUP_SECONDS} (at least one), then up to {@link #RUNS} timed samples, fewer if they
     * exceed {@link #BUDGET_SECONDS} together (at least one). A sample repeats a small file until it lasts
     * {@link #MIN_SAMPLE_SECONDS}. A failure is recorded as the result, not thrown.
     */
    static Throughput measure(Subject subject, Size size, QalityGenerator.Interchange file) {
        long warmStart = System.nanoTime();
        try {
            long warmRuns = 0;
            double lastRun;
            do {
                long t0 = System.nanoTime();
                check(subject, file);
                lastRun = seconds(t0, System.nanoTime());
                warmRuns++;
            } while (seconds(warmStart, System.nanoTime()) < WARMUP_SECONDS);
            double perRun = seconds(warmStart, System.nanoTime()) / warmRuns;
            int repeats = (int) Math.max(1, Math.ceil(MIN_SAMPLE_SECONDS / Math.min(perRun, lastRun)));
            List<Double> samples = new ArrayList<>();
            double spent = 0;
            while (samples.size() < RUNS && (samples.isEmpty() || spent < BUDGET_SECONDS)) {
                long t0 = System.nanoTime();
                for (int r = 0; r < repeats; r++) {
                    check(subject, file);
                }
                double s = seconds(t0, System.nanoTime());
                samples.add(s);
                spent += s;
            }
            return new Throughput(subject.name(), size, file.bytes(), file.messages(), samples.size(), repeats,
                    median(samples), -1, null);
        } catch (Exception | OutOfMemoryError e) {
            if (stoppedAtDeadline(e)) {
                // Stopped at the deadline: the run that was cut short is the one sample (the JIT is warm from the
                // smaller sizes before it).
                return new Throughput(subject.name(), size, file.bytes(), file.messages(), 1, 1, MAX_RUN_SECONDS,
                        Inputs.bytesRead(), null);
            }
            return new Throughput(subject.name(), size, file.bytes(), file.messages(), 0, 0, Double.NaN, -1, describe(e));
        }
    }

    static void check(Subject subject, QalityGenerator.Interchange file) throws Exception {
        Inputs.startRun(MAX_RUN_SECONDS);
        long messages = subject.run(file.file());
        if (messages != file.messages()) {
            throw new IllegalStateException(subject.name() + " read " + messages + " messages from "
                    + file.file().getFileName() + ", the file has " + file.messages());
        }
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    // ---- peak memory -------------------------------------------------------------------------

    /** A peak-memory run that is never stopped early (the child's own timeout still applies). */
    static final double UNCAPPED_SECONDS = PEAK_TIMEOUT_MINUTES * 60.0;

    /**
     * Whether {@link #PEAK_MAX_SECONDS} stops this subject's peak-memory run: only the Smooks subjects, which would
     * need hours for 200 MB. Corridor and StAEDI always read the whole file.
     */
    static boolean capped(String key) {
        return key.contains("smooks");
    }

    /** Runs {@code EdiBench peak} in a fresh JVM with the small heap and reads its one RESULT line. */
    static Peak peakInChild(String key, String name, QalityGenerator.Interchange big) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = big.file().resolveSibling("peak-" + key.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + PEAK_HEAP,
                "-Dedi.peakMaxSeconds=" + (capped(key) ? PEAK_MAX_SECONDS : UNCAPPED_SECONDS)));
        if (System.getProperty("edi.corridorApp") != null) {
            command.add("-Dedi.corridorApp=" + System.getProperty("edi.corridorApp"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EdiBench.class.getName(), "peak", key,
                big.file().toString()));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(PEAK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
            return new Peak(name, "timed out after " + PEAK_TIMEOUT_MINUTES + " min", 0, Double.NaN, -1, -1);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Optional<String> result = lines.stream().filter(l -> l.startsWith("RESULT\t")).reduce((a, b) -> b);
        if (result.isEmpty()) {
            String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
            return new Peak(name, "JVM ended with exit code " + child.exitValue() + " (" + last + "; see " + log + ")",
                    0, Double.NaN, -1, -1);
        }
        String[] f = result.get().split("\t");
        return new Peak(name, f[1], Long.parseLong(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
    }

    /**
     * One run of one subject over the big file, in this JVM; prints
     * {@code RESULT <outcome> <messages> <seconds> <heap peak bytes> <RSS peak bytes>} (tab separated). An
     * OutOfMemoryError anywhere in the cause chain is an outcome ("out of memory"), not a crash. The subject's set-up
     * (schema compilation) is inside the measurement: it is part of what the heap must hold.
     */
    static void peakChild(String key, Path file) {
        long expected = -1;
        String outcome;
        long messages = 0;
        long t0 = System.nanoTime();
        try {
            Subject subject = Optional.ofNullable(subjects().get(key))
                    .orElseThrow(() -> new IllegalArgumentException("no subject " + key)).get();
            Inputs.startRun(PEAK_MAX_SECONDS);
            messages = subject.run(file);
            outcome = "finished";
        } catch (Throwable e) {
            if (stoppedAtDeadline(e)) {
                outcome = String.format(Locale.ROOT, "stopped after %.0f s with %.1f of %.1f MB read, no out-of-memory"
                        + " until then", PEAK_MAX_SECONDS, Inputs.bytesRead() / 1e6, file.toFile().length() / 1e6);
            } else {
                outcome = causeChain(e).anyMatch(c -> c instanceof OutOfMemoryError) ? "out of memory" : describe(e);
                e.printStackTrace();
            }
        }
        double seconds = seconds(t0, System.nanoTime());
        System.out.printf(Locale.ROOT, "RESULT\t%s\t%d\t%.2f\t%d\t%d%n", outcome.replace('\t', ' '), messages, seconds,
                heapPeak(), rssPeak());
    }

    /**
     * Corridor's end-user path on the big file: {@code java -Xmx256m -jar corridor.jar validate FILE} under
     * {@code /usr/bin/time -v} (peak RSS of the whole JVM), started in the repository root so the CLI finds its
     * agreements; empty without {@code -Dedi.corridorJar}. The outcome is the exit code and the CLI's own verdict.
     */
    static Optional<Peak> cliPeak(QalityGenerator.Interchange big) throws Exception {
        String jar = System.getProperty("edi.corridorJar");
        if (jar == null) {
            return Optional.empty();
        }
        String name = "`java -Xmx" + PEAK_HEAP + " -jar corridor.jar validate` (Corridor CLI)";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = big.file().resolveSibling("peak-corridor-cli.log");
        List<String> command = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            command.addAll(List.of("/usr/bin/time", "-v"));
        }
        command.addAll(List.of(java, "-Xmx" + PEAK_HEAP, "-jar", jar, "validate", big.file().toString()));
        long t0 = System.nanoTime();
        Process child = new ProcessBuilder(command).directory(new java.io.File(System.getProperty("edi.root", ".")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(PEAK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
            return Optional.of(new Peak(name, "timed out after " + PEAK_TIMEOUT_MINUTES + " min", 0, Double.NaN, -1, -1));
        }
        double seconds = seconds(t0, System.nanoTime());
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        long rss = lines.stream().map(String::trim).filter(l -> l.startsWith("Maximum resident set size (kbytes):"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
        String verdict = lines.stream().filter(l -> l.contains(big.file().getFileName().toString()))
                .map(l -> l.substring(l.indexOf(big.file().getFileName().toString())))
                .findFirst().orElse(lines.isEmpty() ? "no output" : lines.get(0));
        if (verdict.length() > 160) {
            verdict = verdict.substring(0, 160) + "…";
        }
        return Optional.of(new Peak(name, "exit " + child.exitValue() + ": " + verdict.replace("|", "\\|"), 0,
                seconds, -1, rss));
    }

    /** Sum of the heap pools' peak usage: an upper bound of the heap in use at any one moment. */
    static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** VmHWM from /proc/self/status: the process's peak resident set (heap, metaspace, code, threads), -1 if unknown. */
    static long rssPeak() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Whether a failure is the run's deadline: the {@link Inputs.DeadlineException} in the cause chain, or, since
     * Daffodil (under Smooks) reports a leaked exception as an "invariant broken" abort without the cause, any
     * failure once the deadline has passed.
     */
    static boolean stoppedAtDeadline(Throwable e) {
        return causeChain(e).anyMatch(c -> c instanceof Inputs.DeadlineException) || Inputs.deadlinePassed();
    }

    static Stream<Throwable> causeChain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = e; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
            chain.addAll(Arrays.asList(c.getSuppressed()));
        }
        return chain.stream();
    }

    static String describe(Throwable e) {
        if (causeChain(e).anyMatch(c -> c instanceof OutOfMemoryError)) {
            return "out of memory";
        }
        Throwable root = causeChain(e).reduce((a, b) -> b).orElse(e);
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return "failed: " + root.getClass().getSimpleName() + " " + (message.length() > 160 ? message.substring(0, 160) + "…" : message);
    }

    // ---- report ------------------------------------------------------------------------------

    static void print(Throughput t) {
        if (t.failure() != null) {
            System.out.printf(Locale.ROOT, "  %s: %s%n", t.size().label(), t.failure());
        } else if (t.partial()) {
            System.out.printf(Locale.ROOT, "  %s: did not finish in %.0f s (%.2f of %.2f MB read): about %.3f MB/s, %.1f messages/s%n",
                    t.size().label(), MAX_RUN_SECONDS, t.readBytes() / 1e6, t.bytes() / 1e6, t.megabytesPerSecond(),
                    t.messagesPerSecond());
        } else {
            System.out.printf(Locale.ROOT, "  %s: %.2f MB/s, %.0f messages/s (median of %d, %d file run(s) each)%n",
                    t.size().label(), t.megabytesPerSecond(), t.messagesPerSecond(), t.samples(), t.repeats());
        }
    }

    static String section(List<QalityGenerator.Interchange> files, QalityGenerator.Interchange big,
            List<Throughput> throughputs, List<Peak> peaks, Map<String, String> names) throws Exception {
        StringBuilder s = new StringBuilder();
        s.append(SECTION_TITLE).append("\n\n");
        s.append("- Date: ").append(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        s.append("- Machine: ").append(machine()).append('\n');
        s.append("- Command: `").append(System.getProperty("edi.command", "bench/edi-peer/run.sh")).append("`")
                .append(SCALE != 1 ? " (reduced sizes)" : "")
                .append('\n');
        s.append("- Input: generated EDIFACT D96A QALITY interchanges (copper concentrate certificates of analysis, 1–4"
                + " samples of 12 analytes per message, as docs/mig/edifact-qality-d96a.md lays them out, seeded; the same file"
                + " is valid for Corridor and read by Smooks, message counts checked every run): ");
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            QalityGenerator.Interchange f = files.get(i);
            inputs.add(String.format(Locale.ROOT, "%s = %,d bytes / %,d messages", SIZES.get(i).label(), f.bytes(), f.messages()));
        }
        s.append(String.join("; ", inputs)).append('\n');
        s.append(String.format(Locale.ROOT, "- Method: in one JVM (-Xmx1g), per subject and size: warm-up %.0f s (at least one"
                + " run), then the median of up to %d timed samples (fewer when they pass %.0f s together); a sample"
                + " repeats a small file until it lasts %.2f s; a run is stopped after %.0f s and the rate it reached is"
                + " recorded (≈). Every finished run must return the file's message count.%n%n",
                WARMUP_SECONDS, RUNS, BUDGET_SECONDS, MIN_SAMPLE_SECONDS, MAX_RUN_SECONDS));

        Map<String, Throughput> floor = bySize(throughputs, names.get(FLOOR));
        Map<String, Throughput> peer = bySize(throughputs, names.get(PEER));
        s.append("| subject | size | MB/s | messages/s | × camel-smooks | × StAEDI floor | samples × file runs |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Throughput t : throughputs) {
            if (t.failure() != null) {
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | | | | |%n", t.subject(), t.size().label(), t.failure()));
                continue;
            }
            String approx = t.partial() ? "≈ " : "";
            s.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %s%s | %s | %s | %s |%n", t.subject(),
                    t.size().label(), approx, rate(t.megabytesPerSecond()), approx, rate(t.messagesPerSecond()),
                    ratio(t, peer.get(t.size().label())), ratio(t, floor.get(t.size().label())),
                    t.partial() ? String.format(Locale.ROOT, "did not finish in %.0f s (%.1f of %.1f MB read)",
                            MAX_RUN_SECONDS, t.readBytes() / 1e6, t.bytes() / 1e6)
                            : t.samples() + " × " + t.repeats()));
        }
        s.append(String.format(Locale.ROOT, "%nPeak memory on %,d bytes (%,d messages), each subject alone in a fresh JVM"
                + " with `-Xmx%s`, set-up included; the Smooks runs are stopped after %.0f s, the others read the whole file:%n%n", big.bytes(), big.messages(), PEAK_HEAP,
                PEAK_MAX_SECONDS));
        s.append("| subject | outcome | heap peak MiB | RSS peak MiB | s |\n|---|---|---:|---:|---:|\n");
        for (Peak p : peaks) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", p.subject(), p.outcome(),
                    mib(p.heapPeakBytes()), mib(p.rssPeakBytes()), Double.isNaN(p.seconds()) ? "" : String.format(Locale.ROOT, "%.1f", p.seconds())));
        }
        s.append("\nNotes: MB = 10^6 bytes. × columns divide a subject's MB/s by that of camel-smooks and of raw StAEDI on"
                + " the same file. camel-smooks is the peer as a Camel user would wire it: a route to"
                + " `smooks:smooks-edifact-d96a.xml` (smooks-edifact-cartridge 2.0.0 with the edifact-schemas d96a pack,"
                + " message types limited to QALITY, validation off) putting the XML on the body"
                + " (input stream caching off on that route so the time cap can stop a run); the XML is drained as the next endpoint would read it. \"Smooks … SAX events"
                + " only\" is the same parser with no output, Smooks's own floor. StAEDI reads every event with no schema"
                + " and control-structure validation off. Heap peak is the sum of the heap pools' peak usage (MemoryPoolMXBean,"
                + " an upper bound of the heap in use at one moment); RSS peak is VmHWM from /proc/self/status (the whole"
                + " process). An out-of-memory error is recorded as the outcome. Corridor is `EdiDocumentParser` (StAEDI with"
                + " Corridor's QALITY schema and validation, then `QalityMapper` to the canonical ASSAY_CERTIFICATE body),"
                + " streaming message by message, loaded from the unpacked `target/corridor.jar` in its own class loader;"
                + " a run with any fault fails. The CLI row is the end-user path, `java -Xmx256m -jar target/corridor.jar"
                + " validate FILE` run from the repository root, its peak RSS from `/usr/bin/time -v` (no heap figure)."
                + " A row marked ≈ or \"stopped\" was cut at its time cap: Smooks reads tens of KB/s, so a full 50 MB or 200 MB"
                + " run would take hours.\n");
        return s.toString();
    }

    static Map<String, Throughput> bySize(List<Throughput> all, String subject) {
        Map<String, Throughput> map = new LinkedHashMap<>();
        for (Throughput t : all) {
            if (t.subject().equals(subject) && t.failure() == null) {
                map.put(t.size().label(), t);
            }
        }
        return map;
    }

    static String ratio(Throughput t, Throughput base) {
        return base == null ? "" : rate(t.megabytesPerSecond() / base.megabytesPerSecond());
    }

    /** Three significant digits at least, so a rate of 0.004 MB/s does not print as 0.00. */
    static String rate(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : value >= 1 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "" : String.format(Locale.ROOT, "%.0f", bytes / 1024.0 / 1024.0);
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    /** Replaces this benchmark's section of the file (from its title to the next "## "), or appends it. */
    static void writeSection(Path doc, String section) throws IOException {
        List<String> lines = Files.exists(doc)
                ? new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8)) : new ArrayList<>();
        List<String> mine = new ArrayList<>(section.lines().toList());
        mine.add("");
        int start = lines.indexOf(SECTION_TITLE);
        if (start < 0) {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            lines.add("");
            lines.addAll(mine);
        } else {
            int end = start + 1;
            while (end < lines.size() && !lines.get(end).startsWith("## ")) {
                end++;
            }
            lines.subList(start, end).clear();
            lines.addAll(start, mine);
        }
        Files.writeString(doc, String.join("\n", lines).stripTrailing() + "\n", StandardCharsets.UTF_8);
    }

    static String machine() throws Exception {
        String cpu = grepValue(Path.of("/proc/cpuinfo"), "model name", ":").orElse("unknown CPU");
        long memKb = Long.parseLong(grepValue(Path.of("/proc/meminfo"), "MemTotal", ":").orElse("0 kB")
                .replace("kB", "").trim());
        String os = grepValue(Path.of("/etc/os-release"), "PRETTY_NAME", "=").orElse("unknown OS").replace("\"", "");
        return String.format(Locale.ROOT, "%d CPUs (nproc; %s), %.1f GiB RAM, %s, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0, os,
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    static Optional<String> grepValue(Path file, String key, String separator) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(separator) + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
