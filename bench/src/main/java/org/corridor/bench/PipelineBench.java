package org.corridor.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Measures how many lab CSV assay certificates per second go from a folder drop to delivery,
 * through the running gateway and through a plain Camel file copy (the floor), and records both
 * in {@code docs/BENCHMARKS.md}.
 *
 * <p>Usage: {@code PipelineBench <repo-root> [N]}; {@code bench/run.sh [N]} builds everything and
 * calls it. The system property {@code bench.timeoutMinutes} (default 30) bounds each wait for
 * outputs. Printing to stdout is this command-line tool's output.
 */
public final class PipelineBench {

    /**
     * The gateway intake's file consumer options (routes/intake/intake-folder.camel.yaml with the defaults of
     * application.yaml); the floor uses the same, so only the processing differs. Keep them in step.
     */
    static final String INTAKE_OPTIONS = "readLock=changed&readLockMinAge=1000&readLockCheckInterval=250"
            + "&readLockTimeout=60000&readLockMarkerFile=false&delete=true&maxMessagesPerPoll=500&delay=500"
            + "&antExclude=**/*.tmp,**/*.part,**/*.filepart,**/~*";

    static final int DEFAULT_DOCS = 5_000;
    /**
     * Documents pushed through each route before the measured run, so both are compared with their code compiled by
     * the JIT rather than interpreted; the gateway runs far more code than the copy route, so a cold start would
     * measure the compiler more than the pipeline. Set with -Dbench.warmup=N (0 for a cold run).
     */
    static final int WARMUP_DOCS = Integer.getInteger("bench.warmup", 1_000);
    static final List<String> PARTNERS = List.of("FWOPK", "USSMUS");
    static final String SECTION_TITLE = "## Assay CSV: drop → delivered (issue 2)";
    static final String FLOOR_ROUTE = "plain Camel file→file (floor)";
    static final String PIPELINE_ROUTE =
            "Corridor full pipeline (intake → archive → queue → parse → enrich → render → 2 folder partners)";
    static final double TARGET_RATIO = 0.5;

    /** Short enough not to blur the end time, long enough that listing 5,000-file folders stays cheap. */
    static final Duration POLL = Duration.ofMillis(50);
    static final Duration HEALTH_POLL = Duration.ofMillis(250);
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    static final String CSV_HEADER = "certificate_no,lab,lot_no,sample_id,sample_role,analyte,value,qualifier,"
            + "unit,basis,method,analysis_date,contract_ref,commodity,issue_date";

    /** One copper-concentrate analyte with its value in each of the two samples. */
    record Analyte(String name, String s1, String s2, String qualifier, String unit, String basis, String method) {
    }

    static final List<Analyte> ANALYTES = List.of(
            new Analyte("Cu", "24.12", "24.08", "", "%", "DRY", "ISO 10258 electrolytic"),
            new Analyte("Au", "3.4", "3.3", "", "g/t", "DRY", "ISO 10378 fire assay"),
            new Analyte("Ag", "41", "42", "", "g/t", "DRY", "ISO 15249 AAS"),
            new Analyte("As", "0.18", "0.19", "", "%", "DRY", "ICP-OES"),
            new Analyte("Pb", "0.92", "0.90", "", "%", "DRY", "ICP-OES"),
            new Analyte("Zn", "1.64", "1.61", "", "%", "DRY", "ICP-OES"),
            new Analyte("Hg", "0.5", "0.5", "<", "ppm", "DRY", "CV-AAS"),
            new Analyte("H2O", "8.4", "8.5", "", "%", "AS_RECEIVED", "ISO 10251 gravimetric"),
            new Analyte("TML", "10.2", "10.2", "", "%", "AS_RECEIVED", "IMSBC flow table"));

