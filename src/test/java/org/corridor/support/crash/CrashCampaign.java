package org.corridor.support.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.corridor.support.CampaignMain;
import org.corridor.support.GatewayProcess;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.ReliabilityDoc;
import org.corridor.support.SftpPartnerServer;
import org.corridor.support.crash.CrashDocuments.Doc;
import org.corridor.support.crash.DurabilityAudit.Finding;

/**
 * The kill -9 campaign behind bench/crash.sh: TRIALS trials, each on a fresh home with a folder partner (the exporter),
 * an HTTP partner (the buyer, a local server recording every request and its Idempotency-Key) and an SFTP partner
 * (the lab, MINA SSHD in-process, which receives the acknowledgements); DOCS documents per trial, the gateway killed
 * with SIGKILL at a seeded random moment of intake, processing or delivery in turn, started again and left until
 * quiet, then checked by {@link DurabilityAudit}, the same check KillNineDurabilityTest makes. Prints a line per trial
 * and ends with {@code N/N trials: X lost, Y duplicated, Z inconsistent}; writes its section of docs/RELIABILITY.md;
 * exits 1 when anything was lost, duplicated, stuck, in error or inconsistent.
 *
 * <p>Run from the project folder (the gateway reads routes/ and sample-docs/ from there), on the test class path:
 * {@code java -cp ... org.corridor.support.crash.CrashCampaign TRIALS [DOCS]}.
 */
public final class CrashCampaign {

    private static final String BEGIN = "<!-- crash:begin -->";
    private static final String END = "<!-- crash:end -->";
    private static final String[] PHASES = {"intake", "processing", "delivery"};
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration QUIET = Duration.ofMillis(2000);

    /** One trial's figures. */
    record Row(
            int trial,
            String phase,
            String killedAt,
            int inputs,
            int delivered,
            int[] lost,
            int[] duplicated,
            int resentSameKey,
            int stuck,
            int inError,
            List<String> inconsistent,
            Duration took) {

        int lostTotal() {
            return lost[0] + lost[1] + lost[2];
        }

        int duplicatedTotal() {
            return duplicated[0] + duplicated[1] + duplicated[2];
        }
    }

    private final int trials;
    private final int docs;
    private final long seed;
    private final Path root;
    private final Duration settle;
    private final CrashDocuments samples = new CrashDocuments(Path.of("sample-docs"));
    private final PrintStream out = System.out;
    /** The gateway of the trial under way, killed if the campaign itself is stopped (Ctrl-C) so none is left behind. */
    private static volatile GatewayProcess running;

