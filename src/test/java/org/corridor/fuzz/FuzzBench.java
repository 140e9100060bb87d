package org.corridor.fuzz;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.canonical.ReferenceData;
import org.corridor.formats.FormatCatalog;
import org.corridor.problem.ErrorCode;
import org.corridor.support.ReliabilityDoc;
import org.slf4j.LoggerFactory;

/**
 * The command behind {@code bench/fuzz.sh}: runs {@link ParserCampaign} for every parser with N inputs each, prints a
 * line per parser and a total line, writes the figures into {@code docs/RELIABILITY.md} (between markers, so other
 * campaigns' sections stay), and exits 1 if any input is unexplained. With {@code --replay CAMPAIGN INDEX [SEED]} it
 * makes one input again and says how it ends. A bench command line, hence its console output.
 */
public final class FuzzBench {

    static final String BEGIN = "<!-- fuzz:begin (written by bench/fuzz.sh; a rerun replaces this section) -->";
    static final String END = "<!-- fuzz:end -->";
    static final String GATEWAY_BEGIN =
            "<!-- fuzz-gateway:begin (written by bench/fuzz.sh N M; a rerun with M replaces this section) -->";
    static final String GATEWAY_END = "<!-- fuzz-gateway:end -->";
    static final long DEFAULT_SEED = 20_261_204L;
    private static final long PROGRESS_NANOS = 5_000_000_000L;
    /** Held, so the level set on it stays: JUL keeps loggers only weakly. */
    private static final java.util.logging.Logger STAEDI = java.util.logging.Logger.getLogger("io.xlate");

    private FuzzBench() {}