    /** What one route achieved; times are seconds from the first drop. */
    record Result(String route, int docs, long bytes, double seconds, double firstSeconds) {
        double docsPerSecond() {
            return docs / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    /** A run that cannot give a figure; its message says why. */
    static final class BenchFailure extends RuntimeException {
        BenchFailure(String message) {
            super(message);
        }
    }

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: PipelineBench <repo-root> [N]");
            System.exit(2);
        }
        Path repo = Path.of(args[0]).toAbsolutePath().normalize();
        int docs = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_DOCS;
        if (docs < 1) {
            System.err.println("N must be at least 1, got " + docs);
            System.exit(2);
        }
        try {
            run(repo, docs);
        } catch (BenchFailure e) {
            System.err.println("Benchmark failed: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Path repo, int docs) throws Exception {
        Path jar = repo.resolve("target/corridor.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BenchFailure(jar + " not found: build the product first (bench/run.sh does)");
        }
        // Everything under bench/target, not /tmp: ATOMIC_MOVE needs one filesystem, and /tmp may be tmpfs.
        Path work = repo.resolve("bench/target/work");
        deleteRecursively(work);
        Path staged = Files.createDirectories(work.resolve("staged"));
        long bytes = generate(staged, docs, "BENCH");
        Path warm = Files.createDirectories(work.resolve("warm"));
        generate(warm, WARMUP_DOCS, "WARM");
        System.out.printf(Locale.ROOT, "Generated %d assay CSV files, %d bytes on average%n", docs, bytes / docs);

        Result floor = runFloor(staged, warm, work.resolve("floor"), docs, bytes);
        print(floor);
        Result pipeline = runGateway(repo, jar, staged, warm, work.resolve("gateway"), docs, bytes);
        print(pipeline);

        Path doc = repo.resolve("docs/BENCHMARKS.md");
        writeSection(doc, section(docs, bytes, floor, pipeline));
        System.out.printf(Locale.ROOT, "Pipeline / floor = %.2f (target >= %.1f); written to %s%n",
                pipeline.docsPerSecond() / floor.docsPerSecond(), TARGET_RATIO, doc);
    }

    // ---- input -----------------------------------------------------------------------------

    /** Writes n distinct long-form lab CSV certificates (two samples each) and returns their total size. */
    static long generate(Path dir, int n, String prefix) throws IOException {
        long total = 0;
        for (int i = 1; i <= n; i++) {
            String cert = String.format(Locale.ROOT, "%s-%06d", prefix, i);
            String lot = String.format(Locale.ROOT, "%s-L%06d", prefix, i);
            StringBuilder csv = new StringBuilder(2_600).append(CSV_HEADER).append('\n');
            for (String sample : List.of("S1", "S2")) {
                for (Analyte a : ANALYTES) {
                    String value = sample.equals("S1") ? a.s1() : a.s2();
                    csv.append(String.join(",", cert, "KHILAB", lot, sample, "SELLER", a.name(), value,
                            a.qualifier(), a.unit(), a.basis(), a.method(), "2025-10-03",
                            "USSM-FWO-2025-CU-001", "CU_CONC", "2025-10-06")).append('\n');
                }
            }
            byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(cert + ".csv"), content);
            total += content.length;
        }
        return total;
    }