    private CrashCampaign(int trials, int docs, long seed, Path root) {
        this.trials = trials;
        this.docs = docs;
        this.seed = seed;
        this.root = root;
        // on a shared 2-core machine a restarted gateway takes ~0.2 s per document to catch up; generous on purpose
        this.settle = Duration.ofSeconds(Long.getLong("crash.settle-seconds", 180 + docs));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CrashCampaign TRIALS [DOCS]");
            System.exit(2);
        }
        CampaignMain.prepare(() -> running);
        int trials = Integer.parseInt(args[0]);
        int docs = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        long seed = Long.getLong("crash.seed", 15L);
        Path root =
                Path.of("target", "crash", "run-" + System.currentTimeMillis()).toAbsolutePath();
        CrashCampaign campaign = new CrashCampaign(trials, docs, seed, root);
        List<Row> rows = campaign.run();
        String summary = summary(rows, trials);
        campaign.writeReport(rows, summary);
        boolean clean = rows.stream()
                .allMatch(r -> r.lostTotal() == 0
                        && r.duplicatedTotal() == 0
                        && r.stuck == 0
                        && r.inError == 0
                        && r.inconsistent.isEmpty());
        System.out.println(summary);
        System.exit(clean && rows.size() == trials ? 0 : 1);
    }

    private List<Row> run() {
        out.printf(
                Locale.ROOT,
                "Crash campaign: %d trials x %d documents, seed %d, homes under %s%n",
                trials,
                docs,
                seed,
                root);
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            String phase = PHASES[(t - 1) % PHASES.length];
            double fraction = random.nextDouble();
            Row row = trial(t, phase, fraction);
            rows.add(row);
            out.printf(
                    Locale.ROOT,
                    "trial %d/%d (%s, killed at %s): %d inputs, %d delivered, %d lost, %d duplicated,"
                            + " %d resent same key, %d stuck, %d in error, %s (%d s)%n",
                    t,
                    trials,
                    phase,
                    row.killedAt,
                    row.inputs,
                    row.delivered,
                    row.lostTotal(),
                    row.duplicatedTotal(),
                    row.resentSameKey,
                    row.stuck,
                    row.inError,
                    row.inconsistent.isEmpty() ? "consistent" : "INCONSISTENT: " + row.inconsistent,
                    row.took.toSeconds());
        }
        return rows;
    }

    /** One trial on a fresh home: drop, kill at the moment {@code fraction} of the phase, restart, settle, audit. */
    private Row trial(int t, String phase, double fraction) {
        long began = System.nanoTime();
        Path home = root.resolve("trial-" + t);
        List<Doc> dropped = CrashDocuments.documents(t, docs, true);
        int expected = dropped.stream().mapToInt(d -> d.kind().deliveries()).sum();
        // how far into the phase: intake 5-90 % of files, processing 1-40 % of renderings, delivery 10-90 %
        Predicate<GatewayLog> killWhen = switch (phase) {
            case "intake" -> log -> log.received(t) >= Math.max(1, (int) (docs * (0.05 + 0.85 * fraction)));
            case "processing" -> log -> log.rendered(t) >= Math.max(1, (int) (expected * (0.01 + 0.39 * fraction)));
            default -> log -> log.delivered(t) >= Math.max(1, (int) (expected * (0.1 + 0.8 * fraction)));
        };
        List<String> notes = new ArrayList<>();
        try (PartnerHttpServer buyer = new PartnerHttpServer();
                SftpPartnerServer lab =
                        new SftpPartnerServer(root.resolve("trial-" + t + "-sftp"), "khilab", "pw-" + t);
                GatewayProcess gateway = new GatewayProcess(home, Map.of(), arguments(buyer, lab))) {
            running = gateway;
            gateway.start(START);
            for (Doc doc : dropped) {
                samples.drop(home, doc.name(), samples.content(doc));
            }
            try {
                await("the moment to kill")
                        .atMost(settle)
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> killWhen.test(new GatewayLog(gateway.currentLog())));
            } catch (ConditionTimeoutException e) {
                notes.add("the kill moment never came within " + settle.toSeconds() + " s");
            }
            gateway.kill();
            GatewayLog atKill = new GatewayLog(gateway.log());
            String killedAt = "%d/%d received, %d/%d rendered, %d/%d delivered"
                    .formatted(atKill.received(t), docs, atKill.rendered(t), expected, atKill.delivered(t), expected);

            gateway.start(START);
            try {
                await("every document at its partners")
                        .atMost(settle)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> PartnerOutputs.read(home, buyer, lab.folder("incoming"), dropped)
                                .hasEverything(dropped));
                await("the gateway quiet").atMost(settle).until(() -> gateway.quietFor(QUIET));
            } catch (ConditionTimeoutException e) {
                notes.add("not everything delivered within " + settle.toSeconds() + " s of the restart");
            }
            PartnerOutputs outputs = PartnerOutputs.read(home, buyer, lab.folder("incoming"), dropped);
            DurabilityAudit audit = new DurabilityAudit(dropped).partners(outputs, new GatewayLog(gateway.log()));
            gateway.stop();
            audit.trackingOfStopped(outputs, home, null);
            List<String> inconsistent = new ArrayList<>(notes);
            inconsistent.addAll(audit.get(Finding.INCONSISTENT));
            int delivered = (int) dropped.stream()
                    .filter(d -> outputs.hasEverything(List.of(d)))
                    .count();
            Row row = new Row(
                    t,
                    phase,
                    killedAt,
                    dropped.size(),
                    delivered,
                    byPartner(audit.get(Finding.LOST)),
                    byPartner(audit.get(Finding.DUPLICATED)),
                    audit.get(Finding.RESENT_SAME_KEY).size(),
                    audit.get(Finding.STUCK).size(),
                    audit.get(Finding.IN_ERROR).size(),
                    inconsistent,
                    Duration.ofNanos(System.nanoTime() - began));
            keepForInspection(t, audit, home, buyer);
            return row;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The gateway's arguments in a kill -9 trial: the buyer over HTTP, the lab over SFTP, quick intake and redelivery
     * (also {@code KillNineDurabilityTest}'s).
     */
    public static List<String> arguments(PartnerHttpServer buyer, SftpPartnerServer lab) {
        List<String> arguments = new ArrayList<>(List.of(
                "--corridor.partners.USSMUS.channel=HTTP",
                "--corridor.partners.USSMUS.url=" + buyer.url("/corridor/inbound"),
                "--corridor.intake.read-lock-min-age-ms=100",
                "--corridor.intake.read-lock-check-interval-ms=20",
                "--corridor.intake.poll-delay-ms=100",
                "--corridor.delivery.redelivery-delay-ms=100",
                "--camel.main.shutdown-timeout=10"));
        arguments.addAll(lab.partnerArguments("KHILAB", "incoming"));
        return arguments;
    }

    /** Findings counted by partner: the exporter's folder, the buyer (HTTP), the lab (SFTP). */
    private static int[] byPartner(List<String> findings) {
        int[] counts = new int[3];
        for (String finding : findings) {
            if (finding.contains("exporter's folder")) {
                counts[0]++;
            } else if (finding.contains("buyer")) {
                counts[1]++;
            } else {
                counts[2]++;
            }
        }
        return counts;
    }

    /** A clean trial's home, SFTP folder and logs are deleted; a trial with findings keeps them, beside what was found. */
    private void keepForInspection(int t, DurabilityAudit audit, Path home, PartnerHttpServer buyer)
            throws IOException {
        StringBuilder text = new StringBuilder();
        audit.findings()
                .forEach((finding, what) -> what.forEach(
                        w -> text.append(finding).append(": ").append(w).append('\n')));
        Files.writeString(root.resolve("trial-" + t + "-findings.txt"), text.toString(), StandardCharsets.UTF_8);
        if (audit.clean()) {
            for (Path dir : List.of(home, root.resolve("trial-" + t + "-sftp"), root.resolve("trial-" + t + "-logs"))) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    static String summary(List<Row> rows, int trials) {
        return "%d/%d trials: %d lost, %d duplicated, %d inconsistent"
                .formatted(
                        rows.size(),
                        trials,
                        rows.stream().mapToInt(Row::lostTotal).sum(),
                        rows.stream().mapToInt(Row::duplicatedTotal).sum(),
                        rows.stream()
                                .filter(r -> !r.inconsistent.isEmpty() || r.stuck > 0 || r.inError > 0)
                                .count());
    }

    /** Replaces the campaign's section of docs/RELIABILITY.md (between its markers), creating the file if missing. */
    private void writeReport(List<Row> rows, String summary) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("## Crash campaign: kill -9\n\n");
        s.append("`bench/crash.sh %d %d` on %s, commit %s, seed %d: %d trial(s) of %d documents each (%s).\n\n"
                .formatted(
                        trials,
                        docs,
                        LocalDate.now(),
                        System.getProperty("crash.commit", "unknown"),
                        seed,
                        rows.size(),
                        docs,
                        machine()));
        s.append("Each trial starts the gateway on a fresh home, in a JVM of its own, with three partners: the exporter"
                + " FWOPK on a folder, the buyer USSMUS over HTTP (a local server recording every request with its"
                + " Idempotency-Key) and the lab KHILAB over SFTP (Apache MINA SSHD, in-process), which receives the"
                + " CONTRL and 997 acknowledgements. The documents are distinct lab CSV certificates (to buyer and"
                + " exporter), EDIFACT QALITY and X12 863 interchanges (the same, and an acknowledgement to the lab)"
                + " and PSW export declarations (to the exporter, counted against the copper quota and permit). The"
                + " gateway is killed with SIGKILL at a seeded random moment of intake, processing or delivery in"
                + " turn, started again and left until every document is at its partners and it has logged nothing"
                + " for 2 s; then the partners' copies, the gateway's log and the tracking store are checked by"
                + " `DurabilityAudit`, the same check `KillNineDurabilityTest` (3 trials of 40 documents) makes in"
                + " `mvn verify`.\n\n");
        s.append("- **lost**: a partner lacks a copy (folder / HTTP / SFTP); **duplicated**: a second file, or an HTTP"
                + " request under a *different* Idempotency-Key; **resent, same key**: the buyer got a request again"
                + " under the same key; **stuck** / **in error**: documents or deliveries neither delivered nor"
                + " finished, or failed; **consistent**: one tracking row per file, every document and delivery the"
                + " partners have DELIVERED, control number counters past every number written, one record per"
                + " interchange received, one acknowledgement per interchange, each declaration counted once in the"
                + " quota ledger.\n\n");
        s.append("| trial | killed during | at the kill | inputs | delivered | lost (folder/HTTP/SFTP)"
                + " | duplicated (folder/HTTP/SFTP) | resent, same key | stuck | in error | consistent |\n");
        s.append("|---:|---|---|---:|---:|---|---|---:|---:|---:|---|\n");
        for (Row r : rows) {
            s.append("| %d | %s | %s | %d | %d | %d/%d/%d | %d/%d/%d | %d | %d | %d | %s |\n"
                    .formatted(
                            r.trial,
                            r.phase,
                            r.killedAt,
                            r.inputs,
                            r.delivered,
                            r.lost[0],
                            r.lost[1],
                            r.lost[2],
                            r.duplicated[0],
                            r.duplicated[1],
                            r.duplicated[2],
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
                                                    .replace("|", "/")));
        }
        s.append("\n**").append(summary).append("**\n\n");
        int resent = rows.stream().mapToInt(Row::resentSameKey).sum();
        s.append(("What an HTTP partner may see twice: a request the gateway sent but whose answer it had not recorded"
                        + " when it was killed is sent again after the restart, with the same body and the same"
                        + " `Idempotency-Key` (`<document id>:<partner id>`), so the partner can recognise it. This"
                        + " campaign saw %d such resends%s; a resend under a different key would count as duplicated"
                        + " above, as would a second file at the folder or SFTP partner.\n\n")
                .formatted(resent, resent == 0 ? "" : ", every one under the same key"));
        long perTrial = rows.isEmpty()
                ? 0
                : rows.stream().mapToLong(r -> r.took.toSeconds()).sum() / rows.size();
        s.append(
                ("A trial took %d s on average here. The full campaign, 30 trials of 500 documents: `bench/crash.sh 30`"
                                + " (`CRASH_SEED=n` for other kill moments).\n")
                        .formatted(perTrial));
        Path file = Path.of("docs", "RELIABILITY.md");
        ReliabilityDoc.writeSection(file, BEGIN, END, s.toString());
        out.println("Wrote " + file.toAbsolutePath());
    }

    private static String machine() {
        return "%d cores, %s, Java %s"
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                        System.getProperty("java.version"));
    }
}
