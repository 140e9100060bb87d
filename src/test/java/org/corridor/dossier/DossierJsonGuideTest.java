package org.corridor.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.problem.FindingCode;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.Test;

/** docs/mig/dossier-json.md stays true: its example is what the code builds from the CU sample dossier. */
class DossierJsonGuideTest {

    private static final Path GUIDE = Path.of("docs", "mig", "dossier-json.md");

    @Test
    void guideExampleIsTheCompleteCuSampleDossier() throws IOException {
        DefaultCamelContext camel = new DefaultCamelContext();
        List<CanonicalDocument> documents;
        try {
            SampleDossiersTest.pipelineFor(SamplePipeline.create(camel));
            documents = SampleDossiersTest.parse(Path.of("sample-docs", "dossiers", "CU-2025-0147"));
        } finally {
            camel.stop();
        }
        String shipment = "CU-2025-0147";
        CanonicalDocument dossier = DossierService.dossierDocument(
                shipment,
                "PK-US-CM-2025",
                DossierStatus.COMPLETE,
                OffsetDateTime.parse("2025-10-20T09:00:00Z"),
                documents.stream().map(d -> d.withShipmentRef(shipment)).toList(),
                new Reconciler().reconcile(documents, SampleDossiersTest.agreement()));
        String actual = CanonicalJson.write(dossier);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "dossier-json-example.json"), actual);

        Matcher example = Pattern.compile("<!-- example -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(GUIDE));
        assertThat(example.find()).as("the example block of %s", GUIDE).isTrue();
        assertThat(example.group(1)).isEqualTo(actual);
        assertThat(CanonicalJson.readAll(actual.getBytes())).containsExactly(dossier);
    }

    @Test
    void guideListsEveryDossierFindingCode() throws IOException {
        String guide = Files.readString(GUIDE);
        List<FindingCode> dossierCodes = Arrays.stream(FindingCode.values())
                .filter(c -> c.ordinal() >= FindingCode.DOCUMENT_MISSING.ordinal()
                        || c == FindingCode.MOISTURE_TOO_OLD
                        || c == FindingCode.CURRENCY_MISMATCH)
                .toList();
        assertThat(dossierCodes).hasSize(11).allSatisfy(c -> assertThat(guide).contains("| `" + c.name() + "` |"));
    }
}
