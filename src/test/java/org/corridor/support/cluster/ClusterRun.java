package org.corridor.support.cluster;

import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.corridor.support.BrokerProcess;
import org.corridor.support.GatewayProcess;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.SftpPartnerServer;
import org.corridor.support.TestPostgres;
import org.corridor.support.crash.CrashCampaign;
import org.corridor.support.crash.CrashDocuments;
import org.corridor.support.crash.CrashDocuments.Doc;
import org.corridor.support.crash.DurabilityAudit;
import org.corridor.support.crash.DurabilityAudit.Finding;
import org.corridor.support.crash.GatewayLog;
import org.corridor.support.crash.PartnerOutputs;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Several gateway nodes as a cluster, each in a JVM of its own, as they run in production: one external broker in a
 * JVM of its own ({@code corridor.jar broker}), one PostgreSQL server (a database of its own for the run), one shared
 * home; three partners (the exporter's folder, the buyer over HTTP, the lab over SFTP, which gets the
 * acknowledgements). Documents of every kind ({@link CrashDocuments}) are dropped into the shared inbox; optionally the
 * leader is killed with SIGKILL once a third of the deliveries are made, and a file put on a partner's SFTP folder after
 * the kill shows that another node took over the polling. Then what the partners got and what the tracking store says
 * are checked ({@link DurabilityAudit}, the crash campaign's check), and the work of each node is counted from the
 * events it wrote. Used by ClusterKillNineTest (mvn verify) and ClusterBench (bench/run.sh --nodes N).
 */
public final class ClusterRun implements AutoCloseable {

    /** The file put on the probe partner's SFTP folder after the kill; rejected (it is no document), and traced. */
    static final String PROBE = "LEADER-PROBE.txt";

    private static final Duration START = Duration.ofSeconds(240);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration QUIET = Duration.ofMillis(2000);
    /** The test PostgreSQL server's postmaster, once found. */
    private static long postmaster;

    /** What a run found. */
    public record Result(
            int documents,
            int expectedDeliveries,
            List<String> nodes,
            Map<String, Map<String, Integer>> workByNode,
            String leaderBefore,
            String killed,
            String leaderAfter,
            String probeTakenBy,
            Map<String, Integer> httpAnswers,
            Map<String, List<String>> takenMoreThanOnce,
            Map<Finding, List<String>> findings,
            Duration dropToDelivered,
            Map<String, Double> cpuSeconds,
            Map<String, Double> cpuAtDrop,
            int warmUp) {

        /**
         * CPU seconds {@code process} (a node's name, {@code broker}, {@code postgres} or {@code partners}) used from just before the first
         * drop to the end (a killed node: to its kill), startup and warm-up left out.
         */
        public double cpuUsed(String process) {
            return cpuSeconds.getOrDefault(process, 0.0) - cpuAtDrop.getOrDefault(process, 0.0);
        }

        /** CPU seconds the gateway nodes used together from just before the first drop to the end. */
        public double gatewayCpuUsed() {
            return nodes.stream().mapToDouble(this::cpuUsed).sum();
        }

        /** Nothing lost, duplicated, stuck, in error or inconsistent (a resend under the same key is allowed). */
        public boolean exactlyOnce() {
            return findings.entrySet().stream()
                    .filter(e -> e.getKey() != Finding.RESENT_SAME_KEY)
                    .allMatch(e -> e.getValue().isEmpty());
        }

        /**
         * Files taken from the inbox more than once, and by which nodes, other than a file the killed node had taken and
         * not yet let go of (another node takes that one again once its read lock is found orphaned: same document id).
         */
        public Map<String, List<String>> takenTwiceByLiveNodes() {
            Map<String, List<String>> twice = new TreeMap<>();
            takenMoreThanOnce.forEach((file, takers) -> {
                if (takers.size() > 2 || !takers.contains(killed)) {
                    twice.put(file, takers);
                }
            });
            return twice;
        }

        /** Documents each node took in, processed (parsed) and deliveries it made. */
        public int work(String node, String stage) {
            return workByNode.getOrDefault(node, Map.of()).getOrDefault(stage, 0);
        }
    }

    /** The trial number of the warm-up documents: tags of their own ({@code DUR-T9-...}), apart from the measured. */
    static final int WARM_UP_TRIAL = 9;

    private final Path root;
    private final int nodeCount;
    private final int warmUp;
    private final Consumer<String> progress;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CrashDocuments samples = new CrashDocuments(Path.of("sample-docs"));
    private final List<GatewayProcess> nodes = new ArrayList<>();
    private final Map<String, Double> cpuAtKill = new TreeMap<>();
    private BrokerProcess broker;
    private PartnerHttpServer buyer;
    private SftpPartnerServer lab;
    private SingleConnectionDataSource database;
    private String databaseUrl;

    public ClusterRun(Path root, int nodeCount) {
        this(root, nodeCount, 0, line -> {});
    }

    /**
     * A cluster that first sends {@code warmUp} documents of their own through, not measured (so that the nodes' JIT
     * has compiled the pipeline), and tells {@code progress} how the run goes: the nodes up, the deliveries made every
     * ~5 s.
     */
    public ClusterRun(Path root, int nodeCount, int warmUp, Consumer<String> progress) {
        this.root = root.toAbsolutePath();
        this.nodeCount = nodeCount;
        this.warmUp = warmUp;
        this.progress = progress;
    }

    /** The shared home. */
    public Path home() {
        return root.resolve("home");
    }

    /**
     * Starts the broker, a database of its own on the PostgreSQL server, the partners and the nodes (together: they
     * take turns to start, see ClusterConfig), drops {@code documents} documents and waits until every partner has
     * everything; kills the leader on the way when {@code killLeader}.
     */
    public Result run(int documents, boolean killLeader) throws Exception {
        Files.createDirectories(home().resolve("partners"));
        String brokerPassword = "broker-" + run;
        broker = new BrokerProcess(root.resolve("broker"), "corridor", brokerPassword);
        database = freshDatabase();
        buyer = new PartnerHttpServer();
        lab = new SftpPartnerServer(root.resolve("sftp"), "khilab", "sftp-" + run);
        Files.createDirectories(lab.folder("probe"));
        // a partner whose SFTP folder only the leader polls
        Files.writeString(home().resolve("partners").resolve("KHIPROBE.yaml"), """
                id: KHIPROBE
                name: Leader probe (cluster test)
                roles: [LABORATORY]
                interchangeIds: [{ qualifier: ZZ, id: KHIPROBE }]
                inbound:
                  sftp: { url: "sftp://127.0.0.1:%d", directory: probe, username: khilab,
                          passwordProperty: CLUSTER_PROBE_SFTP_PASSWORD, strictHostKeyChecking: "no",
                          after: delete, pollDelay: PT0.5S }
                """.formatted(lab.port()));
        // the lab may post its certificates to any node (POST /api/inbound)
        Files.writeString(home().resolve("partners").resolve("KHILAB.yaml"), """
                id: KHILAB
                name: Karachi Minerals Testing Laboratory
                roles: [LABORATORY]
                interchangeIds: [{ qualifier: ZZ, id: KHILAB }]
                inbound:
                  http: { auth: bearer, secretProperty: CLUSTER_KHILAB_TOKEN }
                """);
        for (int n = 1; n <= nodeCount; n++) {
            List<String> arguments = new ArrayList<>(CrashCampaign.arguments(buyer, lab));
            arguments.addAll(List.of(
                    "--spring.profiles.active=cluster",
                    "--spring.datasource.url=" + databaseUrl,
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres",
                    "--spring.artemis.broker-url=" + broker.url(),
                    "--spring.artemis.user=corridor",
                    "--spring.artemis.password=" + brokerPassword,
                    "--corridor.cluster.node-id=node-" + n,
                    "--corridor.cluster.leader-check-interval=PT1S",
                    "--corridor.acks.check-interval=PT5S",
                    // a file the killed node held is taken by another within 20 s, not the default minute
                    "--corridor.cluster.intake-lock-max-age=PT20S",
                    "--corridor.cluster.intake-lock-keep-alive=PT5S"));
            nodes.add(new GatewayProcess(
                    home(),
                    root.resolve("node-" + n + "-logs"),
                    Map.of("CLUSTER_PROBE_SFTP_PASSWORD", "sftp-" + run, "CLUSTER_KHILAB_TOKEN", labToken()),
                    arguments));
        }
        long starting = System.nanoTime();
        startAll();
        String leaderBefore = awaitLeader(nodes);
        progress.accept("%d node(s) up after %d s, %s leads"
                .formatted(
                        nodes.size(),
                        Duration.ofNanos(System.nanoTime() - starting).toSeconds(),
                        leaderBefore));
        JdbcTemplate db = new JdbcTemplate(database);

        List<Doc> dropped = CrashDocuments.documents(1, documents, true);
        int expected = deliveriesOf(dropped);
        Duration settle = Duration.ofSeconds(240 + documents / 5);
        List<Doc> warmUpDocs = warmUp > 0 ? CrashDocuments.documents(WARM_UP_TRIAL, warmUp, true) : List.of();
        if (!warmUpDocs.isEmpty()) {
            long warming = System.nanoTime();
            warmUpDocs.forEach(doc -> samples.drop(home(), doc.name(), samples.content(doc)));
            awaitAtPartners(
                    "every warm-up document at its partners",
                    warmUpDocs,
                    db,
                    0,
                    deliveriesOf(warmUpDocs),
                    Duration.ofSeconds(240 + warmUp / 5));
            awaitQuiet(settle);
            progress.accept("warm-up: %d documents (trial %d, %d deliveries) through the cluster in %d s, not measured"
                    .formatted(
                            warmUpDocs.size(),
                            WARM_UP_TRIAL,
                            deliveriesOf(warmUpDocs),
                            Duration.ofNanos(System.nanoTime() - warming).toSeconds()));
        }

        // what the measured drop starts from: the CPU the processes have used and the work already done (the warm-up's)
        Map<String, Double> cpuAtDrop = cpuNow();
        Map<String, Map<String, Integer>> workBefore = workByNode(db);
        int deliveredBefore = deliveredRows(db);
        progress.accept("drop: %d documents, %d deliveries expected".formatted(dropped.size(), expected));
        Instant firstDrop = Instant.now();
        // one certificate posted to each node over HTTP, the rest dropped into the shared inbox
        Map<String, Integer> httpAnswers = new TreeMap<>();
        List<Doc> posted = dropped.stream()
                .filter(d -> d.kind() == CrashDocuments.Kind.ASSAY)
                .limit(nodes.size())
                .toList();
        for (int n = 0; n < posted.size(); n++) {
            httpAnswers.put(nameOf(nodes.get(n)), post(nodes.get(n), posted.get(n)));
        }
        for (Doc doc : dropped) {
            if (!posted.contains(doc)) {
                samples.drop(home(), doc.name(), samples.content(doc));
            }
        }
        String killed = null;
        String leaderAfter = leaderBefore;
        if (killLeader) {
            await("a third of the deliveries made")
                    .atMost(settle)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> log().delivered(1) >= expected / 3);
            GatewayProcess leader = node(leaderBefore);
            cpuAtKill.put(leaderBefore, cpuSeconds(leader.pid()));
            leader.kill();
            killed = leaderBefore;
            List<GatewayProcess> alive =
                    nodes.stream().filter(GatewayProcess::isRunning).toList();
            leaderAfter = awaitLeader(alive);
            Files.writeString(lab.folder("probe").resolve(PROBE), "not a document: which node polls this folder?\n");
        }
        List<Doc> everything = new ArrayList<>(warmUpDocs);
        everything.addAll(dropped);
        awaitAtPartners("every document at its partners", everything, db, deliveredBefore, expected, settle);
        Instant lastDelivery = lastDelivery(db).orElseGet(Instant::now);
        Duration dropToDelivered = Duration.between(firstDrop, lastDelivery);
        if (killLeader) {
            await("the probe taken from the SFTP folder")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> !Files.exists(lab.folder("probe").resolve(PROBE)));
        }
        awaitQuiet(settle);

        Map<String, Double> cpu = new TreeMap<>(cpuAtKill);
        cpu.putAll(cpuNow());
        // the warm-up's documents are audited too: they are in the same outboxes and tracking store
        PartnerOutputs outputs = PartnerOutputs.read(home(), buyer, lab.folder("incoming"), everything);
        DurabilityAudit audit = new DurabilityAudit(everything).partners(outputs, log());
        for (GatewayProcess node : nodes) {
            if (node.isRunning()) {
                node.stop();
            }
        }
        audit.tracking(outputs, db);
        Map<Finding, List<String>> findings = new LinkedHashMap<>();
        audit.findings()
                .forEach((finding, what) -> findings.put(
                        finding, what.stream().filter(w -> !w.contains(PROBE)).toList()));
        String probeTakenBy = killLeader
                ? db
                        .queryForList(
                                "SELECT e.node_id FROM events e JOIN documents d ON d.document_id = e.document_id"
                                        + " WHERE d.file_name = ? AND e.stage = 'INTAKE'",
                                String.class,
                                PROBE)
                        .stream()
                        .findFirst()
                        .orElse(null)
                : null;
        return new Result(
                dropped.size(),
                expected,
                nodeNames(),
                minus(workByNode(db), workBefore),
                leaderBefore,
                killed,
                leaderAfter,
                probeTakenBy,
                httpAnswers,
                takenMoreThanOnce(db),
                findings,
                dropToDelivered,
                cpu,
                cpuAtDrop,
                warmUpDocs.size());
    }

    private static int deliveriesOf(List<Doc> docs) {
        return docs.stream().mapToInt(d -> d.kind().deliveries()).sum();
    }

    /**
     * Waits until the partners have every one of {@code docs}, telling {@code progress} every ~5 s how many deliveries
     * the tracking store counts since {@code deliveredBefore} (of {@code expected}). Reading every partner's copies costs the machine the
     * nodes run on, so it is done once the tracking store counts them all (and every 10th poll, should it count
     * otherwise), not at every poll.
     */
    private void awaitAtPartners(
            String what, List<Doc> docs, JdbcTemplate db, int deliveredBefore, int expected, Duration atMost) {
        long[] reported = {System.nanoTime()};
        int[] polls = {0};
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            int delivered = deliveredRows(db) - deliveredBefore;
            if (System.nanoTime() - reported[0] >= Duration.ofSeconds(5).toNanos()) {
                reported[0] = System.nanoTime();
                progress.accept("  delivered %d/%d".formatted(delivered, expected));
            }
            return (delivered >= expected || ++polls[0] % 10 == 0)
                    && PartnerOutputs.read(home(), buyer, lab.folder("incoming"), docs)
                            .hasEverything(docs);
        });
    }

    private void awaitQuiet(Duration atMost) {
        await("the nodes quiet")
                .atMost(atMost)
                .until(() -> nodes.stream().filter(GatewayProcess::isRunning).allMatch(g -> g.quietFor(QUIET)));
    }

    /** CPU seconds used so far by the running nodes, the broker, the PostgreSQL server and the partners (this JVM). */
    private Map<String, Double> cpuNow() {
        Map<String, Double> cpu = new TreeMap<>();
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.get(n).isRunning()) {
                cpu.put("node-" + (n + 1), cpuSeconds(nodes.get(n).pid()));
            }
        }
        cpu.put("broker", cpuSeconds(broker.pid()));
        cpu.put("postgres", postgresCpuSeconds());
        // this JVM: the partners' servers (HTTP, SFTP) and the run's own polling
        cpu.put("partners", cpuSeconds(ProcessHandle.current().pid()));
        return cpu;
    }

    /** Deliveries the tracking store counts as made. */
    private static int deliveredRows(JdbcTemplate db) {
        Integer rows = db.queryForObject("SELECT count(*) FROM deliveries WHERE status = 'DELIVERED'", Integer.class);
        return rows == null ? 0 : rows;
    }

    /** When the last delivery was made, by the tracking store. */
    private static Optional<Instant> lastDelivery(JdbcTemplate db) {
        Timestamp last = db.queryForObject("SELECT max(delivered_at) FROM deliveries", Timestamp.class);
        return Optional.ofNullable(last).map(Timestamp::toInstant);
    }

    /** The work counted in {@code after} less that in {@code before}, by node and stage. */
    static Map<String, Map<String, Integer>> minus(
            Map<String, Map<String, Integer>> after, Map<String, Map<String, Integer>> before) {
        Map<String, Map<String, Integer>> work = new TreeMap<>();
        after.forEach((node, stages) ->
                stages.forEach((stage, count) -> work.computeIfAbsent(node, k -> new TreeMap<>())
                        .put(stage, count - before.getOrDefault(node, Map.of()).getOrDefault(stage, 0))));
        return work;
    }

    private String labToken() {
        return "khilab-" + run;
    }

    /** Posts the document to the node as the lab would (POST /api/inbound); the answer's status code. */
    private int post(GatewayProcess node, Doc doc) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/inbound"))
                .header("Authorization", "Bearer " + labToken())
                .header("X-Corridor-File-Name", doc.name())
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(samples.content(doc)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The lines every node has logged, in order of the nodes. */
    public GatewayLog log() {
        List<String> lines = new ArrayList<>();
        nodes.forEach(n -> lines.addAll(n.log()));
        return new GatewayLog(lines);
    }

    /** The lines one node has logged. */
    public List<String> log(String node) {
        return node(node).log();
    }

    private void startAll() throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> started = new ArrayList<>();
            for (GatewayProcess node : nodes) {
                started.add(starting.submit(() -> node.start(START)));
            }
            for (Future<?> f : started) {
                f.get();
            }
        } finally {
            starting.shutdownNow();
        }
    }

    /** The node that logs it leads, among {@code candidates}; waits for one. */
    private String awaitLeader(List<GatewayProcess> candidates) {
        return await("a leader among " + candidates.size() + " node(s)")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> leaderOf(candidates), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<String> leaderOf(List<GatewayProcess> candidates) {
        for (GatewayProcess node : candidates) {
            String name = nameOf(node);
            List<String> lines = node.currentLog();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("Node " + name + " does not lead")) {
                    break;
                }
                if (lines.get(i).contains("Node " + name + " now leads")) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    private GatewayProcess node(String name) {
        return nodes.get(Integer.parseInt(name.substring("node-".length())) - 1);
    }

    private String nameOf(GatewayProcess node) {
        return "node-" + (nodes.indexOf(node) + 1);
    }

    private List<String> nodeNames() {
        return nodes.stream().map(this::nameOf).toList();
    }

    /** Documents each node took in (INTAKE), parsed (PARSE) and deliveries it made (DELIVER), from its events. */
    private static Map<String, Map<String, Integer>> workByNode(JdbcTemplate db) {
        Map<String, Map<String, Integer>> work = new TreeMap<>();
        db.query(
                "SELECT node_id, stage, count(DISTINCT document_id || ':' || COALESCE(partner_id, '')) FROM events"
                        + " WHERE stage IN ('INTAKE', 'PARSE', 'DELIVER') GROUP BY node_id, stage",
                rs -> {
                    work.computeIfAbsent(String.valueOf(rs.getString(1)), k -> new TreeMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                });
        return work;
    }

    /** The files taken from the inbox more than once (an intake event each time), with the nodes that took them. */
    private static Map<String, List<String>> takenMoreThanOnce(JdbcTemplate db) {
        Map<String, List<String>> takes = new TreeMap<>();
        db.query(
                "SELECT d.file_name, e.node_id FROM events e JOIN documents d ON d.document_id = e.document_id"
                        + " WHERE e.stage = 'INTAKE' AND d.parent_id IS NULL ORDER BY e.event_id",
                rs -> {
                    takes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        takes.values().removeIf(nodes -> nodes.size() < 2);
        return takes;
    }

    /** A database of its own on the test PostgreSQL server, for the nodes to migrate and share. */
    private SingleConnectionDataSource freshDatabase() {
        EmbeddedPostgres server = TestPostgres.server();
        String name = "cluster_" + run;
        new JdbcTemplate(server.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        databaseUrl = server.getJdbcUrl("postgres", name);
        // one connection for the whole run: a new one per poll would start a backend each time, CPU counted as the
        // server's
        database = new SingleConnectionDataSource(databaseUrl, "postgres", "postgres", true);
        return database;
    }

    /** User and system CPU time a process has used so far (Linux /proc), in seconds. */
    static double cpuSeconds(long pid) {
        return cpuSeconds(pid, false);
    }

    /** As above, with the time of the children it has reaped when {@code withReaped}. */
    private static double cpuSeconds(long pid, boolean withReaped) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return 0;
        }
        // utime, stime, cutime and cstime are fields 14 to 17 of stat; here counted from the state (field 3)
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withReaped) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / 100.0;
    }

    /**
     * CPU time of the test PostgreSQL server, in seconds: its postmaster's own, that of the backends it has already
     * reaped (cutime + cstime, where Linux puts an exited child's time) and that of its live backends, so that a
     * connection closed between two samples is not lost. The postmaster is found as the parent of a backend.
     */
    static double postgresCpuSeconds() {
        long postmaster = postmasterPid();
        double seconds = cpuSeconds(postmaster, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (parentOf(pid) == postmaster) {
                    seconds += cpuSeconds(pid, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }

    private static synchronized long postmasterPid() {
        if (postmaster == 0) {
            // the backend's parent is read while its connection is open: once closed, the backend is gone
            try (Connection connection =
                            TestPostgres.server().getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
                backend.next();
                long parent = parentOf(backend.getLong(1));
                if (parent <= 1) {
                    throw new IllegalStateException(
                            "no postmaster found as the parent of backend " + backend.getLong(1));
                }
                postmaster = parent;
            } catch (SQLException e) {
                throw new IllegalStateException("the test PostgreSQL server did not answer", e);
            }
        }
        return postmaster;
    }

    /** The parent of a process (field 4 of /proc/PID/stat), or -1 when it is gone. */
    private static long parentOf(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    /** The fields of /proc/PID/stat from the state (field 3) on, or null when the process is gone. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.US_ASCII);
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        nodes.forEach(GatewayProcess::close);
        if (database != null) {
            database.destroy();
        }
        if (broker != null) {
            broker.close();
        }
        if (buyer != null) {
            buyer.close();
        }
        if (lab != null) {
            lab.close();
        }
    }
}
