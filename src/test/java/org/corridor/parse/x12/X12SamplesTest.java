package org.corridor.parse.x12;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.DocumentKind;
import org.corridor.cli.CorridorCli;
import org.corridor.process.DocumentPipeline;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract says the same business content in two formats gives the same body: the X12 samples against the lab
 * CSV and the carrier's XML bill of lading of the same shipment, through the whole pipeline (enrichment included).
 */
class X12SamplesTest {

    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;

    @BeforeAll
    static void pipeline() {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    private static List<CanonicalDocument> convert(String sample) throws IOException {
        Path path = Path.of("sample-docs", sample);
        byte[] content = Files.readAllBytes(path);
        String sha = Hashing.sha256Hex(content);
        return pipeline.toCanonical(content, path.getFileName().toString(), sha, CorridorCli.idFor(sha));
    }

    private static JsonNode body(CanonicalDocument document) throws IOException {
        return CanonicalJson.mapper()
                .readTree(CanonicalJson.writeAll(List.of(document)))
                .get(0)
                .get("body");
    }

    @Test
    void certificateAs863HasTheBodyOfTheLabCsv() throws IOException {
        List<CanonicalDocument> x12 = convert("x12/KHILAB-863-KHILAB-CU-2025-0147.x12");
        List<CanonicalDocument> csv = convert("assay/KHILAB-CU-2025-0147.csv");

        assertThat(x12).hasSize(1);
        assertThat(x12.get(0).kind()).isEqualTo(DocumentKind.ASSAY_CERTIFICATE);
        assertThat(body(x12.get(0))).isEqualTo(body(csv.get(0)));
        assertThat(body(x12.get(0)).get("results")).hasSize(24);
    }

    @Test
    void billOfLadingAs310HasTheBodyOfTheCarriersXml() throws IOException {
        List<CanonicalDocument> x12 = convert("x12/OCEANCAR-310-ASOC-BL-2025-0147.x12");
        List<CanonicalDocument> xml = convert("shipping/ASOC-BL-2025-0147.xml");

        assertThat(x12)
                .extracting(CanonicalDocument::kind)
                .containsExactly(DocumentKind.TRANSPORT_EVENT, DocumentKind.BILL_OF_LADING);
        assertThat(body(x12.get(1))).isEqualTo(body(xml.get(0)));
    }

    @Test
    void statusesOfTheSameShipmentCarryItsBillOfLadingAndContainer() throws IOException {
        List<CanonicalDocument> events = convert("x12/OCEANCAR-315-ASOC-BL-2025-0147.x12");
        JsonNode bl = body(convert("shipping/ASOC-BL-2025-0147.xml").get(0));

        assertThat(events).hasSize(7);
        for (CanonicalDocument event : events) {
            JsonNode body = body(event);
            assertThat(body.get("blNo")).isEqualTo(bl.get("blNo"));
            assertThat(body.get("bookingNo")).isEqualTo(bl.get("bookingNo"));
            assertThat(body.get("vessel")).isEqualTo(bl.get("vessel"));
            assertThat(body.get("containerNo").asText())
                    .isEqualTo(bl.get("equipment").get(0).get("containerNo").asText());
        }
    }
}
