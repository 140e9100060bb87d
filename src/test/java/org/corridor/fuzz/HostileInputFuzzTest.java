package org.corridor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.ack.Acknowledger;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.AckFormat;
import org.corridor.base.Hashing;
import org.corridor.canonical.Acknowledgement;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.edi.EdiSchemas;
import org.corridor.partner.DeliveryOrder;
import org.corridor.partner.TestPartners;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.process.DocumentPipeline;
import org.corridor.track.ControlNumbers;
import org.corridor.track.Interchanges;
import org.corridor.track.TestTracking;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Hostile input never breaks the gateway: every sample in sample-docs/, mutated by a seeded fuzzer ({@link Mutations}),
 * goes down the gateway's path (detect, parse, acknowledge, enrich, check) and the command line's, and must end as
 * documents or as a refusal with a code and a place, never as an unexpected exception (which the gateway records as
 * FAILED/INTERNAL) and never as zero documents without a reason. Every EDI acknowledgement written must read back as
 * valid EDI holding no control character, and must say REJECTED exactly when the file was refused.
 *
 * <p>{@code -Dfuzz.count=50000 -Dfuzz.seed=7} runs a longer campaign; {@code -Dfuzz.index=N} replays one mutant. Each
 * failing mutant is written to {@code target/fuzz-failures/} with what went wrong.
 */
class HostileInputFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(HostileInputFuzzTest.class);
    private static final Path SAMPLES = Path.of("sample-docs");
    private static final Path FAILURES = Path.of("target", "fuzz-failures");
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_211L);
    private static final int COUNT = Integer.getInteger("fuzz.count", 2_000);
    private static final Integer ONLY = Integer.getInteger("fuzz.index");
    /** Refusals about the file as a whole, which have no finer place than "the whole file". */
    private static final Set<ErrorCode> WHOLE_FILE = EnumSet.of(
            ErrorCode.EMPTY_FILE,
            ErrorCode.XML_TOO_LARGE,
            ErrorCode.NO_AGREEMENT,
            ErrorCode.NO_RECIPIENT,
            ErrorCode.AGREEMENT_RULE);

    private static DefaultCamelContext camel;
    private static SingleConnectionDataSource connection;
    private static IntakePath intake;
    private static List<Path> samples;
    private static Mutations mutations;
    private static final java.util.logging.Logger STAEDI = java.util.logging.Logger.getLogger("io.xlate");
    private final EdiInterchangeReader ackReader = new EdiInterchangeReader(new EdiSchemas());

    @BeforeAll
    static void gatewayPath() throws IOException, SQLException {
        // StAEDI logs a line per unused element and per lenient read: thousands of lines for a campaign
        STAEDI.setLevel(Level.SEVERE);
        camel = new DefaultCamelContext();
        Clock clock = Clock.fixed(Instant.parse("2025-10-15T00:00:00Z"), ZoneOffset.UTC);
        AgreementCatalog agreements = AgreementCatalog.of(AGREEMENT_FILES.readAll(SAMPLES.resolve("agreements")));
        DocumentPipeline pipeline = DocumentPipeline.create(camel, REFERENCE, agreements, clock);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // one connection for the whole campaign: a new one per statement would cost more than the mutant
        connection = new SingleConnectionDataSource(h2.getConnection(), true);
        JdbcTemplate jdbc = new JdbcTemplate(connection);
        Acknowledger acknowledger = new Acknowledger(
                new ControlNumbers(jdbc, new DataSourceTransactionManager(connection)),
                new Interchanges(jdbc, clock),
                agreements,
                TestPartners.samples(agreements),
                clock,
                List.of("USSMUS"),
                "CORRIDOR");
        intake = new IntakePath(pipeline, acknowledger, TestTracking.store(connection, clock));
        samples = ParserCampaign.samples(SAMPLES);
        List<byte[]> corpus = new ArrayList<>();
        for (Path sample : samples) {
            corpus.add(Files.readAllBytes(sample));
        }
        mutations = new Mutations(corpus);
    }

    @AfterAll
    static void stop() {
        connection.destroy();
        camel.stop();
        STAEDI.setLevel(null);
    }

    @Test
    void everyMutantEndsAsDocumentsOrARefusalWithAReasonAndPlace() throws IOException {
        Files.createDirectories(FAILURES);
        Path work = Files.createTempDirectory(Path.of("target"), "fuzz-");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Object[]> timings = new ArrayList<>();
        int first = ONLY != null ? ONLY : 0;
        int last = ONLY != null ? ONLY + 1 : COUNT;
        for (int index = first; index < last; index++) {
            SplittableRandom random = new SplittableRandom(SEED * 1_000_003L + index);
            Path sample = samples.get(random.nextInt(samples.size()));
            Mutations.Mutant mutant = mutations.mutate(Files.readAllBytes(sample), random);
            String name = sample.getFileName().toString();
            List<String> faults = new ArrayList<>();
            long started = System.nanoTime();
            try {
                check(mutant.content(), name, "D-FUZZ-" + index, index % 2 == 0, work, faults, outcomes);
            } catch (RuntimeException | IOException | StackOverflowError e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                faults.add("unexpected " + trace);
            }
            timings.add(new Object[] {
                (System.nanoTime() - started) / 1_000_000,
                index,
                sample.getFileName(),
                mutant.applied(),
                mutant.content().length
            });
            if (ONLY != null) {
                // a replayed mutant is kept whatever its outcome, to be opened or fed to the gateway by hand
                Files.write(FAILURES.resolve(SEED + "-" + index + "-replayed-" + name), mutant.content());
            }
            if (!faults.isEmpty()) {
                Path saved = FAILURES.resolve(SEED + "-" + index + "-" + name);
                Files.write(saved, mutant.content());
                Files.writeString(
                        saved.resolveSibling(saved.getFileName() + ".txt"),
                        "seed " + SEED + ", index "
                                + index + ", sample " + sample + ", mutations " + mutant.applied() + "\n"
                                + String.join("\n", faults) + "\n");
                failures.add("mutant " + index + " of seed " + SEED + " (" + sample + ", " + mutant.applied()
                        + ", saved as " + saved + "): " + brief(faults.get(0)));
            }
        }
        Files.deleteIfExists(work.resolve("mutant"));
        Files.delete(work);
        LOG.info(
                "Fuzzed {} mutants (seed {}) in {} ms: {}",
                last - first,
                SEED,
                timings.stream().mapToLong(m -> (Long) m[0]).sum(),
                outcomes);
        timings.sort((a, b) -> Long.compare((Long) b[0], (Long) a[0]));
        timings.stream().limit(15).forEach(s -> LOG.info("slow: {} ms #{} {} {} {} bytes", s));
        assertThat(failures)
                .as("mutants that broke a promise (replay one with -Dfuzz.seed=S -Dfuzz.index=N)")
                .isEmpty();
    }

    private void check(
            byte[] content,
            String name,
            String documentId,
            boolean replay,
            Path work,
            List<String> faults,
            Map<String, Integer> outcomes)
            throws IOException {
        String sha = Hashing.sha256Hex(content);
        IntakePath.Outcome gateway = intake.gateway(content, name, sha, documentId, replay);
        outcomes.merge(
                gateway.refusal() == null
                        ? "documents"
                        : gateway.refusal().problem().code().name(),
                1,
                Integer::sum);
        checkOutcome("gateway", gateway, faults);
        for (DeliveryOrder ack : gateway.acknowledgements()) {
            checkAcknowledgement(ack, gateway, faults);
        }
        if (streamed(content)) {
            // the command line streams EDI message by message (other formats are read whole, as above)
            Path file = work.resolve("mutant");
            Files.write(file, content);
            checkOutcome("command line", intake.commandLine(file, name, sha, documentId), faults);
        }
    }

    private static void checkOutcome(String path, IntakePath.Outcome outcome, List<String> faults) {
        if (outcome.refusal() == null) {
            if (outcome.documents().isEmpty()) {
                faults.add(path + ": no document and no refusal (a silent drop)");
            }
            return;
        }
        for (Problem problem : outcome.refusal().problems()) {
            if (problem.code() == null
                    || problem.message() == null
                    || problem.message().isBlank()) {
                faults.add(path + ": a refusal without a code or reason: " + problem);
            } else if (problem.location() == null
                    || problem.location().equals(Location.NONE) && !WHOLE_FILE.contains(problem.code())) {
                faults.add(path + ": refused with " + problem.code() + " but no place: " + problem.message());
            }
            if (problem.message() != null && hasControlCharacter(problem.message())) {
                faults.add(path + ": the reason holds a control character copied from the file: "
                        + problem.message().replaceAll("\\p{Cntrl}", "?"));
            }
        }
    }

    private void checkAcknowledgement(DeliveryOrder ack, IntakePath.Outcome outcome, List<String> faults) {
        byte[] bytes = ack.content();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F) {
                faults.add(
                        "acknowledgement " + ack.outputName() + " holds control character 0x" + Integer.toHexString(c));
                break;
            }
        }
        List<InterchangeSummary> read = ackReader.read(new ByteArrayInputStream(bytes), m -> {});
        boolean ta1 = ack.format() == AckFormat.TA1;
        // a TA1 is an interchange without messages, which Corridor itself would refuse to read as a document
        boolean valid = read.size() == 1
                && (ta1
                        ? read.get(0).interchangeAcknowledgement()
                                && read.get(0).messages().isEmpty()
                                && read.get(0).faults().size() == 1
                                && read.get(0).faults().get(0).code() == ErrorCode.EDI_SEGMENT_MISSING
                        : read.get(0).valid() && !read.get(0).messages().isEmpty());
        if (!valid) {
            faults.add("acknowledgement " + ack.outputName() + " is not valid EDI: " + read + "\n"
                    + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        Acknowledgement body = (Acknowledgement) ack.document().body();
        boolean rejected = "REJECTED".equals(body.status());
        if (outcome.refusedWhenRead() != rejected) {
            faults.add("acknowledgement " + ack.outputName() + " says " + body.status() + " but the file was "
                    + (outcome.refusal() == null
                            ? "accepted"
                            : "refused: " + outcome.refusal().getMessage()));
        }
    }

    private static boolean streamed(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 16), StandardCharsets.UTF_8)
                .replace("\uFEFF", "")
                .stripLeading();
        return head.startsWith("UNA") || head.startsWith("UNB") || head.startsWith("ISA");
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 && c != '\n' || c >= 0x7F && c <= 0x9F);
    }

    private static String brief(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }
}
