package org.corridor.support.crash;

import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;
import org.corridor.support.CampaignMain;
import org.corridor.support.GatewayProcess;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.ReliabilityDoc;
import org.corridor.support.SftpPartnerServer;
import org.corridor.support.crash.CrashDocuments.Doc;
import org.corridor.support.crash.DurabilityAudit.Finding;

/**
 * The fault campaign behind bench/faults.sh, the crash campaign's twin: the same documents, partners and
 * {@link DurabilityAudit}, but instead of a kill a fault is injected into a partner at a seeded moment of delivery,
 * left for {@link #FAULT}, and removed; then the gateway is left to recover by itself, and whatever it has dead-lettered
 * (FAILED) is replayed by the operator through the API. One trial per fault, in a JVM of its own; its health endpoint
 * is polled throughout. Writes its section of docs/RELIABILITY.md; exits 1 when anything was lost, duplicated, stuck,
 * in error or inconsistent, or the health endpoint stopped answering.
 *
 * <p>Run from the project folder on the test class path: {@code java -cp ... org.corridor.support.crash.FaultCampaign
 * [DOCS]}.
 */
public final class FaultCampaign {

    private static final String BEGIN = "<!-- faults:begin -->";
    private static final String END = "<!-- faults:end -->";
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration QUIET = Duration.ofMillis(2000);
    /** How long each fault lasts. */
    static final Duration FAULT = Duration.ofSeconds(10);

