package org.corridor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.problem.Finding;
import org.corridor.problem.Severity;
import org.corridor.process.DocumentPipeline;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every good sample document, read by the real pipeline (detect, parse, enrich) and checked against the agreement it
 * was enriched with, gives exactly the findings it is meant to: the copper certificate KHILAB-CU-2025-0147, in each of
 * its four formats, one penalty warning for arsenic in lot FWO-CU-L02 (0.21 % against 0.20 %), on purpose; every
 * other sample none.
 */
class AgreementRulesSamplesTest {

    private static final Path SAMPLES = Path.of("sample-docs");
    private static final List<String> FOLDERS = List.of("assay", "customs", "edifact", "packing", "shipping", "x12");
    private static final Finding ARSENIC_PENALTY = new Finding(
            "QUALITY_PENALTY",
            Severity.WARNING,
            "Certificate KHILAB-CU-2025-0147, lot FWO-CU-L02 (sample KML-25-0147-02): As 0.21 % (dry) is above the"
                    + " penalty threshold 0.20 % of agreement PK-US-CM-2025 for CU_CONC; the buyer deducts a penalty.",
            "body.results[15].value");
    private static final List<String> COPPER_CERTIFICATES = List.of(
            "KHILAB-CU-2025-0147.csv",
            "KHILAB-CU-2025-0147-wide.csv",
            "KHILAB-QALITY-CU-2025-0147.edi",
            "KHILAB-863-KHILAB-CU-2025-0147.x12");

    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;
    private static Map<String, Agreement> agreements;
    private final AgreementRules rules = new AgreementRules(RuleFixtures.clockAt("2025-10-15"), REFERENCE);

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
        agreements = AGREEMENT_FILES.readAll(SAMPLES.resolve("agreements")).stream()
                .collect(Collectors.toMap(Agreement::id, Function.identity()));
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    static Stream<Path> goodSamples() throws IOException {
        List<Path> found = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> files = Files.walk(SAMPLES.resolve(folder))) {
                files.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("/expected/"))
                        .filter(p -> !p.getFileName().toString().startsWith("BAD_"))
                        .filter(p -> !p.getFileName().toString().endsWith(".md"))
                        .sorted()
                        .forEach(found::add);
            }
        }
        assertThat(found).extracting(p -> p.getFileName().toString()).containsAll(COPPER_CERTIFICATES);
        return found.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodSamples")
    void sampleGivesExactlyItsIntendedFindings(Path sample) throws IOException {
        byte[] content = Files.readAllBytes(sample);
        String sha = Hashing.sha256Hex(content);
        List<CanonicalDocument> documents =
                pipeline.toCanonical(content, sample.getFileName().toString(), sha, "D-" + sha.substring(0, 16));
        assertThat(documents).isNotEmpty();

        List<Finding> findings = new ArrayList<>();
        for (CanonicalDocument document : documents) {
            Agreement agreement = agreements.get(document.agreementRef());
            assertThat(agreement).as("agreement of %s", document.documentId()).isNotNull();
            findings.addAll(rules.check(document, agreement));
        }

        if (COPPER_CERTIFICATES.contains(sample.getFileName().toString())) {
            assertThat(findings).containsExactly(ARSENIC_PENALTY);
        } else {
            assertThat(findings).isEmpty();
        }
    }
}
