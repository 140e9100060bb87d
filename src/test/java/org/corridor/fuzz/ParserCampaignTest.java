package org.corridor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.detect.Detection;
import org.corridor.formats.FormatCatalog;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.ParsedMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short version of {@code bench/fuzz.sh}: every parser of the catalog is fed a few hundred mutants of its samples
 * ({@code -Dfuzz.perParser=N} for more) and each must end as documents or as a refusal with a code. The slowest input
 * is reported, never asserted.
 */
class ParserCampaignTest {

    private static final Logger LOG = LoggerFactory.getLogger(ParserCampaignTest.class);
    private static final Path SAMPLES = Path.of("sample-docs");
    private static final int PER_PARSER = Integer.getInteger("fuzz.perParser", 300);
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_204L);
    private static final java.util.logging.Logger STAEDI = java.util.logging.Logger.getLogger("io.xlate");

    private static DefaultCamelContext camel;
    private static FormatCatalog catalog;

    @TempDir
    Path failures;

    @BeforeAll
    static void catalog() {
        // StAEDI logs a line per lenient read: thousands of lines for a campaign
        STAEDI.setLevel(Level.SEVERE);
        camel = new DefaultCamelContext();
        catalog = FormatCatalog.standard(camel, REFERENCE);
    }

    @AfterAll
    static void stop() {
        camel.stop();
        STAEDI.setLevel(null);
    }

    @Test
    void everyParserOfTheCatalogHasSamplesToFuzz() throws IOException {
        ParserCampaign campaign = new ParserCampaign(catalog.parsers(), SAMPLES, failures);
        try {
            assertThat(campaign.parsersWithoutSamples()).isEmpty();
            assertThat(campaign.unassigned()).isEmpty();
            assertThat(campaign.campaigns())
                    .contains(
                            "EdiDocumentParser/EDIFACT",
                            "EdiDocumentParser/X12",
                            "AssayCsvParser",
                            "AssayWideCsvParser",
                            "PackingListFixedParser",
                            "PackingListCsvParser",
                            "PswWorksheetParser",
                            "BillOfLadingXmlParser",
                            "CanonicalJsonParser");
        } finally {
            campaign.close();
        }
    }

    @Test
    void everyMutantOfEveryParserEndsAsDocumentsOrARefusalWithACode() throws IOException {
        ParserCampaign campaign = new ParserCampaign(catalog.parsers(), Path.of("sample-docs"), failures);
        List<String> unexplained = new ArrayList<>();
        int inputs = 0;
        try {
            for (String parser : campaign.campaigns()) {
                ParserCampaign.Result result = campaign.run(parser, PER_PARSER, SEED, false, index -> {});
                LOG.info(
                        "{}: {} inputs, {} documents, refusals {}, {} unexplained, slowest #{} {} ms CPU",
                        parser,
                        result.inputs(),
                        result.documents(),
                        result.topRefusals(3),
                        result.unexplained().size(),
                        result.slowestIndex(),
                        result.slowestCpuMillis());
                result.unexplained().forEach(u -> unexplained.add(parser + " " + u));
                inputs += result.inputs();
            }
        } finally {
            campaign.close();
        }
        assertThat(inputs).isEqualTo(PER_PARSER * campaign.campaigns().size());
        assertThat(unexplained)
                .as("inputs that ended neither as documents nor as a refusal (replay with bench/fuzz.sh --replay"
                        + " PARSER INDEX " + SEED + ")")
                .isEmpty();
    }

    @Test
    void aParserThatThrowsIsUnexplainedAndItsInputKeptForReplay() throws IOException {
        List<DocumentParser> parsers = new ArrayList<>(catalog.parsers());
        parsers.replaceAll(p -> p.getClass().getSimpleName().equals("PackingListFixedParser") ? new Throwing(p) : p);
        ParserCampaign campaign = new ParserCampaign(parsers, SAMPLES, failures);
        try {
            ParserCampaign.Result result = campaign.run("Throwing", 20, SEED, false, index -> {});

            // mutants whose header still reads as a packing list reach the parser, which throws
            assertThat(result.unexplained())
                    .isNotEmpty()
                    .allSatisfy(u -> assertThat(u).contains("threw java.lang.IllegalStateException: a parser bug"));
            assertThat(result.documents()).isZero();
            try (var kept = Files.list(failures)) {
                assertThat(kept.map(p -> p.getFileName().toString()))
                        .anySatisfy(name -> assertThat(name).startsWith("Throwing-" + SEED + "-"))
                        .anySatisfy(name -> assertThat(name).endsWith(".txt"));
            }
            assertThat(campaign.replay(
                            "Throwing", SEED, indexOf(result.unexplained().get(0))))
                    .contains("UNEXPLAINED: threw java.lang.IllegalStateException: a parser bug");
        } finally {
            campaign.close();
        }
    }

    @Test
    void aParserOfTheCatalogWithoutSamplesIsReported() throws IOException {
        List<DocumentParser> parsers = new ArrayList<>(catalog.parsers());
        parsers.add(new Throwing(new Throwing(parsers.get(0))) {
            @Override
            public Optional<Detection> recognise(Detection format, String head) {
                return Optional.empty();
            }

            @Override
            public boolean accepts(Detection detection) {
                return false;
            }
        });
        ParserCampaign campaign = new ParserCampaign(parsers, SAMPLES, failures);
        try {
            assertThat(campaign.parsersWithoutSamples()).hasSize(1);
        } finally {
            campaign.close();
        }
    }

    private static int indexOf(String unexplained) {
        return Integer.parseInt(unexplained.substring(1, unexplained.indexOf(' ')));
    }

    /** A parser that recognises what its delegate does, then fails as a bug would. */
    private static class Throwing implements DocumentParser {
        private final DocumentParser delegate;

        Throwing(DocumentParser delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Detection> recognise(Detection format, String head) {
            return delegate.recognise(format, head);
        }

        @Override
        public boolean accepts(Detection detection) {
            return delegate.accepts(detection);
        }

        @Override
        public String version(Detection detection) {
            return delegate.version(detection);
        }

        @Override
        public List<ParsedMessage> parse(byte[] content, Detection detection) {
            throw new IllegalStateException("a parser bug");
        }
    }
}