    /**
     * Copies the staged files beside the inbox, then renames them in one by one, as a partner's
     * atomic drop would. The copies' modification time is their copy time, so the read lock's
     * minimum age counts from just before the drop, as it does for a freshly written file.
     *
     * @return the nano time at which the first rename started (t0)
     */
    static long drop(Path staged, Path scratch, Path inbox) throws IOException {
        Files.createDirectories(scratch);
        Files.createDirectories(inbox);
        List<Path> copies = new ArrayList<>();
        for (Path file : list(staged)) {
            copies.add(Files.copy(file, scratch.resolve(file.getFileName())));
        }
        long t0 = System.nanoTime();
        for (Path copy : copies) {
            Files.move(copy, inbox.resolve(copy.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        return t0;
    }

    // ---- the floor -------------------------------------------------------------------------

    static Result runFloor(Path staged, Path warm, Path dir, int docs, long bytes) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = Files.createDirectories(dir.resolve("out"));
        System.out.println("Floor: plain Camel file -> file with the intake's consumer options");
        Main camel = new Main();
        camel.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + in + "?" + INTAKE_OPTIONS).routeId("bench-floor").to("file:" + out);
            }
        });
        camel.start();
        try {
            warmUp(warm, dir.resolve("drop-warm"), in, List.of(out), "", () -> { });
            Outputs outputs = new Outputs(List.of(out), "", WARMUP_DOCS, docs);
            long t0 = drop(staged, dir.resolve("drop"), in);
            long t1 = awaitOutputs(outputs, t0, () -> { });
            return new Result(FLOOR_ROUTE, docs, bytes, seconds(t0, t1), seconds(t0, outputs.firstSeen));
        } finally {
            camel.stop();
        }
    }

    // ---- the gateway -----------------------------------------------------------------------

    static Result runGateway(Path repo, Path jar, Path staged, Path warm, Path dir, int docs, long bytes)
            throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path log = repo.resolve("bench/target/gateway.log");
        int port = freePort();
        List<String> command = List.of(javaBinary(), "-Xmx1g", "-jar", jar.toString(),
                "--corridor.home=" + home, "--server.port=" + port,
                "--corridor.partners.USSMUS.channel=FOLDER", "--corridor.partners.FWOPK.channel=FOLDER",
                "--logging.level.root=WARN");
        System.out.println("Gateway: starting " + jar.getFileName() + " on port " + port + ", log in " + log);
        // cwd = repo root: the gateway finds routes/ and sample-docs/agreements/ relative to it.
        Process gateway = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitHealthy(gateway, port);
            List<Path> outboxes = PARTNERS.stream().map(p -> home.resolve("outbox").resolve(p)).toList();
            warmUp(warm, dir.resolve("drop-warm"), home.resolve("inbox/assay"), outboxes, ".json",
                    () -> checkGateway(gateway, home));
            Outputs outputs = new Outputs(outboxes, ".json", WARMUP_DOCS, docs);
            long t0 = drop(staged, dir.resolve("drop"), home.resolve("inbox/assay"));
            long t1 = awaitOutputs(outputs, t0, () -> checkGateway(gateway, home));
            return new Result(PIPELINE_ROUTE, docs, bytes, seconds(t0, t1), seconds(t0, outputs.firstSeen));
        } catch (BenchFailure e) {
            throw new BenchFailure(e.getMessage() + "\n---- last lines of " + log + " ----\n" + tail(log, 60));
        } finally {
            stop(gateway);
        }
    }

    static void awaitHealthy(Process gateway, int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        await("GET /actuator/health to answer 200 UP", HEALTH_TIMEOUT, HEALTH_POLL, () -> {
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, () -> checkAlive(gateway));
        System.out.printf(Locale.ROOT, "Gateway: healthy after %.1f s%n", seconds(start, System.nanoTime()));
    }

    /** Fails early instead of waiting out the timeout when the gateway cannot finish any more. */
    static void checkGateway(Process gateway, Path home) {
        checkAlive(gateway);
        // A rejected file never reaches the outboxes; DESIGN.md puts rejects in <home>/error.
        Path error = home.resolve("error");
        if (Files.isDirectory(error)) {
            try (Stream<Path> files = Files.walk(error)) {
                Optional<Path> rejected = files.filter(Files::isRegularFile).findFirst();
                if (rejected.isPresent()) {
                    throw new BenchFailure("the gateway rejected a file: " + rejected.get());
                }
            } catch (IOException e) {
                throw new BenchFailure("cannot read " + error + ": " + e);
            }
        }
    }

    static void checkAlive(Process gateway) {
        if (!gateway.isAlive()) {
            throw new BenchFailure("the gateway exited with code " + gateway.exitValue());
        }
    }

    static void stop(Process gateway) throws InterruptedException {
        gateway.destroy();
        if (!gateway.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            System.out.println("Gateway: did not stop within " + STOP_TIMEOUT.toSeconds() + " s, killing it");
            gateway.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ---- waiting ---------------------------------------------------------------------------

    /** Drops the warm-up documents and waits until each output folder holds them. */
    static void warmUp(Path warm, Path scratch, Path inbox, List<Path> outputs, String suffix, Runnable guard)
            throws Exception {
        if (WARMUP_DOCS == 0) {
            return;
        }
        System.out.println("  warm-up: " + WARMUP_DOCS + " documents");
        Outputs warmOutputs = new Outputs(outputs, suffix, 0, WARMUP_DOCS);
        awaitOutputs(warmOutputs, drop(warm, scratch, inbox), guard);
    }

    /**
     * Output folders that must each hold {@code baseline + added} files (the baseline being the warm-up's outputs);
     * notes when the first new one appeared.
     */
    static final class Outputs {
        final List<Path> dirs;
        final String suffix;
        final int baseline;
        final int expected;
        long firstSeen = -1;
        int[] counts;

        Outputs(List<Path> dirs, String suffix, int baseline, int added) {
            this.dirs = dirs;
            this.suffix = suffix;
            this.baseline = baseline;
            this.expected = baseline + added;
        }

        boolean complete() {
            long now = System.nanoTime();
            counts = dirs.stream().mapToInt(dir -> count(dir, suffix)).toArray();
            if (firstSeen < 0 && Arrays.stream(counts).anyMatch(c -> c > baseline)) {
                firstSeen = now;
            }
            return Arrays.stream(counts).allMatch(c -> c >= expected);
        }

        String progress() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < dirs.size(); i++) {
                parts.add(dirs.get(i).getFileName() + " " + counts[i] + "/" + expected);
            }
            return String.join(", ", parts);
        }

        /** File.list, not Files.list: one cheap call per poll, no Path per entry. */
        static int count(Path dir, String suffix) {
            String[] names = dir.toFile().list();
            if (names == null) {
                return 0;
            }
            int n = 0;
            for (String name : names) {
                // Hidden names are temp files still being written (and Camel's lock markers).
                if (!name.startsWith(".") && name.endsWith(suffix)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Polls the outputs until complete; {@code guard} throws when completion has become impossible. */
    static long awaitOutputs(Outputs outputs, long t0, Runnable guard) throws InterruptedException {
        long[] lastReport = {System.nanoTime()};
        try {
            await("every output folder to hold " + outputs.expected + " files", timeout(), POLL, () -> {
                if (outputs.complete()) {
                    return true;
                }
                long now = System.nanoTime();
                if (now - lastReport[0] >= PROGRESS_EVERY.toNanos()) {
                    System.out.printf(Locale.ROOT, "  %6.1f s: %s%n", seconds(t0, now), outputs.progress());
                    lastReport[0] = now;
                }
                return false;
            }, guard);
        } catch (BenchFailure e) {
            throw new BenchFailure(e.getMessage() + " (seen: " + outputs.progress() + ")");
        }
        return System.nanoTime();
    }

    static void await(String what, Duration timeout, Duration interval, BooleanSupplier done, Runnable guard)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            guard.run();
            if (System.nanoTime() - deadline > 0) {
                throw new BenchFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    static Duration timeout() {
        return Duration.ofMinutes(Long.getLong("bench.timeoutMinutes", 30));
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    // ---- report ----------------------------------------------------------------------------

    static void print(Result r) {
        System.out.printf(Locale.ROOT, "%s: %d docs in %.2f s = %.1f docs/s, %.2f MB/s, first output after %.2f s%n",
                r.route(), r.docs(), r.seconds(), r.docsPerSecond(), r.megabytesPerSecond(), r.firstSeconds());
    }

    static String section(int docs, long bytes, Result floor, Result pipeline) throws Exception {
        double ratio = pipeline.docsPerSecond() / floor.docsPerSecond();
        StringBuilder s = new StringBuilder();
        s.append(SECTION_TITLE).append("\n\n");
        s.append("- Date: ").append(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        s.append("- Machine: ").append(machine()).append('\n');
        s.append("- Command: `bench/run.sh ").append(docs).append("`\n");
        s.append(String.format(Locale.ROOT, "- Input: N = %d lab CSV assay certificates (long form, %d results"
                + " each), %d bytes on average, %.2f MB in all%n", docs, 2 * ANALYTES.size(), bytes / docs, bytes / 1e6));
        s.append("- Warm-up: ").append(WARMUP_DOCS).append(" documents through each route before the measured"
                + " run (not timed), so the JIT has compiled both\n");
        s.append("- Intake consumer options, same for both routes: `").append(INTAKE_OPTIONS).append("`\n\n");
        s.append("| route | docs/s | MB/s | wall s |\n|---|---:|---:|---:|\n");
        for (Result r : List.of(floor, pipeline)) {
            s.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.2f |%n",
                    r.route(), r.docsPerSecond(), r.megabytesPerSecond(), r.seconds()));
        }
        s.append(String.format(Locale.ROOT, "%nPipeline / floor: **%.2f** (target ≥ %.1f: %s). "
                + "First delivered file (pipeline): %.2f s after the first drop.%n%n",
                ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "not met", pipeline.firstSeconds()));
        s.append("Notes: the pipeline writes two outputs per input (one canonical JSON for each folder partner,"
                + " FWOPK and USSMUS), the floor one copy; docs/s counts inputs, MB/s input bytes"
                + " (1 MB = 10^6 bytes). Wall time runs from the first atomic rename into the inbox until the"
                + " last expected output is seen (polled every " + POLL.toMillis() + " ms), so both include the"
                + " read lock's 1 s minimum file age. With these options Camel takes at most 500 files per poll"
                + " and waits 500 ms between polls, which caps the floor below 1,000 docs/s. The floor"
                + " runs in the benchmark's JVM; the gateway runs in its own (`-Xmx1g`, fresh home, folder"
                + " channels) and is healthy before the drop. Runs on this 2-core machine vary by ±20 % from one run to"
                + " the next.\n");
        return s.toString();
    }

    /** Replaces this benchmark's section of the file, or appends it; other sections stay as they are. */
    static void writeSection(Path doc, String section) throws IOException {
        List<String> lines = Files.exists(doc)
                ? new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8)) : new ArrayList<>();
        if (lines.stream().noneMatch(l -> l.equals("# Benchmarks"))) {
            List<String> intro = List.of("# Benchmarks", "",
                    "Throughput of Corridor, measured on a named machine with one command. Each section is written by"
                            + " its benchmark; a new run replaces only its own section.", "",
                    "Run: `bench/run.sh [N]` from any directory (N documents, default " + DEFAULT_DOCS + "). It builds"
                            + " the product jar if it is missing or older than the sources, builds the benchmark in"
                            + " `bench/`, runs it and updates this file.", "");
            lines.addAll(0, intro);
        }
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
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, String.join("\n", lines).stripTrailing() + "\n", StandardCharsets.UTF_8);
    }

    static String machine() throws Exception {
        String cpu = grepValue(Path.of("/proc/cpuinfo"), "model name", ":").orElse("unknown CPU");
        long memKb = Long.parseLong(grepValue(Path.of("/proc/meminfo"), "MemTotal", ":").orElse("0 kB")
                .replace("kB", "").trim());
        String os = grepValue(Path.of("/etc/os-release"), "PRETTY_NAME", "=").orElse("unknown OS").replace("\"", "");
        Process version = new ProcessBuilder(javaBinary(), "-version").redirectErrorStream(true).start();
        String java = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .findFirst().orElse("unknown Java");
        version.waitFor();
        return String.format(Locale.ROOT, "%d CPUs (nproc; %s), %.1f GiB RAM, %s, %s",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0, os, java);
    }

    static Optional<String> grepValue(Path file, String key, String separator) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(separator) + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---- files -----------------------------------------------------------------------------

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
