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
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Measures how many lab CSV assay certificates per second go from a folder drop to delivery, through a plain Camel
 * file copy (the floor, with the gateway's intake options and with Camel's defaults) and through the running gateway
 * (H2, then PostgreSQL as its tracking store), with the CPU each used per document, then the drop→delivered latency
 * at a steady 50 documents/s; records it all in {@code docs/BENCHMARKS.md}.
 *
 * <p>Usage: {@code PipelineBench <repo-root> [N]}; {@code bench/run.sh [N]} builds everything and calls it. System
 * properties: {@code bench.timeoutMinutes} (default 30) bounds each wait for outputs, {@code bench.pg} (default true)
 * runs the PostgreSQL row, {@code bench.latencySeconds} (default 30, 0 for none) sets the latency run's length.
 * Printing to stdout is this command-line tool's output.
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
    /**
     * Camel's own file-consumer defaults (Camel 4.17's file.json: readLock=none, no maximum per poll, delay=500,
     * initialDelay=1000), with only the deletion that keeps the input folder from refilling the next poll.
     */
    static final String DEFAULT_OPTIONS = "delete=true";
    static final boolean RUN_PG = Boolean.parseBoolean(System.getProperty("bench.pg", "true"));
    static final int LATENCY_SECONDS = Integer.getInteger("bench.latencySeconds", 30);
    static final int LATENCY_RATE = Integer.getInteger("bench.latencyRate", 50);
    /** The read lock's minimum file age in INTAKE_OPTIONS, in ms: the latency target is this plus 150 ms. */
    static final long READ_LOCK_MIN_AGE_MS = 1_000;
    static final long LATENCY_ALLOWANCE_MS = 150;
    static final String SECTION_TITLE = "## Assay CSV: drop → delivered, CPU and latency (issues 2 and 16)";
    /** The title this section had before issue 16: a run replaces a section under either. */
    static final String OLD_SECTION_TITLE = "## Assay CSV: drop → delivered (issue 2)";
    static final String FLOOR_ROUTE = "plain Camel file→file (floor), intake options";
    static final String FLOOR_DEFAULT_ROUTE = "plain Camel file→file (floor), Camel's default options";
    static final String PIPELINE_ROUTE =
            "Corridor full pipeline (intake → archive → queue → parse → enrich → render → 2 folder partners), H2";
    static final String PIPELINE_PG_ROUTE = "Corridor full pipeline, PostgreSQL tracking store";
    static final double TARGET_RATIO = 0.5;
    static final double TARGET_CPU_MS = 3.0;
    static final String PG_DATABASE = "corridor_bench";
    static final String PG_USER = "postgres";

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

    /**
     * What one route achieved; times are seconds from the first drop. {@code cpu} is the CPU seconds of the process
     * that ran the route over the measured run, {@code dbCpu} those of a separate database server; empty when not
     * measured.
     */
    record Result(String route, int docs, long bytes, double seconds, double firstSeconds, OptionalDouble cpu,
            OptionalDouble dbCpu) {
        double docsPerSecond() {
            return docs / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }

        OptionalDouble cpuMsPerDoc() {
            return cpu.isPresent() ? OptionalDouble.of(cpu.getAsDouble() * 1e3 / docs) : OptionalDouble.empty();
        }

        OptionalDouble coresBusy() {
            return cpu.isPresent() ? OptionalDouble.of(cpu.getAsDouble() / seconds) : OptionalDouble.empty();
        }
    }

    /** Processes and servers this run started; closed by whoever started them, or by the shutdown hook. */
    static final Deque<AutoCloseable> OPEN = new ConcurrentLinkedDeque<>();

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
        // Ctrl-C or a failure's System.exit must not leave a gateway or PostgreSQL running.
        Runtime.getRuntime().addShutdownHook(new Thread(PipelineBench::closeAll, "bench-cleanup"));
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
        System.out.printf(Locale.ROOT, "Generated %d assay CSV files, %d bytes on average; CPU from /proc with"
                + " CLK_TCK = %d%n", docs, bytes / docs, ProcCpu.TICKS);

        Result floor = runFloor(FLOOR_ROUTE, INTAKE_OPTIONS, staged, warm, work.resolve("floor"), docs, bytes);
        print(floor);
        Result floorDefault =
                runFloor(FLOOR_DEFAULT_ROUTE, DEFAULT_OPTIONS, staged, warm, work.resolve("floor-default"), docs, bytes);
        print(floorDefault);
        Result pipeline;
        try (Gateway gateway = Gateway.start(repo, jar, work.resolve("gateway"), "h2", Map.of())) {
            pipeline = gateway.measure(PIPELINE_ROUTE, staged, warm, docs, bytes, null);
        }
        print(pipeline);
        Result pipelinePg = null;
        if (RUN_PG) {
            pipelinePg = runPostgres(repo, jar, work, staged, warm, docs, bytes);
            print(pipelinePg);
        } else {
            System.out.println("PostgreSQL: skipped (BENCH_PG=0)");
        }
        LatencyRun.Report latency = null;
        if (LATENCY_SECONDS > 0) {
            try (Gateway gateway = Gateway.start(repo, jar, work.resolve("gateway-latency"), "latency", Map.of())) {
                gateway.warmUp(warm);
                latency = LatencyRun.run(gateway.inbox(), work.resolve("gateway-latency/drop"), gateway.outboxes(),
                        LATENCY_SECONDS * LATENCY_RATE, LATENCY_RATE, gateway::check);
            }
        } else {
            System.out.println("Latency: skipped (BENCH_LATENCY_SECONDS=0)");
        }

        Path doc = repo.resolve("docs/BENCHMARKS.md");
        writeSection(doc, section(docs, bytes, floor, floorDefault, pipeline, pipelinePg, latency));
        System.out.println();
        System.out.println("Figures (written to " + doc + "):");
        for (String line : summary(floor, floorDefault, pipeline, pipelinePg, latency)) {
            System.out.println("  " + line);
        }
    }

    // ---- input -----------------------------------------------------------------------------

    /** Writes n distinct long-form lab CSV certificates (two samples each) and returns their total size. */
    static long generate(Path dir, int n, String prefix) throws IOException {
        long total = 0;
        for (int i = 1; i <= n; i++) {
            byte[] content = certificate(prefix, i);
            Files.write(dir.resolve(String.format(Locale.ROOT, "%s-%06d.csv", prefix, i)), content);
            total += content.length;
        }
        return total;
    }

    /** Certificate number i of a series: its number ({@code PREFIX-000001}) is in it and in its file name. */
    static byte[] certificate(String prefix, int i) {
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
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Copies the staged files beside the inbox. The copies' modification time is their copy time, so the read lock's
     * minimum age counts from just before the drop, as it does for a freshly written file.
     */
    static List<Path> stage(Path staged, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        List<Path> copies = new ArrayList<>();
        for (Path file : list(staged)) {
            copies.add(Files.copy(file, scratch.resolve(file.getFileName())));
        }
        return copies;
    }

    /**
     * Renames the copies into the inbox one by one, as a partner's atomic drop would.
     *
     * @return the nano time at which the first rename started (t0)
     */
    static long dropAll(List<Path> copies, Path inbox) throws IOException {
        Files.createDirectories(inbox);
        long t0 = System.nanoTime();
        for (Path copy : copies) {
            Files.move(copy, inbox.resolve(copy.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        return t0;
    }

    static long drop(Path staged, Path scratch, Path inbox) throws IOException {
        return dropAll(stage(staged, scratch), inbox);
    }

    // ---- the floor -------------------------------------------------------------------------

    /** A plain file→file route in this JVM with the given consumer options; its CPU is this JVM's over the run. */
    static Result runFloor(String route, String options, Path staged, Path warm, Path dir, int docs, long bytes)
            throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = Files.createDirectories(dir.resolve("out"));
        System.out.println("Floor: " + route + " (" + options + ")");
        Main camel = new Main();
        camel.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + in + "?" + options).routeId("bench-floor").to("file:" + out);
            }
        });
        camel.start();
        try {
            warmUp(warm, dir.resolve("drop-warm"), in, List.of(out), "", () -> { });
            Outputs outputs = new Outputs(List.of(out), "", WARMUP_DOCS, docs);
            List<Path> copies = stage(staged, dir.resolve("drop"));
            ProcCpu.Clock clock = ProcCpu.self();
            OptionalDouble cpu0 = clock.seconds();
            long t0 = dropAll(copies, in);
            long t1 = awaitOutputs(outputs, t0, () -> { });
            OptionalDouble cpu = ProcCpu.between(cpu0, clock.seconds());
            return new Result(route, docs, bytes, seconds(t0, t1), seconds(t0, outputs.firstSeen), cpu,
                    OptionalDouble.empty());
        } finally {
            camel.stop();
        }
    }

    // ---- the gateway -----------------------------------------------------------------------

    /** The gateway jar in its own JVM with a fresh home; closing it stops it. */
    static final class Gateway implements AutoCloseable {
        final Process process;
        final Path dir;
        final Path home;
        final Path log;
        final int port;
        private boolean closed;

        private Gateway(Process process, Path dir, Path home, Path log, int port) {
            this.process = process;
            this.dir = dir;
            this.home = home;
            this.log = log;
            this.port = port;
        }

        static Gateway start(Path repo, Path jar, Path dir, String name, Map<String, String> env) throws Exception {
            Path home = Files.createDirectories(dir.resolve("home"));
            Path log = repo.resolve("bench/target/gateway-" + name + ".log");
            int port = freePort();
            List<String> command = List.of(javaBinary(), "-Xmx1g", "-jar", jar.toString(),
                    "--corridor.home=" + home, "--server.port=" + port,
                    "--corridor.partners.USSMUS.channel=FOLDER", "--corridor.partners.FWOPK.channel=FOLDER",
                    "--logging.level.root=WARN");
            System.out.println("Gateway (" + name + "): starting " + jar.getFileName() + " on port " + port
                    + ", log in " + log);
            // cwd = repo root: the gateway finds routes/ and sample-docs/agreements/ relative to it.
            ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Gateway gateway = new Gateway(builder.start(), dir, home, log, port);
            OPEN.push(gateway);
            try {
                gateway.failWithLog(() -> awaitHealthy(gateway.process, port));
            } catch (Exception | Error e) {
                gateway.close();
                throw e;
            }
            return gateway;
        }

        Path inbox() {
            return home.resolve("inbox/assay");
        }

        List<Path> outboxes() {
            return PARTNERS.stream().map(p -> home.resolve("outbox").resolve(p)).toList();
        }

        void check() {
            checkGateway(process, home);
        }

        void warmUp(Path warm) throws Exception {
            failWithLog(() -> PipelineBench.warmUp(warm, dir.resolve("drop-warm"), inbox(), outboxes(), ".json",
                    this::check));
        }

        /**
         * Warm-up, then the measured drop; CPU is sampled just before the first rename and after the last output
         * is seen: the gateway's process, and {@code db}'s if given.
         */
        Result measure(String route, Path staged, Path warm, int docs, long bytes, ProcCpu.Clock db)
                throws Exception {
            warmUp(warm);
            Outputs outputs = new Outputs(outboxes(), ".json", WARMUP_DOCS, docs);
            List<Path> copies = stage(staged, dir.resolve("drop"));
            ProcCpu.Clock clock = ProcCpu.process(process.pid());
            ProcCpu.Clock dbClock = db != null ? db : OptionalDouble::empty;
            OptionalDouble cpu0 = clock.seconds();
            OptionalDouble db0 = dbClock.seconds();
            long t0 = dropAll(copies, inbox());
            long[] t1 = new long[1];
            failWithLog(() -> t1[0] = awaitOutputs(outputs, t0, this::check));
            OptionalDouble cpu = ProcCpu.between(cpu0, clock.seconds());
            OptionalDouble dbCpu = ProcCpu.between(db0, dbClock.seconds());
            return new Result(route, docs, bytes, seconds(t0, t1[0]), seconds(t0, outputs.firstSeen), cpu, dbCpu);
        }

        /** Runs a step and adds the gateway log's last lines to its failure. */
        void failWithLog(Step step) throws Exception {
            try {
                step.run();
            } catch (BenchFailure e) {
                throw new BenchFailure(e.getMessage() + "\n---- last lines of " + log + " ----\n" + tail(log, 60));
            }
        }

        @Override
        public synchronized void close() throws InterruptedException {
            if (closed) {
                return;
            }
            closed = true;
            OPEN.remove(this);
            stop(process);
        }
    }

    /** A step that may fail. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * The gateway with an embedded PostgreSQL (zonky's binaries) as its tracking store: a database of its own, the
     * connection given the way the README's configuration table says (SPRING_DATASOURCE_*), the gateway's Flyway
     * migrations creating the schema. The server's processes' CPU is summed from /proc.
     */
    static Result runPostgres(Path repo, Path jar, Path work, Path staged, Path warm, int docs, long bytes)
            throws Exception {
        Path data = work.resolve("pg-data");
        System.out.println("PostgreSQL: starting an embedded server, data in " + data);
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
        AutoCloseable closePg = pg::close;
        OPEN.push(closePg);
        try {
            DataSource admin = pg.getPostgresDatabase();
            try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + PG_DATABASE);
            }
            ProcCpu.Clock serverCpu = postmasterPid(data).map(ProcCpu::tree).orElse(OptionalDouble::empty);
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + PG_DATABASE;
            System.out.println("PostgreSQL: " + url + " ready");
            Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", PG_USER,
                    "SPRING_DATASOURCE_PASSWORD", "postgres");
            try (Gateway gateway = Gateway.start(repo, jar, work.resolve("gateway-pg"), "pg", env)) {
                return gateway.measure(PIPELINE_PG_ROUTE, staged, warm, docs, bytes, serverCpu);
            }
        } finally {
            OPEN.remove(closePg);
            pg.close();
        }
    }

    /** The postmaster's pid: the first line of postmaster.pid in the data directory. */
    static Optional<Long> postmasterPid(Path data) {
        try {
            return Files.readAllLines(data.resolve("postmaster.pid")).stream().findFirst().map(String::trim)
                    .map(Long::parseLong);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void closeAll() {
        for (AutoCloseable open = OPEN.poll(); open != null; open = OPEN.poll()) {
            try {
                open.close();
            } catch (Exception e) {
                System.err.println("Cleanup: " + e);
            }
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
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d docs in %.2f s = %.1f docs/s, %.2f MB/s, first output after %.2f s",
                r.route(), r.docs(), r.seconds(), r.docsPerSecond(), r.megabytesPerSecond(), r.firstSeconds()));
        if (r.cpu().isPresent()) {
            line.append(String.format(Locale.ROOT, "; CPU %.2f s = %.2f ms/doc, %.2f cores busy",
                    r.cpu().getAsDouble(), r.cpuMsPerDoc().getAsDouble(), r.coresBusy().getAsDouble()));
        }
        if (r.dbCpu().isPresent()) {
            line.append(String.format(Locale.ROOT, "; PostgreSQL server CPU %.2f s = %.2f ms/doc",
                    r.dbCpu().getAsDouble(), r.dbCpu().getAsDouble() * 1e3 / r.docs()));
        }
        System.out.println(line);
    }

    static String fixed(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "not measured";
    }

    static String metOrNot(boolean met) {
        return met ? "met" : "not met";
    }

    /** What the ratio and CPU lines call each row: the table has the long names. */
    static final Map<String, String> SHORT_NAMES = Map.of(FLOOR_ROUTE, "floor (intake options)",
            FLOOR_DEFAULT_ROUTE, "floor (Camel's defaults)", PIPELINE_ROUTE, "Pipeline (H2)",
            PIPELINE_PG_ROUTE, "Pipeline (PostgreSQL)");

    static String shortName(Result r) {
        return SHORT_NAMES.getOrDefault(r.route(), r.route());
    }

    static String ratioLine(Result pipeline, Result floor) {
        double ratio = pipeline.docsPerSecond() / floor.docsPerSecond();
        return String.format(Locale.ROOT, "%s / %s: **%.2f** (target ≥ %.1f: %s)", shortName(pipeline),
                shortName(floor), ratio, TARGET_RATIO, metOrNot(ratio >= TARGET_RATIO));
    }

    static String cpuLine(Result r) {
        return r.cpuMsPerDoc().isPresent()
                ? String.format(Locale.ROOT, "%s: CPU **%.2f ms/doc** (target ≤ %.0f ms: %s)", shortName(r),
                        r.cpuMsPerDoc().getAsDouble(), TARGET_CPU_MS, metOrNot(r.cpuMsPerDoc().getAsDouble()
                                <= TARGET_CPU_MS))
                : shortName(r) + ": CPU not measured";
    }

    static String latencyLine(LatencyRun.Report l) {
        double target = READ_LOCK_MIN_AGE_MS + LATENCY_ALLOWANCE_MS;
        return String.format(Locale.ROOT, "Latency at %d docs/s (%d docs, H2): p50 **%.0f ms**, p90 %.0f ms, p99"
                + " **%.0f ms**, max %.0f ms (target p50 ≤ read lock minimum age %d ms + %d ms = %.0f ms: %s);"
                + " delivered at %.1f docs/s over the run", l.rate(), l.docs(), l.percentile(50), l.percentile(90),
                l.percentile(99), l.max(), READ_LOCK_MIN_AGE_MS, LATENCY_ALLOWANCE_MS, target,
                metOrNot(l.percentile(50) <= target), l.deliveredPerSecond());
    }

    /** One line per figure, for the end of the console output. */
    static List<String> summary(Result floor, Result floorDefault, Result pipeline, Result pipelinePg,
            LatencyRun.Report latency) {
        List<String> lines = new ArrayList<>();
        for (Result r : rows(floor, floorDefault, pipeline, pipelinePg)) {
            lines.add(String.format(Locale.ROOT, "%s: %.1f docs/s, %.2f MB/s, %.2f s, CPU %s ms/doc", r.route(),
                    r.docsPerSecond(), r.megabytesPerSecond(), r.seconds(), fixed(r.cpuMsPerDoc(), "%.2f")));
        }
        for (Result p : pipelinePg == null ? List.of(pipeline) : List.of(pipeline, pipelinePg)) {
            lines.add(ratioLine(p, floor).replace("**", ""));
            lines.add(ratioLine(p, floorDefault).replace("**", ""));
            lines.add(cpuLine(p).replace("**", ""));
        }
        if (pipelinePg != null && pipelinePg.dbCpu().isPresent()) {
            lines.add(String.format(Locale.ROOT, "PostgreSQL server processes: CPU %.2f ms/doc",
                    pipelinePg.dbCpu().getAsDouble() * 1e3 / pipelinePg.docs()));
        }
        if (latency != null) {
            lines.add(latencyLine(latency).replace("**", ""));
        }
        return lines;
    }

    static List<Result> rows(Result floor, Result floorDefault, Result pipeline, Result pipelinePg) {
        List<Result> rows = new ArrayList<>(List.of(floor, floorDefault, pipeline));
        if (pipelinePg != null) {
            rows.add(pipelinePg);
        }
        return rows;
    }

    static String section(int docs, long bytes, Result floor, Result floorDefault, Result pipeline,
            Result pipelinePg, LatencyRun.Report latency) throws Exception {
        StringBuilder s = new StringBuilder();
        s.append(SECTION_TITLE).append("\n\n");
        s.append("- Date: ").append(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        s.append("- Machine: ").append(machine()).append('\n');
        s.append("- Command: `");
        if (!RUN_PG) {
            s.append("BENCH_PG=0 ");
        }
        if (LATENCY_SECONDS != 30) {
            s.append("BENCH_LATENCY_SECONDS=").append(LATENCY_SECONDS).append(' ');
        }
        if (WARMUP_DOCS != 1_000) {
            s.append("BENCH_WARMUP=").append(WARMUP_DOCS).append(' ');
        }
        s.append("bench/run.sh ").append(docs).append("`\n");
        s.append(String.format(Locale.ROOT, "- Input: N = %d lab CSV assay certificates (long form, %d results"
                + " each), %d bytes on average, %.2f MB in all%n", docs, 2 * ANALYTES.size(), bytes / docs, bytes / 1e6));
        s.append("- Warm-up: ").append(WARMUP_DOCS).append(" documents through each route (and each gateway) before"
                + " the measured run (not timed), so the JIT has compiled them\n");
        s.append("- Intake consumer options (the gateway's, and the first floor's): `").append(INTAKE_OPTIONS)
                .append("`\n");
        s.append("- Camel's default options (the second floor): `").append(DEFAULT_OPTIONS).append("`; everything"
                + " else is Camel 4.17's default: `readLock=none` (no read lock, so no minimum age and no marker"
                + " file: `readLockMarkerFile` only applies to the changed, rename and exclusive locks), no"
                + " `maxMessagesPerPoll` limit (0), `delay=500` ms between polls, `initialDelay=1000`\n\n");
        s.append("| route | docs/s | MB/s | wall s | CPU ms/doc | cores busy |\n|---|---:|---:|---:|---:|---:|\n");
        for (Result r : rows(floor, floorDefault, pipeline, pipelinePg)) {
            s.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.2f | %s | %s |%n", r.route(),
                    r.docsPerSecond(), r.megabytesPerSecond(), r.seconds(), fixed(r.cpuMsPerDoc(), "%.2f"),
                    fixed(r.coresBusy(), "%.2f")));
        }
        s.append('\n');
        for (Result p : pipelinePg == null ? List.of(pipeline) : List.of(pipeline, pipelinePg)) {
            s.append("- ").append(ratioLine(p, floor)).append('\n');
            s.append("- ").append(ratioLine(p, floorDefault)).append('\n');
            s.append("- ").append(cpuLine(p)).append(String.format(Locale.ROOT, "; %s CPU s over %.2f s; first"
                    + " delivered file %.2f s after the first drop%n", fixed(p.cpu(), "%.2f"), p.seconds(),
                    p.firstSeconds()));
        }
        if (pipelinePg == null) {
            s.append("- PostgreSQL tracking store: not measured (BENCH_PG=0)\n");
        } else {
            s.append("- PostgreSQL server processes (postmaster and its backends, from /proc, reaped ones included):"
                    + " CPU ").append(fixed(pipelinePg.dbCpu(), "%.2f s")).append(pipelinePg.dbCpu().isPresent()
                            ? String.format(Locale.ROOT, " = %.2f ms/doc, on top of the gateway's",
                                    pipelinePg.dbCpu().getAsDouble() * 1e3 / pipelinePg.docs()) : "")
                    .append('\n');
        }
        if (latency == null) {
            s.append("- Latency: not measured (BENCH_LATENCY_SECONDS=0)\n");
        } else {
            s.append("- ").append(latencyLine(latency)).append('\n');
        }
        s.append("\nNotes: the pipeline writes two outputs per input (one canonical JSON for each folder partner,"
                + " FWOPK and USSMUS), the floor one copy; docs/s counts inputs, MB/s input bytes"
                + " (1 MB = 10^6 bytes). Wall time runs from the first atomic rename into the inbox until the"
                + " last expected output is seen (polled every " + POLL.toMillis() + " ms), so the intake-option rows"
                + " include the read lock's 1 s minimum file age. With the intake options Camel takes at most 500"
                + " files per poll and waits 500 ms between polls, which caps the first floor below 1,000 docs/s;"
                + " the second floor shows what Camel does without that throttle. CPU is user + system time of the"
                + " process, sampled just before the first measured rename and after the last output is seen:"
                + " for the gateway from `/proc/<pid>/stat` (CLK_TCK " + ProcCpu.TICKS + "), for the floors the"
                + " benchmark JVM's own (`OperatingSystemMXBean.getProcessCpuTime`, which includes the benchmark's"
                + " own polling of the output folder); cores busy = CPU s / wall s. The floors run in the"
                + " benchmark's JVM; each gateway runs in its own (`-Xmx1g`, fresh home, folder channels) and is"
                + " healthy before the drop; the PostgreSQL run uses an embedded PostgreSQL 14 (zonky binaries),"
                + " a fresh database, given by `SPRING_DATASOURCE_URL`/`_USERNAME`/`_PASSWORD`.");
        if (latency != null) {
            s.append(String.format(Locale.ROOT, " Latency: a fresh H2 gateway, warmed up as above; one certificate"
                    + " written and renamed into the inbox every %d ms (its modification time is its drop time;"
                    + " the latest drop ran %.1f ms behind schedule); its delivery instant is the first listing of"
                    + " the second of the two partner outboxes that shows its output (outputs are named by document"
                    + " id, so each is read once to find its certificate number). The outboxes are listed every"
                    + " %d ms (%.1f ms per round measured), so a figure is late by at most about that; nearest-rank"
                    + " percentiles.", 1_000 / latency.rate(), latency.maxDropLateMs(), LatencyRun.WATCH_POLL.toMillis(),
                    latency.meanPollMs()));
        }
        s.append(" Runs on this 2-core machine vary by ±20 % from one run to the next.\n");
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
                            + " `bench/`, runs it and updates this file. `BENCH_WARMUP` (default 1000),"
                            + " `BENCH_PG=0` (skip the PostgreSQL run), `BENCH_LATENCY_SECONDS` (default 30, 0 skips"
                            + " the latency run).", "");
            lines.addAll(0, intro);
        }
        List<String> mine = new ArrayList<>(section.lines().toList());
        mine.add("");
        int start = lines.indexOf(SECTION_TITLE);
        if (start < 0) {
            start = lines.indexOf(OLD_SECTION_TITLE);
        }
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
