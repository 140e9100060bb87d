package org.corridor.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.detect.ContentDetector;
import org.corridor.detect.Detection;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.DocumentReader;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;

/**
 * The per-parser fuzz campaign: each parser of the catalog is fed mutants of its own samples and BAD_ files (those it
 * reads when unmutated), through detection and parsing as the gateway reads a received file. Every input must end as
 * documents or as a refusal with a code of {@link ErrorCode}; anything else (an exception, an error, a hang, no
 * document without a reason, and in a full campaign more than {@link #SLOW} of CPU) is unexplained, and the input is
 * kept in the failures folder with what happened. The same seed, parser and index give the same input, so any of them
 * can be replayed ({@link #replay}).
 */
final class ParserCampaign {

    /** The bound on one input's parse: a campaign figure, judged on the parsing thread's CPU time (not the load). */
    static final Duration SLOW = Duration.ofSeconds(1);
    /** An input still parsing after this is abandoned and counted as hung. */
    private static final Duration HUNG = Duration.ofSeconds(30);

    private final List<DocumentParser> parsers;
    private final DocumentReader reader;
    private final Path failures;
    private final Map<String, List<Path>> samplesByParser = new LinkedHashMap<>();
    private final Map<String, DocumentParser> parserByLabel = new LinkedHashMap<>();
    private final List<Path> unassigned = new ArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private ExecutorService worker = newWorker();

    /**
     * Sorts the samples under {@code samples} by the parser that reads them. A sample no parser reads (an empty file, a
     * bogus encoding) seeds the parsers that read its neighbours: same folder, same extension.
     */
    ParserCampaign(List<DocumentParser> parsers, Path samples, Path failures) throws IOException {
        this.parsers = List.copyOf(parsers);
        this.reader = new DocumentReader(new ContentDetector(), parsers);
        this.failures = failures;
        List<Path> files = samples(samples);
        Map<Path, String> labels = new LinkedHashMap<>();
        Map<DocumentParser, List<String>> formats = new LinkedHashMap<>();
        Map<Path, Object[]> read = new LinkedHashMap<>();
        for (Path file : files) {
            Optional<Object[]> found = readerOf(Files.readAllBytes(file));
            if (found.isPresent()) {
                read.put(file, found.get());
                DocumentParser parser = (DocumentParser) found.get()[0];
                String format = (String) found.get()[1];
                List<String> known = formats.computeIfAbsent(parser, p -> new ArrayList<>());
                if (!known.contains(format)) {
                    known.add(format);
                }
            } else {
                unassigned.add(file);
            }
        }
        // a parser that reads several formats (EDI: EDIFACT and X12) gets one campaign per format
        for (DocumentParser parser : this.parsers) {
            for (String format : formats.getOrDefault(parser, List.of())) {
                String label =
                        parser.getClass().getSimpleName() + (formats.get(parser).size() > 1 ? "/" + format : "");
                samplesByParser.put(label, new ArrayList<>());
                parserByLabel.put(label, parser);
            }
        }
        read.forEach((file, found) -> {
            DocumentParser parser = (DocumentParser) found[0];
            String label =
                    parser.getClass().getSimpleName() + (formats.get(parser).size() > 1 ? "/" + found[1] : "");
            samplesByParser.get(label).add(file);
            labels.put(file, label);
        });
        for (java.util.Iterator<Path> it = unassigned.iterator(); it.hasNext(); ) {
            Path file = it.next();
            List<String> neighbours = labels.entrySet().stream()
                    .filter(e -> e.getKey().getParent().equals(file.getParent())
                            && extension(e.getKey()).equals(extension(file)))
                    .map(Map.Entry::getValue)
                    .distinct()
                    .toList();
            neighbours.forEach(label -> samplesByParser.get(label).add(file));
            if (!neighbours.isEmpty()) {
                it.remove();
            }
        }
    }

