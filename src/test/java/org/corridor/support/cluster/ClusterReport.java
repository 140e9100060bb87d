package org.corridor.support.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What bench/run.sh --nodes N measured, and what it becomes: its section of docs/BENCHMARKS.md, the chart
 * (docs/img/cluster-scaling.svg, hand-written SVG) and the sizing table of docs/DEPLOY.md with its projection to bigger
 * machines. Pure arithmetic and text, apart from the runs ({@link ClusterBench}).
 */
public final class ClusterReport {

    /** The core counts the sizing table projects to. */
    static final int[] CORES = {4, 8, 16};
    /** The rates the sizing table says how many nodes need. */
    static final int[] TARGETS = {100, 500, 1000};
    /** The share of its CPU a node is sized to use at the peak (docs/DEPLOY.md: 50-60 %). */
    static final double LOAD = 0.6;

    /** How the runs were made, for the text. */
    record Context(String date, String machine, String command, String commit, int warmUp, String jvm) {}

    /**
     * One node count's run: {@code documents} measured in {@code seconds} (first drop to last delivery), the CPU seconds
     * the gateway nodes (together), the broker, PostgreSQL and the benchmark's own JVM (the partners' servers, its polling)
     * used meanwhile, each node's work (taken in / processed /
     * deliveries) and whether every document was delivered exactly once.
     */
    record Row(
            int nodes,
            int documents,
            double seconds,
            double gatewayCpu,
            double brokerCpu,
            double postgresCpu,
            double partnersCpu,
            Map<String, int[]> work,
            boolean exactlyOnce,
            String verdict) {

        double docsPerSecond() {
            return documents / seconds;
        }

        double gatewayMs() {
            return gatewayCpu * 1000 / documents;
        }

        double brokerMs() {
            return brokerCpu * 1000 / documents;
        }

        double postgresMs() {
            return postgresCpu * 1000 / documents;
        }

        double partnersMs() {
            return partnersCpu * 1000 / documents;
        }

        /** The cluster's CPU per document: the nodes, the broker and PostgreSQL (not the partners). */
        double totalMs() {
            return gatewayMs() + brokerMs() + postgresMs();
        }

        /** Each node's work, by node name: {@code node-1 1000/980/2400} (taken in / processed / deliveries). */
        String perNode() {
            return new TreeMap<>(work)
                    .entrySet().stream()
                            .map(e -> "%s %d/%d/%d"
                                    .formatted(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                            .collect(Collectors.joining(", "));
        }
    }

    private ClusterReport() {}

    /** Documents/s that {@code cores} cores carry at {@code msPerDocument} of CPU each, every core busy. */
    static double rate(double cores, double msPerDocument) {
        return cores * 1000 / msPerDocument;
    }

    /** Nodes of {@code cores} cores each that {@code rate} documents/s need, each using {@link #LOAD} of its CPU. */
    static int nodesFor(double rate, int cores, double gatewayMsPerDocument) {
        return (int) Math.ceil(rate * gatewayMsPerDocument / 1000 / (cores * LOAD));
    }

    /** Cores a shared server (PostgreSQL, the broker) needs for {@code rate} documents/s at {@link #LOAD} of its CPU. */
    static double coresFor(double rate, double msPerDocument) {
        return rate * msPerDocument / 1000 / LOAD;
    }

    /** The run the projection stands on: the one with the most nodes, whose CPU per document includes their coordination. */
    static Row basis(List<Row> rows) {
        return rows.stream()
                .max((a, b) -> Integer.compare(a.nodes(), b.nodes()))
                .orElseThrow();
    }

    /** The line that ends the output: {@code exactly once: yes (…)} or {@code exactly once: NO (…)}. */
    static String verdict(List<Row> rows) {
        long bad = rows.stream().filter(r -> !r.exactlyOnce()).count();
        int documents = rows.stream().mapToInt(Row::documents).sum();
        if (bad == 0) {
            return "exactly once: yes (%d run(s), %d measured documents and the warm-up's, each delivered once to every recipient)"
                    .formatted(rows.size(), documents);
        }
        return "exactly once: NO (%d of %d run(s) lost, duplicated or left documents: %s)"
                .formatted(
                        bad,
                        rows.size(),
                        rows.stream()
                                .filter(r -> !r.exactlyOnce())
                                .map(r -> r.nodes() + " node(s): " + r.verdict())
                                .collect(Collectors.joining("; ")));
    }

    /** The section of docs/BENCHMARKS.md, between the cluster markers. */
    static String section(List<Row> rows, Context context) {
        StringBuilder s = new StringBuilder();
        s.append("## Scale-out: 1 to %d nodes on one machine (issue 18)\n\n"
                .formatted(basis(rows).nodes()));
        s.append("- Date: ").append(context.date()).append('\n');
        s.append("- Machine: ").append(context.machine()).append('\n');
        s.append("- Command: `")
                .append(context.command())
                .append("`, commit ")
                .append(context.commit())
                .append('\n');
        s.append(("- Each node count on a fresh shared home, a fresh PostgreSQL database and a fresh broker: the nodes"
                        + " (`java -jar corridor.jar`, profile `cluster`, %s), one broker (`corridor.jar broker`, its own"
                        + " JVM), one PostgreSQL 14 server (zonky binaries); partners: the exporter's folder, the buyer over"
                        + " HTTP, the lab over SFTP (in the benchmark's JVM). No node is killed.\n")
                .formatted(context.jvm()));
        s.append(("- Documents: mixed, as the crash campaign's: half lab CSV certificates (to the buyer and the"
                + " exporter), a quarter EDIFACT QALITY and an eighth X12 863 (the same, and an acknowledgement"
                + " to the lab), a quarter export declarations (to the exporter, counted against the quota); one"
                + " certificate posted to each node over HTTP, the rest dropped into the shared inbox.\n"));
        s.append(("- Warm-up: %d documents of their own (other numbers) through the same cluster before the measured"
                        + " drop, not timed and not counted, so that the nodes' JIT has compiled the pipeline.\n")
                .formatted(context.warmUp()));
        s.append("- docs/s: measured documents ÷ time from the first drop to the last delivery (the tracking store's"
                + " `delivered_at`). CPU: user + system time from `/proc`, from just before the first drop to the end"
                + " (all delivered and the nodes quiet for 2 s; startup and warm-up left out); PostgreSQL is its"
                + " postmaster and backends (reaped ones included). Per node: documents taken in / processed (parsed) /"
                + " deliveries made, from the node id on each tracking event.\n\n");
        s.append("![docs/s and CPU per document by node count](img/cluster-scaling.svg)\n\n");
        s.append("| nodes | docs/s | CPU ms/doc gateway (nodes' sum) | broker | PostgreSQL | total | partners"
                + " (benchmark's JVM, not in total) | per node: in / processed / deliveries |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %d | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |\n",
                    r.nodes(),
                    r.docsPerSecond(),
                    r.gatewayMs(),
                    r.brokerMs(),
                    r.postgresMs(),
                    r.totalMs(),
                    r.partnersMs(),
                    r.perNode()));
        }
        s.append("\n**").append(verdict(rows)).append("**\n\n");
        s.append("The partners (the HTTP buyer and the SFTP lab's server, whose SSH encryption is not cheap) and the"
                + " benchmark's polling run in the benchmark's JVM on the same cores: their CPU is shown apart and left"
                + " out of the total, as a real partner's is not Corridor's. These mixed documents cost several times"
                + " the CPU of the single-gateway assay CSV run above (which goes to two folder partners only): EDIFACT"
                + " and X12 parsing, an acknowledgement to the lab over SFTP, an HTTP delivery with its idempotency"
                + " record, the quota count.\n\n");
        Row basis = basis(rows);
        s.append(String.format(
                Locale.ROOT,
                "On this machine every node, the broker, PostgreSQL and the benchmark itself share the same 2 cores, so"
                        + " adding nodes adds no CPU: throughput stays CPU-bound, and the CPU per document rather than"
                        + " docs/s is the figure that carries over. Projection for a bigger machine: documents/s ≈ cores ÷"
                        + " (total CPU s per document) = cores × 1000 ÷ %.2f ms, e.g. %.0f docs/s on 8 cores and %.0f on"
                        + " 16 with everything on one host, or per node %.0f docs/s for each core given to the gateway"
                        + " (%.2f ms/doc) when PostgreSQL and the broker run on hosts of their own. It assumes the work"
                        + " stays CPU-bound (PostgreSQL's and the broker's disks and the shared disk keep up, as they do"
                        + " here), that the CPU per document of the %d-node run (which includes the nodes' coordination:"
                        + " the shared inbox's read locks, the leader checks) holds on more nodes, and every core fully"
                        + " busy; size at %.0f %% instead (docs/DEPLOY.md, Sizing). Runs on this machine vary by about"
                        + " ±20 %%.\n",
                basis.totalMs(),
                rate(8, basis.totalMs()),
                rate(16, basis.totalMs()),
                rate(1, basis.gatewayMs()),
                basis.gatewayMs(),
                basis.nodes(),
                LOAD * 100));
        return s.toString();
    }

