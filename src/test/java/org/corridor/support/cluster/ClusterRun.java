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
import java.time.Duration;
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
import java.util.stream.Stream;
import javax.sql.DataSource;
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
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
            Map<String, Double> cpuSeconds) {

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

    private final Path root;
    private final int nodeCount;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CrashDocuments samples = new CrashDocuments(Path.of("sample-docs"));
    private final List<GatewayProcess> nodes = new ArrayList<>();
    private final Map<String, Double> cpuAtKill = new TreeMap<>();
    private BrokerProcess broker;
    private PartnerHttpServer buyer;
    private SftpPartnerServer lab;
    private DataSource database;
    private String databaseUrl;

    public ClusterRun(Path root, int nodeCount) {
        this.root = root.toAbsolutePath();
        this.nodeCount = nodeCount;
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
        startAll();
        String leaderBefore = awaitLeader(nodes);

        List<Doc> dropped = CrashDocuments.documents(1, documents, true);
        int expected = dropped.stream().mapToInt(d -> d.kind().deliveries()).sum();
        long began = System.nanoTime();
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
        Duration settle = Duration.ofSeconds(240 + documents / 5);
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
        await("every document at its partners")
                .atMost(settle)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> PartnerOutputs.read(home(), buyer, lab.folder("incoming"), dropped)
                        .hasEverything(dropped));
        Duration dropToDelivered = Duration.ofNanos(System.nanoTime() - began);
        if (killLeader) {
            await("the probe taken from the SFTP folder")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> !Files.exists(lab.folder("probe").resolve(PROBE)));
        }
        await("the nodes quiet")
                .atMost(settle)
                .until(() -> nodes.stream().filter(GatewayProcess::isRunning).allMatch(g -> g.quietFor(QUIET)));

        Map<String, Double> cpu = new TreeMap<>(cpuAtKill);
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.get(n).isRunning()) {
                cpu.put("node-" + (n + 1), cpuSeconds(nodes.get(n).pid()));
            }
        }
        cpu.put("broker", cpuSeconds(broker.pid()));
        PartnerOutputs outputs = PartnerOutputs.read(home(), buyer, lab.folder("incoming"), dropped);
        DurabilityAudit audit = new DurabilityAudit(dropped).partners(outputs, log());
        for (GatewayProcess node : nodes) {
            if (node.isRunning()) {
                node.stop();
            }
        }
        JdbcTemplate db = new JdbcTemplate(database);
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
                workByNode(db),
                leaderBefore,
                killed,
                leaderAfter,
                probeTakenBy,
                httpAnswers,
                takenMoreThanOnce(db),
                findings,
                dropToDelivered,
                cpu);
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
    private DataSource freshDatabase() {
        EmbeddedPostgres server = TestPostgres.server();
        String name = "cluster_" + run;
        new JdbcTemplate(server.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        databaseUrl = server.getJdbcUrl("postgres", name);
        return new DriverManagerDataSource(databaseUrl, "postgres", "postgres");
    }

    /** User and system CPU time a process has used so far (Linux /proc), in seconds. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat; here counted from the state (field 3)
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / 100.0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** CPU time of every PostgreSQL process of this machine, in seconds (the run's server is the only busy one). */
    static double postgresCpuSeconds() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).strip().startsWith("postgres");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToDouble(p -> cpuSeconds(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(GatewayProcess::close);
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