    private static final String TOKEN = "fault-campaign-operator";
    /** A document's id in the list API's answer ({@code "id":"D-..."}). */
    private static final Pattern DOCUMENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"(D-[0-9A-Za-z-]+)\"");

    /** The faults, each one trial. */
    enum Fault {
        HTTP_500("the buyer's HTTP endpoint answers 500 to every request"),
        HTTP_500_LONG("the buyer's HTTP endpoint answers 500 to every request for 30 s, past the back-off", 30),
        HTTP_TIMEOUT("the buyer's HTTP endpoint answers only after 4 s, past the gateway's 2 s response timeout"),
        HTTP_CLOSE_MID_BODY("the buyer's HTTP endpoint closes the connection after half of the request body"),
        SFTP_DOWN("the lab's SFTP server is stopped, then started again on the same port"),
        POSTGRES_RESTART("PostgreSQL, the gateway's tracking store, is stopped, then started again on the same data"
                + " directory and port"),
        OUTBOX_DISK_FULL("the exporter's outbox, a 4 MB tmpfs, is filled to the last byte, then freed");

        final String what;
        final Duration lasts;

        Fault(String what) {
            this(what, 10);
        }

        Fault(String what, long seconds) {
            this.what = what;
            this.lasts = Duration.ofSeconds(seconds);
        }
    }

    /** The gateway's PostgreSQL in the POSTGRES_RESTART trial: embedded, on a data directory and port it keeps. */
    private static final class Database implements AutoCloseable {
        private final Path data;
        private final int port;
        private EmbeddedPostgres server;

        Database(Path data) throws IOException {
            this.data = data;
            try (ServerSocket socket = new ServerSocket(0)) {
                this.port = socket.getLocalPort();
            }
            up();
        }

        void up() {
            try {
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(data)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start on " + data, e);
            }
        }

        void down() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> arguments() {
            return List.of(
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=");
        }

        DataSource dataSource() {
            return server.getPostgresDatabase();
        }

        @Override
        public void close() {
            down();
        }
    }

    /** The outbox on a small file system of its own (tmpfs, mounted as root), which the fault fills to the brim. */
    private static final class SmallDisk implements AutoCloseable {
        private final Path mountPoint;
        private final Path filler;

        SmallDisk(Path mountPoint) throws IOException {
            this.mountPoint = Files.createDirectories(mountPoint);
            this.filler = mountPoint.resolve("filler.bin");
            run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.toString());
        }

        /** Writes until the file system refuses: no space left for anything else. */
        void fill() {
            byte[] block = new byte[64 * 1024];
            try (var out = Files.newOutputStream(filler)) {
                while (true) {
                    out.write(block);
                }
            } catch (IOException full) {
                // ENOSPC: the disk is full, as intended
            }
        }

        void free() {
            try {
                Files.deleteIfExists(filler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            run("umount", mountPoint.toString());
        }

        private static void run(String... command) {
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String said =
                        new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + said.strip());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** One fault's figures. */
    record Row(
            Fault fault,
            String injectedAt,
            String gatewayDid,
            int inputs,
            int delivered,
            int lost,
            int duplicated,
            int resentSameKey,
            int stuck,
            int inError,
            List<String> inconsistent,
            String health,
            boolean healthAnswered,
            Duration recovery,
            Duration took) {

        boolean clean() {
            return lost == 0
                    && duplicated == 0
                    && stuck == 0
                    && inError == 0
                    && inconsistent.isEmpty()
                    && healthAnswered;
        }
    }

    private final int docs;
    private final long seed;
    private final Path root;
    private final Duration settle;
    private final CrashDocuments samples = new CrashDocuments(Path.of("sample-docs"));
    private final PrintStream out = System.out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The gateway of the trial under way, stopped if the campaign itself is stopped (Ctrl-C). */
    private static volatile GatewayProcess running;

    private FaultCampaign(int docs, long seed, Path root) {
        this.docs = docs;
        this.seed = seed;
        this.root = root;
        this.settle = Duration.ofSeconds(Long.getLong("faults.settle-seconds", 180 + docs));
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1) {
            System.err.println("usage: FaultCampaign [DOCS]");
            System.exit(2);
        }
        CampaignMain.prepare(() -> running);
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = Long.getLong("faults.seed", 15L);
        List<Fault> faults = new ArrayList<>();
        for (String name : System.getProperty("faults.only", "").split(",")) {
            if (!name.isBlank()) {
                faults.add(Fault.valueOf(name.strip()));
            }
        }
        if (faults.isEmpty()) {
            faults.addAll(List.of(Fault.values()));
        }
        Path root =
                Path.of("target", "faults", "run-" + System.currentTimeMillis()).toAbsolutePath();
        FaultCampaign campaign = new FaultCampaign(docs, seed, root);
        List<Row> rows = campaign.run(faults);
        String summary = summary(rows);
        campaign.writeReport(rows, summary);
        System.out.println(summary);
        System.exit(rows.stream().allMatch(Row::clean) ? 0 : 1);
    }

    /** One trial of {@code fault} with {@code docs} documents under {@code root}: the short version in mvn verify. */
    static Row once(Fault fault, int docs, Path root) {
        return new FaultCampaign(docs, 15L, root).trial(1, fault, 0.5);
    }

    private List<Row> run(List<Fault> faults) {
        out.printf(
                Locale.ROOT, "Fault campaign: %s x %d documents, seed %d, homes under %s%n", faults, docs, seed, root);
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        int t = 0;
        for (Fault fault : faults) {
            t++;
            Row row = trial(t, fault, random.nextDouble());
            rows.add(row);
            out.printf(
                    Locale.ROOT,
                    "%s (at %s): %s; %d inputs, %d delivered, %d lost, %d duplicated, %d resent same key, %d stuck,"
                            + " %d in error, %s, health %s, recovered %d s after the fault (%d s)%n",
                    fault,
                    row.injectedAt,
                    row.gatewayDid,
                    row.inputs,
                    row.delivered,
                    row.lost,
                    row.duplicated,
                    row.resentSameKey,
                    row.stuck,
                    row.inError,
                    row.inconsistent.isEmpty() ? "consistent" : "INCONSISTENT: " + row.inconsistent,
                    row.health,
                    row.recovery.toSeconds(),
                    row.took.toSeconds());
        }
        return rows;
    }

    /** One fault on a fresh home: drop, switch the fault on at {@code fraction} of delivery, off, recover, audit. */
    private Row trial(int t, Fault fault, double fraction) {
        long began = System.nanoTime();
        Path home = root.resolve("trial-" + t);
        List<Doc> dropped = CrashDocuments.documents(t, docs, true);
        int expected = dropped.stream().mapToInt(d -> d.kind().deliveries()).sum();
        int at = Math.max(1, (int) (expected * (0.1 + 0.4 * fraction)));
        List<String> notes = new ArrayList<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        try (Database database =
                        fault == Fault.POSTGRES_RESTART ? new Database(root.resolve("trial-" + t + "-pgdata")) : null;
                SmallDisk disk = fault == Fault.OUTBOX_DISK_FULL ? new SmallDisk(home.resolve("outbox")) : null;
                PartnerHttpServer buyer = new PartnerHttpServer();
                SftpPartnerServer lab =
                        new SftpPartnerServer(root.resolve("trial-" + t + "-sftp"), "khilab", "pw-" + t);
                GatewayProcess gateway = new GatewayProcess(home, Map.of(), arguments(buyer, lab, database))) {
            running = gateway;
            gateway.start(START);
            AtomicInteger polls = new AtomicInteger();
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger up = new AtomicInteger();
            // what the polls that were not UP got, and when: before the fault, or seconds after it began
            List<String> notUp = new CopyOnWriteArrayList<>();
            AtomicLong faultOn = new AtomicLong();
            poller.scheduleWithFixedDelay(
                    () -> {
                        polls.incrementAndGet();
                        long asked = System.nanoTime();
                        int status = gateway.health(Duration.ofSeconds(5));
                        if (status > 0) {
                            answered.incrementAndGet();
                        }
                        if (status == 200) {
                            up.incrementAndGet();
                        } else {
                            long since = faultOn.get();
                            notUp.add((status == 0 ? "no answer" : String.valueOf(status))
                                    + (since == 0
                                            ? " before the fault"
                                            : " at +%d s"
                                                    .formatted(Duration.ofNanos(asked - since)
                                                            .toSeconds())));
                        }
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
            for (Doc doc : dropped) {
                samples.drop(home, doc.name(), samples.content(doc));
            }
            try {
                await("the moment of the fault")
                        .atMost(settle)
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> new GatewayLog(gateway.currentLog()).delivered(t) >= at);
            } catch (ConditionTimeoutException e) {
                notes.add("the moment of the fault never came within " + settle.toSeconds() + " s");
            }
            String injectedAt =
                    "%d/%d delivered".formatted(new GatewayLog(gateway.currentLog()).delivered(t), expected);
            switchOn(fault, buyer, lab, database, disk);
            long on = System.nanoTime();
            faultOn.set(on);
            // the fault lasts its while; the health poller keeps asking the gateway meanwhile
            await("the fault's end")
                    .atMost(fault.lasts.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() - on >= fault.lasts.toNanos());
            switchOff(fault, buyer, lab, database, disk);
            long off = System.nanoTime();

            boolean byItself = everything(home, buyer, lab, dropped, gateway);
            Set<String> replayed = new LinkedHashSet<>();
            if (!byItself) {
                // the operator's part: replay every document whose delivery was dead-lettered (FAILED)
                replayed.addAll(replayFailed(gateway.port()));
                if (!everything(home, buyer, lab, dropped, gateway)) {
                    notes.add("not everything delivered within " + settle.toSeconds() + " s of the replay");
                }
            }
            Duration recovery = Duration.ofNanos(System.nanoTime() - off);
            poller.shutdownNow();
            String gatewayDid = switch (fault) {
                        case HTTP_500, HTTP_500_LONG ->
                            "the buyer answered %d requests 500"
                                    .formatted(buyer.faulted(PartnerHttpServer.Fault.ANSWER_500));
                        case HTTP_TIMEOUT ->
                            "%d requests timed out".formatted(buyer.faulted(PartnerHttpServer.Fault.HANG));
                        case HTTP_CLOSE_MID_BODY ->
                            "%d connections were closed mid-body"
                                    .formatted(buyer.faulted(PartnerHttpServer.Fault.CLOSE_MID_BODY));
                        case SFTP_DOWN -> "the SFTP server was down %d s".formatted(fault.lasts.toSeconds());
                        case POSTGRES_RESTART -> "PostgreSQL was down %d s".formatted(fault.lasts.toSeconds());
                        case OUTBOX_DISK_FULL -> "the outbox's disk was full %d s".formatted(fault.lasts.toSeconds());
                    }
                    + (byItself
                            ? "; the gateway retried with back-off and delivered everything by itself"
                            : "; %d document(s) FAILED (dead-lettered), replayed through the API"
                                    .formatted(replayed.size()));

            PartnerOutputs outputs = PartnerOutputs.read(home, buyer, lab.folder("incoming"), dropped);
            DurabilityAudit audit = new DurabilityAudit(dropped).partners(outputs, new GatewayLog(gateway.log()));
            gateway.stop();
            audit.trackingOfStopped(outputs, home, database == null ? null : database.dataSource());
            List<String> inconsistent = new ArrayList<>(notes);
            inconsistent.addAll(audit.get(Finding.INCONSISTENT));
            int delivered = (int) dropped.stream()
                    .filter(d -> outputs.hasEverything(List.of(d)))
                    .count();
            Files.writeString(
                    root.resolve("trial-" + t + "-findings.txt"),
                    audit.findings().toString(),
                    java.nio.charset.StandardCharsets.UTF_8);
            return new Row(
                    fault,
                    injectedAt,
                    gatewayDid,
                    dropped.size(),
                    delivered,
                    audit.get(Finding.LOST).size(),
                    audit.get(Finding.DUPLICATED).size(),
                    audit.get(Finding.RESENT_SAME_KEY).size(),
                    audit.get(Finding.STUCK).size(),
                    audit.get(Finding.IN_ERROR).size(),
                    inconsistent,
                    "answered %d/%d polls, UP %d%s"
                            .formatted(
                                    answered.get(),
                                    polls.get(),
                                    up.get(),
                                    notUp.isEmpty() ? "" : " (not UP: " + String.join(", ", notUp) + ")"),
                    answered.get() == polls.get(),
                    recovery,
                    Duration.ofNanos(System.nanoTime() - began));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            poller.shutdownNow();
        }
    }

    /**
     * The crash campaign's arguments (on PostgreSQL when {@code database} is given), with a back-off that outlasts a 10 s fault (0.5, 1, 2, 4, 4, 4 s: six retries
     * over 15.5 s), a 2 s HTTP response timeout, and an operator token for the replays.
     */
    private static List<String> arguments(PartnerHttpServer buyer, SftpPartnerServer lab, Database database) {
        List<String> arguments = new ArrayList<>(CrashCampaign.arguments(buyer, lab).stream()
                .filter(a -> !a.startsWith("--corridor.delivery.redelivery-delay-ms="))
                .toList());
        arguments.addAll(List.of(
                "--corridor.delivery.redelivery-delay-ms=500",
                "--corridor.delivery.maximum-redelivery-delay-ms=4000",
                "--corridor.delivery.maximum-redeliveries=6",
                "--corridor.delivery.http-response-timeout-ms=2000",
                "--corridor.api.operator-token=" + TOKEN));
        if (database != null) {
            arguments.addAll(database.arguments());
        }
        return arguments;
    }

    private static void switchOn(
            Fault fault, PartnerHttpServer buyer, SftpPartnerServer lab, Database database, SmallDisk disk) {
        switch (fault) {
            case HTTP_500, HTTP_500_LONG -> buyer.fault(PartnerHttpServer.Fault.ANSWER_500);
            case HTTP_TIMEOUT -> buyer.fault(PartnerHttpServer.Fault.HANG);
            case HTTP_CLOSE_MID_BODY -> buyer.fault(PartnerHttpServer.Fault.CLOSE_MID_BODY);
            case SFTP_DOWN -> lab.down();
            case POSTGRES_RESTART -> database.down();
            case OUTBOX_DISK_FULL -> disk.fill();
        }
    }

    private static void switchOff(
            Fault fault, PartnerHttpServer buyer, SftpPartnerServer lab, Database database, SmallDisk disk) {
        if (fault == Fault.OUTBOX_DISK_FULL) {
            disk.free();
        } else if (fault == Fault.SFTP_DOWN) {
            lab.up();
        } else if (fault == Fault.POSTGRES_RESTART) {
            database.up();
        } else {
            buyer.fault(PartnerHttpServer.Fault.NONE);
        }
    }

    /** Waits until every document is at its partners and the gateway is quiet; false when it does not come. */
    private boolean everything(
            Path home, PartnerHttpServer buyer, SftpPartnerServer lab, List<Doc> dropped, GatewayProcess gateway) {
        try {
            await("every document at its partners")
                    .atMost(settle)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> PartnerOutputs.read(home, buyer, lab.folder("incoming"), dropped)
                                    .hasEverything(dropped)
                            || (gateway.quietFor(Duration.ofSeconds(20)) && failedDocuments(gateway.port()) > 0));
            await("the gateway quiet").atMost(settle).until(() -> gateway.quietFor(QUIET));
            return PartnerOutputs.read(home, buyer, lab.folder("incoming"), dropped)
                    .hasEverything(dropped);
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private int failedDocuments(int port) {
        return ids(get(port, "/api/documents?status=FAILED&size=200")).size();
    }

    /** Replays every FAILED document through the operator API; returns their ids. */
    private Set<String> replayFailed(int port) {
        Set<String> ids = ids(get(port, "/api/documents?status=FAILED&size=200"));
        for (String id : ids) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/documents/" + id + "/replay"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    out.println("replay of " + id + " answered " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    private String get(int port, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> ids(String json) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = DOCUMENT_ID.matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static String summary(List<Row> rows) {
        return "%d faults: %d lost, %d duplicated, %d inconsistent, health answered throughout in %d/%d"
                .formatted(
                        rows.size(),
                        rows.stream().mapToInt(Row::lost).sum(),
                        rows.stream().mapToInt(Row::duplicated).sum(),
                        rows.stream()
                                .filter(r -> !r.inconsistent.isEmpty() || r.stuck > 0 || r.inError > 0)
                                .count(),
                        rows.stream().filter(Row::healthAnswered).count(),
                        rows.size());
    }

    /** Replaces the campaign's section of docs/RELIABILITY.md (between its markers), appending it when missing. */
    private void writeReport(List<Row> rows, String summary) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("## Fault campaign: partners failing\n\n");
        s.append(
                "`bench/faults.sh %d` on %s, commit %s, seed %d: one trial of %d documents per fault (%d cores, Java %s).\n\n"
                        .formatted(
                                docs,
                                LocalDate.now(),
                                System.getProperty("faults.commit", "unknown"),
                                seed,
                                docs,
                                Runtime.getRuntime().availableProcessors(),
                                System.getProperty("java.version")));
        s.append("The crash campaign's twin: the same documents and partners (exporter on a folder, buyer over HTTP,"
                + " lab over SFTP) and the same `DurabilityAudit`, but instead of a kill a fault is switched on in a partner or"
                + " the database at a seeded moment of delivery (10-50 % of the deliveries made), left for "
                + FAULT.toSeconds()
                + " s (one for 30 s, longer than the back-off) and switched off. The gateway runs with a back-off of 0.5, 1, 2, 4, 4, 4 s (six retries over"
                + " 15.5 s) and a 2 s HTTP response timeout. If it does not deliver everything by itself, the operator"
                + " replays every FAILED (dead-lettered) document through `POST /api/documents/{id}/replay`. Its"
                + " health endpoint is asked every second throughout. Columns as in the crash campaign; **recovery**:"
                + " from the end of the fault until every document was at its partners (with a replay, this includes the"
                + " 20 s of quiet after which the campaign, as the operator, concludes the gateway has given up).\n\n");
        s.append("| fault | injected at | what happened | inputs | delivered | lost | duplicated | resent, same key"
                + " | stuck | in error | consistent | health | recovery |\n");
        s.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|\n");
        for (Row r : rows) {
            s.append("| %s: %s | %s | %s | %d | %d | %d | %d | %d | %d | %d | %s | %s | %d s |\n"
                    .formatted(
                            r.fault.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            r.fault.what,
                            r.injectedAt,
                            r.gatewayDid,
                            r.inputs,
                            r.delivered,
                            r.lost,
                            r.duplicated,
                            r.resentSameKey,
                            r.stuck,
                            r.inError,
                            r.inconsistent.isEmpty()
                                    ? "yes"
                                    : "no: "
                                            + String.join(
                                                            "; ",
                                                            r.inconsistent.subList(
                                                                    0, Math.min(3, r.inconsistent.size())))
                                                    .replace("|", "/"),
                            r.health,
                            r.recovery.toSeconds()));
        }
        s.append("\n**").append(summary).append("**\n\n");
        s.append("The one 503 before each fault is the first health poll, right after the gateway logged its start and"
                + " before it reported itself ready.");
        if (rows.stream().anyMatch(r -> !r.healthAnswered)) {
            s.append(" Where health did not answer every poll, `/actuator/health` took longer than 5 s to answer during"
                    + " the fault: the gateway lost nothing, but its health endpoint did not stay answering (open).");
        }
        s.append("\n\n");
        s.append("A request that timed out had reached the buyer, which answered it late; the gateway sent it again"
                + " under the same `Idempotency-Key`, counted as *resent, same key*. A request answered 500 or cut"
                + " off mid-body is no copy the partner holds and is not counted. The outbox's disk is a tmpfs mounted for the"
                + " trial, so that trial needs root (`FAULTS_ONLY` leaves it out elsewhere).\n");
        Path file = Path.of("docs", "RELIABILITY.md");
        ReliabilityDoc.writeSection(file, BEGIN, END, s.toString());
        out.println("Wrote " + file.toAbsolutePath());
    }
}