    /** DEPLOY.md's sizing table (between the sizing markers): the measured figures and the projection. */
    static String sizing(List<Row> rows, Context context) {
        Row basis = basis(rows);
        StringBuilder s = new StringBuilder();
        s.append("Measured by `%s` on %s (%s; docs/BENCHMARKS.md, Scale-out), all on one machine:\n\n"
                .formatted(context.command(), context.date(), context.machine()));
        s.append("| nodes | documents/s measured | CPU ms/doc gateway (nodes' sum) | broker | PostgreSQL | total |\n");
        s.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %d | %.1f | %.2f | %.2f | %.2f | %.2f |\n",
                    r.nodes(),
                    r.docsPerSecond(),
                    r.gatewayMs(),
                    r.brokerMs(),
                    r.postgresMs(),
                    r.totalMs()));
        }
        s.append(String.format(
                Locale.ROOT,
                "\nProjected from the %d-node run (gateway %.2f, broker %.2f, PostgreSQL %.2f CPU ms per document), nodes"
                        + " sized to use %.0f %% of their CPU at the peak:\n\n",
                basis.nodes(),
                basis.gatewayMs(),
                basis.brokerMs(),
                basis.postgresMs(),
                LOAD * 100));
        s.append("| cores per node | documents/s per node (all cores busy) | at %.0f %%".formatted(LOAD * 100));
        for (int target : TARGETS) {
            s.append(" | nodes for %d docs/s".formatted(target));
        }
        s.append(" |\n| ---: | ---: | ---:");
        s.append(" | ---:".repeat(TARGETS.length)).append(" |\n");
        for (int cores : CORES) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %d | %.0f | %.0f",
                    cores,
                    rate(cores, basis.gatewayMs()),
                    rate(cores, basis.gatewayMs()) * LOAD));
            for (int target : TARGETS) {
                s.append(" | ").append(nodesFor(target, cores, basis.gatewayMs()));
            }
            s.append(" |\n");
        }
        List<String> shared = new ArrayList<>();
        for (int target : TARGETS) {
            shared.add(String.format(
                    Locale.ROOT,
                    "%d docs/s: PostgreSQL %.1f, broker %.1f",
                    target,
                    coresFor(target, basis.postgresMs()),
                    coresFor(target, basis.brokerMs())));
        }
        s.append("\nCores the shared servers need at the same load: ")
                .append(String.join("; ", shared))
                .append(".\n\n");
        s.append(
                "The projection assumes the work stays CPU-bound: PostgreSQL and the broker on hosts of their own, their"
                        + " disks and the shared disk not the limit (here all are local disks on one machine), the CPU per"
                        + " document measured with several nodes holding for more (it includes their coordination), and the"
                        + " partners answering as fast as the local ones of the benchmark. Measured on 2 shared cores, where the"
                        + " nodes compete for the same CPU, so the measured documents/s hardly grow with the nodes; check the"
                        + " projection on the target machine with `bench/run.sh --nodes N`.\n");
        return s.toString();
    }

    /** The chart: documents/s (left) and CPU ms per document by where it is spent (right), by node count. */
    static String svg(List<Row> rows) {
        int width = 720;
        int height = 320;
        int top = 50;
        int plot = 200;
        int bottom = top + plot;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        .formatted(width, height, width, height))
                .append(" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("  <title>Corridor scale-out: documents/s and CPU per document by node count</title>\n");
        s.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");

        double maxRate =
                niceCeiling(rows.stream().mapToDouble(Row::docsPerSecond).max().orElse(1));
        double maxMs = niceCeiling(rows.stream().mapToDouble(Row::totalMs).max().orElse(1));
        panel(s, 60, "documents/s", maxRate, top, plot);
        panel(s, 420, "CPU ms per document", maxMs, top, plot);
        int slot = 240 / Math.max(1, rows.size());
        int bar = Math.min(50, slot * 3 / 5);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int x = 60 + 20 + i * slot + (slot - bar) / 2;
            double h = r.docsPerSecond() / maxRate * plot;
            s.append(rect(x, bottom - h, bar, h, "#3b6ea5"));
            s.append(text(x + bar / 2.0, bottom - h - 4, num(r.docsPerSecond()), "middle"));
            s.append(text(x + bar / 2.0, bottom + 16, r.nodes() + (r.nodes() == 1 ? " node" : " nodes"), "middle"));

            int x2 = 420 + 20 + i * slot + (slot - bar) / 2;
            double y = bottom;
            double[] parts = {r.gatewayMs(), r.brokerMs(), r.postgresMs()};
            String[] colours = {"#3b6ea5", "#e0a030", "#5a9e5a"};
            for (int p = 0; p < parts.length; p++) {
                double ph = parts[p] / maxMs * plot;
                y -= ph;
                s.append(rect(x2, y, bar, ph, colours[p]));
            }
            s.append(text(x2 + bar / 2.0, y - 4, num(r.totalMs()), "middle"));
            s.append(text(x2 + bar / 2.0, bottom + 16, r.nodes() + (r.nodes() == 1 ? " node" : " nodes"), "middle"));
        }
        String[] names = {"gateway nodes", "broker", "PostgreSQL"};
        String[] colours = {"#3b6ea5", "#e0a030", "#5a9e5a"};
        for (int p = 0; p < names.length; p++) {
            int x = 420 + p * 100;
            s.append(rect(x, bottom + 34, 10, 10, colours[p]));
            s.append(text(x + 14, bottom + 43, names[p], "start"));
        }
        s.append(text(60, bottom + 62, "measured on 2 shared cores: CPU-bound, see docs/BENCHMARKS.md", "start"));
        s.append("</svg>\n");
        return s.toString();
    }

    /** A round number at or above {@code value} for an axis: 1, 2 or 5 times a power of ten. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static void panel(StringBuilder s, int left, String title, double max, int top, int plot) {
        int bottom = top + plot;
        s.append(text(left + 140, top - 24, title, "middle"));
        for (int tick = 0; tick <= 4; tick++) {
            double y = bottom - tick * plot / 4.0;
            s.append("  <line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#ddd\"/>\n"
                    .formatted(left, num(y), left + 280, num(y)));
            s.append(text(left - 6, y + 4, trim(max * tick / 4), "end"));
        }
        s.append("  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n"
                .formatted(left, bottom, left + 280, bottom));
    }

    private static String rect(double x, double y, double w, double h, String fill) {
        return "  <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>\n"
                .formatted(num(x), num(y), num(w), num(h), fill);
    }

    private static String text(double x, double y, String text, String anchor) {
        return "  <text x=\"%s\" y=\"%s\" text-anchor=\"%s\">%s</text>\n"
                .formatted(num(x), num(y), anchor, text.replace("&", "&amp;").replace("<", "&lt;"));
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
