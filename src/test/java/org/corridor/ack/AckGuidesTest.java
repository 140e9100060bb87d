package org.corridor.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.corridor.detect.ContentDetector;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.EdiSchemas;
import org.corridor.edi.EdiSyntax;
import org.corridor.formats.FormatCatalog;
import org.corridor.parse.edi.EdiDocumentParser;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The acknowledgement guides show what Corridor sends back for a refused sample, byte for byte: the block after
 * {@code <!-- outbound-example -->} in each guide is what {@link AckWriter} writes for that sample today.
 */
class AckGuidesTest {

    private final EdiDocumentParser parser =
            new EdiDocumentParser(new EdiSchemas(), FormatCatalog.ediMappers(REFERENCE));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "docs/mig/edifact-contrl.md, sample-docs/edifact/BAD_qality_unknown_analyte.edi, CONTRL",
        "docs/mig/x12-997-004010.md, sample-docs/x12/BAD_863_unknown_analyte.x12, 997",
        "docs/mig/x12-999-005010X231A1.md, sample-docs/x12/BAD_863_unknown_analyte.x12, 999"
    })
    void theGuideShowsTheAcknowledgementCorridorSends(String guide, String sample, String ackType) throws IOException {
        byte[] content = Files.readAllBytes(Path.of(sample));
        List<Object> facts = new ArrayList<>();
        try {
            parser.parse(
                    content,
                    parser.recognise(new ContentDetector().detect(content), ContentDetector.head(content))
                            .orElseThrow(),
                    facts::add);
        } catch (RejectedException expected) {
            // refused, as the sample's name says: the acknowledgement names why
        }
        EdiReceipt receipt = (EdiReceipt) facts.get(0);
        EdiSyntax syntax = "CONTRL".equals(ackType) ? EdiSyntax.edifact() : AckWriter.x12Syntax(ackType);
        String written = new String(
                new AckWriter()
                        .write(receipt, null, ackType, syntax, "17", LocalDateTime.of(2025, 10, 6, 13, 0))
                        .orElseThrow()
                        .content(),
                StandardCharsets.ISO_8859_1);

        Path shown = Path.of("target", "ack-examples", ackType + ".txt");
        Files.createDirectories(shown.getParent());
        Files.writeString(shown, written, StandardCharsets.ISO_8859_1); // to compare by eye when the guide is stale

        String text = Files.readString(Path.of(guide));
        int marker = text.indexOf("<!-- outbound-example -->");
        assertThat(marker)
                .as("%s has an <!-- outbound-example --> block", guide)
                .isPositive();
        int start = text.indexOf("```text\n", marker) + "```text\n".length();
        String example = text.substring(start, text.indexOf("```", start));
        assertThat(example.strip()).as("the example in %s", guide).isEqualTo(written.strip());
    }
}