    /**
     * {@code ROOT N [M]} (N inputs per parser in-process, 0 to skip; M files through the jar) or {@code ROOT --replay
     * CAMPAIGN INDEX [SEED]}; {@code -Dfuzz.seed}, {@code -Dfuzz.commit}.
     */
    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        // StAEDI logs a line per lenient read and per schema loaded: thousands of lines for a campaign
        STAEDI.setLevel(java.util.logging.Level.SEVERE);
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        DefaultCamelContext camel = new DefaultCamelContext();
        FormatCatalog catalog = FormatCatalog.standard(camel, ReferenceData.load());
        ParserCampaign campaign = new ParserCampaign(
                catalog.parsers(), root.resolve("sample-docs"), root.resolve("target/fuzz-failures"));
        int exit;
        try {
            exit = args[1].equals("--replay")
                    ? replay(
                            campaign,
                            args[2],
                            Integer.parseInt(args[3]),
                            args.length > 4 ? Long.parseLong(args[4]) : seed)
                    : campaign(campaign, root, Integer.parseInt(args[1]), seed)
                            | (args.length > 2 ? gateway(campaign, root, Integer.parseInt(args[2]), seed) : 0);
        } finally {
            campaign.close();
            camel.stop();
        }
        System.exit(exit);
    }

    private static int replay(ParserCampaign campaign, String name, int index, long seed) throws IOException {
        System.out.println(campaign.replay(name, seed, index));
        return 0;
    }

    private static int gateway(ParserCampaign campaign, Path root, int files, long seed) throws Exception {
        GatewayFuzz.Result result = new GatewayFuzz(
                        root, root.resolve("target/corridor.jar"), root.resolve("target/fuzz-gateway"))
                .run(campaign, files, seed);
        System.out.println(GatewayFuzz.describe(result));
        result.unexplained().stream().limit(20).forEach(u -> System.out.println("    unexplained " + u));
        Path doc = root.resolve("docs/RELIABILITY.md");
        ReliabilityDoc.writeSection(doc, GATEWAY_BEGIN, GATEWAY_END, GatewayFuzz.section(result, seed));
        System.out.println("Written to " + doc);
        return result.unexplained().isEmpty() && result.healthNotUp() == 0 ? 0 : 1;
    }

    private static int campaign(ParserCampaign campaign, Path root, int perParser, long seed) throws IOException {
        if (perParser == 0) {
            return 0; // only the gateway part; the per-parser section stays as it is
        }
        if (!campaign.parsersWithoutSamples().isEmpty()) {
            System.out.println("No sample in sample-docs/ is read by " + campaign.parsersWithoutSamples()
                    + ": add one (and a BAD_ one) so the parser is fuzzed.");
            return 1;
        }
        campaign.unassigned().forEach(p -> System.out.println("  (no parser reads " + p + "; it seeds nothing)"));
        System.out.printf(
                Locale.ROOT,
                "Fuzzing %d parser campaigns, %,d inputs each, seed %d, max heap %d MB%n",
                campaign.campaigns().size(),
                perParser,
                seed,
                Runtime.getRuntime().maxMemory() >> 20);
        List<ParserCampaign.Result> results = new ArrayList<>();
        for (String name : campaign.campaigns()) {
            long[] lastReport = {System.nanoTime()};
            ParserCampaign.Result result = campaign.run(name, perParser, seed, true, index -> {
                long now = System.nanoTime();
                if (now - lastReport[0] > PROGRESS_NANOS) {
                    lastReport[0] = now;
                    System.out.printf(Locale.ROOT, "  %s: %,d / %,d%n", name, index + 1, perParser);
                }
            });
            results.add(result);
            System.out.println(line(result));
            result.unexplained().stream().limit(10).forEach(u -> System.out.println("    unexplained " + u));
        }
        int inputs = results.stream().mapToInt(ParserCampaign.Result::inputs).sum();
        int unexplained = results.stream().mapToInt(r -> r.unexplained().size()).sum();
        String total = String.format(
                Locale.ROOT, "%d parser campaigns, %,d inputs, %d unexplained", results.size(), inputs, unexplained);
        System.out.println(total);
        Path doc = root.resolve("docs/RELIABILITY.md");
        ReliabilityDoc.writeSection(doc, BEGIN, END, section(results, perParser, seed, total));
        System.out.println("Written to " + doc);
        return unexplained == 0 ? 0 : 1;
    }

    static String line(ParserCampaign.Result r) {
        return String.format(
                Locale.ROOT,
                "%-26s %,9d inputs  %,8d documents  %,9d refusals  %d unexplained  slowest %d ms (#%d)  heap %d MB"
                        + " (%d MB after GC)  %.0f s",
                r.campaign(),
                r.inputs(),
                r.documents(),
                r.refused(),
                r.unexplained().size(),
                r.slowestCpuMillis(),
                r.slowestIndex(),
                r.maxHeapUsedBytes() >> 20,
                r.maxHeapAfterGcBytes() >> 20,
                r.elapsedNanos() / 1e9);
    }

    static String section(List<ParserCampaign.Result> results, int perParser, long seed, String total) {
        StringBuilder s = new StringBuilder();
        s.append("## Fuzzing: every parser\n\n");
        s.append(String.format(
                Locale.ROOT,
                "`bench/fuzz.sh %d` on %s, commit `%s`, seed %d: **%,d mutated inputs per parser**; Java %s, %d cores,"
                        + " `-Xmx%dm`.\n\n",
                perParser,
                LocalDate.now(ZoneOffset.UTC),
                System.getProperty("fuzz.commit", "unknown"),
                seed,
                perParser,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20));
        s.append("Each parser of `formats.FormatCatalog` (EDI once per syntax) is fed mutants of the files of"
                + " `sample-docs/` it reads, good and `BAD_`: one to three seeded mutations each (flipped, inserted and"
                + " cut bytes, spliced files, swapped delimiters and segment tags, deep nesting, control characters,"
                + " huge numbers, broken encodings, moved lines; `src/test/java/org/corridor/fuzz/Mutations.java`)."
                + " Each input is detected and parsed as the gateway reads a received file, and must end as documents"
                + " or as a refusal with a code of `problem.ErrorCode`, within 1 s of CPU time. Anything else is"
                + " *unexplained*; the input is kept in `target/fuzz-failures/` with what happened.\n\n");
        s.append("| Parser | Inputs | Documents | Refusals | Top refusal codes | Unexplained | Slowest (ms CPU, input)"
                + " | Over 1 s | Heap used, max (MB) | Heap after GC, max (MB) |\n");
        s.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (ParserCampaign.Result r : results) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %,d | %s | %d | %d (#%d) | %d | %d | %d |\n",
                    r.campaign(),
                    r.inputs(),
                    r.documents(),
                    r.refused(),
                    top(r.topRefusals(3)),
                    r.unexplained().size(),
                    r.slowestCpuMillis(),
                    r.slowestIndex(),
                    r.overBound(),
                    r.maxHeapUsedBytes() >> 20,
                    r.maxHeapAfterGcBytes() >> 20));
        }
        s.append("\n**").append(total).append(".**\n\n");
        s.append("An input over 1 s of CPU counts as unexplained too. The heap is sampled between inputs: the most in"
                + " use, and the most still live after a collection (the heap is collected before each parser's"
                + " campaign). Replay one input, for instance the slowest:"
                + " `bench/fuzz.sh --replay PARSER INDEX [SEED]` writes it to `target/fuzz-failures/` and says how it"
                + " ended. A short version (`ParserCampaignTest`, 300 inputs per parser) runs in `mvn verify`.\n");
        return s.toString();
    }

    private static String top(List<Map.Entry<ErrorCode, Integer>> codes) {
        return codes.stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
