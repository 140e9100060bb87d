package org.corridor.support.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.corridor.support.CampaignMain;
import org.corridor.support.ReliabilityDoc;
import org.corridor.support.cluster.ClusterReport.Row;
import org.corridor.support.crash.DurabilityAudit.Finding;

/**
 * The scale-out benchmark behind {@code bench/run.sh --nodes N [DOCS]}: a cluster ({@link ClusterRun}) of 1, then 2, …
 * N nodes, each on a fresh home, database and broker, no kill; a warm-up of its own first, then DOCS measured
 * documents. Prints the progress and a line per node count (documents/s, CPU per document of the nodes, the broker and
 * PostgreSQL, each node's work, whether every document was delivered exactly once), ends with {@code exactly once: yes
 * (…)} or {@code exactly once: NO (…)} (exit status 1); writes its section of docs/BENCHMARKS.md, the chart
 * docs/img/cluster-scaling.svg and the sizing table of docs/DEPLOY.md.
 *
 * <p>Run from the project folder (the nodes read routes/ and sample-docs/ from there), on the test class path, with
 * {@code -Dcorridor.jar=target/corridor.jar}: {@code java -cp ... org.corridor.support.cluster.ClusterBench N [DOCS]}.
 */
public final class ClusterBench {

    private static final PrintStream OUT = System.out;
    /** The cluster under way, closed if the benchmark itself is stopped. */
    private static volatile ClusterRun running;

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ClusterBench NODES [DOCS]");
            System.exit(2);
        }
        CampaignMain.prepare(() -> null);
        // no node or broker left running when the benchmark is stopped (Ctrl-C)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ClusterRun cluster = running;
            if (cluster != null) {
                cluster.close();
            }
        }));
        int maxNodes = Integer.parseInt(args[0]);
        int documents = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int warmUp = Integer.getInteger("cluster.warmup", 500);
        Path root = Path.of("target", "cluster-bench", "run-" + System.currentTimeMillis())
                .toAbsolutePath();
        OUT.printf(
                Locale.ROOT,
                "Cluster benchmark: 1 to %d node(s), %d documents each after a warm-up of %d, homes under %s%n",
                maxNodes,
                documents,
                warmUp,
                root);

        List<Row> rows = new ArrayList<>();
        for (int nodes = 1; nodes <= maxNodes; nodes++) {
            OUT.printf(Locale.ROOT, "%n%d node(s): starting the broker, a fresh database and the nodes%n", nodes);
            try (ClusterRun cluster = new ClusterRun(root.resolve("nodes-" + nodes), nodes, warmUp, OUT::println)) {
                running = cluster;
                ClusterRun.Result result = cluster.run(documents, false);
                Row row = row(result);
                rows.add(row);
                OUT.printf(
                        Locale.ROOT,
                        "%d node(s): %d documents in %.1f s = %.1f docs/s; CPU ms/doc: gateway %.2f, broker %.2f,"
                                + " PostgreSQL %.2f, total %.2f (partners, in this JVM: %.2f)%n",
                        nodes,
                        row.documents(),
                        row.seconds(),
                        row.docsPerSecond(),
                        row.gatewayMs(),
                        row.brokerMs(),
                        row.postgresMs(),
                        row.totalMs(),
                        row.partnersMs());
                OUT.printf(Locale.ROOT, "  per node (taken in / processed / deliveries): %s%n", row.perNode());
                OUT.printf(
                        Locale.ROOT,
                        "  %d node(s): every document delivered exactly once: %s%n",
                        nodes,
                        row.exactlyOnce() ? "yes" : "NO (" + row.verdict() + ")");
            } finally {
                running = null;
            }
        }

        String commit = System.getProperty("cluster.commit", "unknown");
        ClusterReport.Context context = new ClusterReport.Context(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                machine(),
                "bench/run.sh --nodes %d %d".formatted(maxNodes, documents)
                        + (warmUp == 500 ? "" : " (CLUSTER_WARMUP=" + warmUp + ")"),
                commit,
                warmUp,
                Boolean.getBoolean("corridor.process.full-jit")
                        ? "each -Xmx512m, SerialGC, both JIT compilers"
                        : "each -Xmx512m, SerialGC, C1 only (-XX:TieredStopAtLevel=1)");
        write(rows, context);
        String verdict = ClusterReport.verdict(rows);
        OUT.println();
        OUT.println(verdict);
        System.exit(rows.stream().allMatch(Row::exactlyOnce) ? 0 : 1);
    }

    /** One node count's figures from its run. */
    static Row row(ClusterRun.Result result) {
        Map<String, int[]> work = new TreeMap<>();
        for (String node : result.nodes()) {
            work.put(
                    node,
                    new int[] {result.work(node, "INTAKE"), result.work(node, "PARSE"), result.work(node, "DELIVER")});
        }
        List<String> problems = new ArrayList<>();
        result.findings().forEach((finding, what) -> {
            if (finding != Finding.RESENT_SAME_KEY && !what.isEmpty()) {
                problems.add(what.size() + " " + finding.name().toLowerCase(Locale.ROOT) + ", e.g. " + what.get(0));
            }
        });
        if (!result.takenTwiceByLiveNodes().isEmpty()) {
            problems.add(result.takenTwiceByLiveNodes().size() + " file(s) taken by two nodes: "
                    + result.takenTwiceByLiveNodes().entrySet().iterator().next());
        }
        return new Row(
                result.nodes().size(),
                result.documents(),
                result.dropToDelivered().toMillis() / 1000.0,
                result.gatewayCpuUsed(),
                result.cpuUsed("broker"),
                result.cpuUsed("postgres"),
                result.cpuUsed("partners"),
                work,
                problems.isEmpty(),
                problems.isEmpty() ? "every document delivered once" : String.join("; ", problems));
    }

    private static void write(List<Row> rows, ClusterReport.Context context) throws IOException {
        Path benchmarks = Path.of("docs", "BENCHMARKS.md");
        ReliabilityDoc.writeSection(
                benchmarks, "<!-- cluster:begin -->", "<!-- cluster:end -->", ClusterReport.section(rows, context));
        Path chart = Path.of("docs", "img", "cluster-scaling.svg");
        Files.createDirectories(chart.getParent());
        Files.writeString(chart, ClusterReport.svg(rows), StandardCharsets.UTF_8);
        Path deploy = Path.of("docs", "DEPLOY.md");
        ReliabilityDoc.writeSection(
                deploy, "<!-- sizing:begin -->", "<!-- sizing:end -->", ClusterReport.sizing(rows, context));
        OUT.println();
        OUT.println("Wrote " + benchmarks.toAbsolutePath() + ", " + chart.toAbsolutePath() + " and "
                + deploy.toAbsolutePath() + " (Sizing)");
    }

    private static String machine() {
        String cpu = value(Path.of("/proc/cpuinfo"), "model name", ":").orElse("unknown CPU");
        long memKb = Long.parseLong(value(Path.of("/proc/meminfo"), "MemTotal", ":")
                .orElse("0 kB")
                .replace("kB", "")
                .trim());
        String os = value(Path.of("/etc/os-release"), "PRETTY_NAME", "=")
                .orElse("unknown OS")
                .replace("\"", "");
        return String.format(
                Locale.ROOT,
                "%d CPUs (nproc; %s), %.1f GiB RAM, %s, Java %s",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memKb / 1024.0 / 1024.0,
                os,
                System.getProperty("java.version"));
    }

    private static Optional<String> value(Path file, String key, String separator) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(separator) + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