    /**
     * Every sample in {@code root}, good and BAD_, but not agreements, partners, prices or expected refusals; the expected
     * outputs of good samples are canonical JSON, an input too.
     */
    static List<Path> samples(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(root.resolve("agreements")))
                    .filter(p -> !p.startsWith(root.resolve("partners")))
                    // price files are settlement input, read by PriceFileReader, not by a document parser
                    .filter(p -> !p.startsWith(root.resolve("prices")))
                    .filter(p -> !p.getFileName().toString().endsWith(".error.json"))
                    .filter(p -> !p.getFileName().toString().startsWith("expected"))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }

    /** The campaigns, one per parser (and per format of a parser that reads several), in the catalog's order. */
    List<String> campaigns() {
        return List.copyOf(samplesByParser.keySet());
    }

    /** The seeds of one campaign. */
    List<Path> samplesOf(String campaign) {
        return List.copyOf(samplesByParser.get(campaign));
    }

    /** Parsers of the catalog that read no sample: they would not be fuzzed, so a campaign refuses to pass. */
    List<String> parsersWithoutSamples() {
        return parsers.stream()
                .filter(p -> !parserByLabel.containsValue(p))
                .map(p -> p.getClass().getSimpleName())
                .toList();
    }

    /** Samples that no parser reads and that have no neighbour to seed: fuzzed by no campaign. */
    List<Path> unassigned() {
        return List.copyOf(unassigned);
    }

    /** One input made again from its seed, campaign and index. */
    Mutations.Mutant mutant(String campaign, long seed, int index) throws IOException {
        List<Path> seeds = samplesByParser.get(campaign);
        if (seeds == null) {
            throw new IllegalArgumentException("no campaign " + campaign + "; there are " + campaigns());
        }
        SplittableRandom random = random(campaign, seed, index);
        Path sample = seeds.get(random.nextInt(seeds.size()));
        Mutations.Mutant mutant = mutations(campaign).mutate(Files.readAllBytes(sample), random);
        return new Mutations.Mutant(
                mutant.content(),
                Stream.concat(Stream.of(sample.getFileName().toString()), mutant.applied().stream())
                        .toList());
    }

    /** How one replayed input ended, in a line; the input is written to the failures folder. */
    String replay(String campaign, long seed, int index) throws IOException {
        Mutations.Mutant mutant = mutant(campaign, seed, index);
        Files.createDirectories(failures);
        Path saved = failures.resolve("replayed-" + fileName(campaign, seed, index, mutant));
        Files.write(saved, mutant.content());
        Ending ending = feed(mutant.content());
        return campaign + " #" + index + " (seed " + seed + ", " + mutant.applied() + ", " + mutant.content().length
                + " bytes, saved as " + saved + "): " + ending.describe() + ", " + ending.cpuMillis() + " ms CPU";
    }

    /**
     * Feeds {@code count} inputs to one campaign; {@code slowIsUnexplained} makes an input over {@link #SLOW} a failure
     * (a full campaign), otherwise it is only reported (a unit test asserts no timing). {@code progress} hears each
     * input's index once it has ended.
     */
    Result run(String campaign, int count, long seed, boolean slowIsUnexplained, IntConsumer progress)
            throws IOException {
        Mutations mutations = mutations(campaign);
        List<Path> seeds = samplesByParser.get(campaign);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                .toList();
        long maxUsed = 0;
        long maxAfterGc = 0;
        Tally tally = new Tally(campaign);
        long started = System.nanoTime();
        for (int index = 0; index < count; index++) {
            SplittableRandom random = random(campaign, seed, index);
            Path sample = seeds.get(random.nextInt(seeds.size()));
            Mutations.Mutant mutant = mutations.mutate(Files.readAllBytes(sample), random);
            Ending ending = feed(mutant.content());
            tally.add(ending, index);
            String fault = ending.unexplained();
            if (fault == null && slowIsUnexplained && ending.cpuMillis() > SLOW.toMillis()) {
                fault = "took " + ending.cpuMillis() + " ms of CPU (the bound is " + SLOW.toMillis()
                        + " ms); it ended as " + ending.describe();
            }
            if (fault != null) {
                Mutations.Mutant named = new Mutations.Mutant(
                        mutant.content(),
                        Stream.concat(Stream.of(sample.getFileName().toString()), mutant.applied().stream())
                                .toList());
                Path saved = save(campaign, seed, index, named, fault);
                tally.unexplained.add("#" + index + " (" + named.applied() + ", saved as " + saved + "): "
                        + fault.lines().findFirst().orElse(fault));
            }
            // sampled between inputs: what a parse leaves (the heap in use) and what survives a collection (live data)
            maxUsed = Math.max(maxUsed, memory.getHeapMemoryUsage().getUsed());
            maxAfterGc = Math.max(
                    maxAfterGc,
                    heap.stream()
                            .mapToLong(p -> p.getCollectionUsage().getUsed())
                            .sum());
            progress.accept(index);
        }
        return tally.result(count, maxUsed, maxAfterGc, System.nanoTime() - started);
    }

    /** Stops the worker thread (a hung input's thread, if any, is left to end with the JVM). */
    void close() {
        worker.shutdownNow();
    }

    private Mutations mutations(String campaign) throws IOException {
        List<byte[]> corpus = new ArrayList<>();
        for (Path sample : samplesByParser.get(campaign)) {
            corpus.add(Files.readAllBytes(sample));
        }
        return new Mutations(corpus);
    }

    private static SplittableRandom random(String campaign, long seed, int index) {
        // String.hashCode is fixed by its specification: the same campaign name gives the same inputs on any JVM
        return new SplittableRandom((seed * 1_000_003L + index) * 31 + campaign.hashCode());
    }

    /** The parser and format that read a file unmutated, if one reads it without refusing it at detection. */
    private Optional<Object[]> readerOf(byte[] content) {
        try {
            Detection detection = reader.detect(content);
            return parsers.stream()
                    .filter(p -> p.accepts(detection))
                    .findFirst()
                    .map(p -> new Object[] {p, detection.format()});
        } catch (RejectedException e) {
            return Optional.empty();
        }
    }

    /** Detects and parses one input on the worker thread, as the gateway's read stage does. */
    private Ending feed(byte[] content) {
        Future<Ending> future = worker.submit(() -> {
            long cpu = threads.getCurrentThreadCpuTime();
            try {
                Detection detection = reader.detect(content);
                List<CanonicalDocument> documents = reader.read(content, detection, "fuzz", "fuzz", "D-FUZZ");
                return documents.isEmpty()
                        ? Ending.unexplained("no document and no refusal (a silent drop)", elapsed(cpu))
                        : new Ending(documents.size(), null, null, elapsed(cpu));
            } catch (RejectedException e) {
                Problem problem = e.problem();
                if (problem == null
                        || problem.code() == null
                        || problem.message() == null
                        || problem.message().isBlank()) {
                    return Ending.unexplained("a refusal without a code or a reason: " + problem, elapsed(cpu));
                }
                return new Ending(0, problem.code(), null, elapsed(cpu));
            } catch (Throwable e) { // NOPMD: an error (stack overflow, out of memory) is exactly what a campaign seeks
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                return Ending.unexplained("threw " + trace, elapsed(cpu));
            }
        });
        try {
            return future.get(HUNG.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            // the hung thread may never stop: a new worker serves the next inputs
            worker.shutdownNow();
            worker = newWorker();
            return Ending.unexplained("still parsing after " + HUNG.toSeconds() + " s (hung)", HUNG.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the campaign was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the campaign's worker failed", e.getCause());
        }
    }

    private long elapsed(long cpuStart) {
        return (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz-parser");
            thread.setDaemon(true);
            return thread;
        });
    }

    private Path save(String campaign, long seed, int index, Mutations.Mutant mutant, String fault) throws IOException {
        Files.createDirectories(failures);
        Path saved = failures.resolve(fileName(campaign, seed, index, mutant));
        Files.write(saved, mutant.content());
        Files.writeString(
                saved.resolveSibling(saved.getFileName() + ".txt"),
                "campaign " + campaign + ", seed " + seed + ", index " + index + ", sample and mutations "
                        + mutant.applied() + "\nreplay: bench/fuzz.sh --replay " + campaign + " " + index + " " + seed
                        + "\n" + fault + "\n");
        return saved;
    }

    private static String fileName(String campaign, long seed, int index, Mutations.Mutant mutant) {
        return campaign.replace('/', '-') + "-" + seed + "-" + index + "-"
                + mutant.applied().get(0);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    /** How one input ended: documents, a refusal, or an unexplained fault; and its parse's CPU time. */
    record Ending(int documents, ErrorCode refusal, String unexplained, long cpuMillis) {

        static Ending unexplained(String what, long cpuMillis) {
            return new Ending(0, null, what, cpuMillis);
        }

        String describe() {
            if (unexplained != null) {
                return "UNEXPLAINED: " + unexplained.lines().findFirst().orElse(unexplained);
            }
            return refusal != null ? "refused with " + refusal : documents + " document(s)";
        }
    }

    /** What one campaign found. */
    record Result(
            String campaign,
            int inputs,
            int documents,
            Map<ErrorCode, Integer> refusals,
            List<String> unexplained,
            long slowestCpuMillis,
            int slowestIndex,
            int overBound,
            long maxHeapUsedBytes,
            long maxHeapAfterGcBytes,
            long elapsedNanos) {

        int refused() {
            return refusals.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The most frequent refusal codes, most frequent first. */
        List<Map.Entry<ErrorCode, Integer>> topRefusals(int n) {
            return refusals.entrySet().stream()
                    .sorted(Map.Entry.<ErrorCode, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(n)
                    .toList();
        }
    }

    private static final class Tally {
        private final String campaign;
        private final Map<ErrorCode, Integer> refusals = new EnumMap<>(ErrorCode.class);
        private final List<String> unexplained = new ArrayList<>();
        private int documents;
        private long slowest = -1;
        private int slowestIndex;
        private int overBound;

        Tally(String campaign) {
            this.campaign = campaign;
        }

        void add(Ending ending, int index) {
            if (ending.refusal() != null) {
                refusals.merge(ending.refusal(), 1, Integer::sum);
            } else if (ending.unexplained() == null) {
                documents++;
            }
            if (ending.cpuMillis() > slowest) {
                slowest = ending.cpuMillis();
                slowestIndex = index;
            }
            if (ending.cpuMillis() > SLOW.toMillis()) {
                overBound++;
            }
        }

        Result result(int inputs, long maxUsed, long maxAfterGc, long elapsed) {
            return new Result(
                    campaign,
                    inputs,
                    documents,
                    refusals,
                    List.copyOf(unexplained),
                    slowest,
                    slowestIndex,
                    overBound,
                    maxUsed,
                    maxAfterGc,
                    elapsed);
        }
    }
}
