package org.corridor.parse.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.EdiSchemas;
import org.corridor.formats.FormatCatalog;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/** A file of interchanges is taken or refused whole, and its acknowledgements say so. */
class EdiDocumentParserTest {

    private final EdiDocumentParser parser =
            new EdiDocumentParser(new EdiSchemas(), FormatCatalog.ediMappers(REFERENCE));

    private List<EdiReceipt> refused(String text, Detection detection) {
        List<Object> facts = new ArrayList<>();
        assertThatThrownBy(() -> parser.parse(text.getBytes(StandardCharsets.ISO_8859_1), detection, facts::add))
                .isInstanceOf(RejectedException.class);
        return facts.stream().map(EdiReceipt.class::cast).toList();
    }

    @Test
    void aFileRefusedForOneInterchangeRejectsTheOthersInTheirAcknowledgements() throws Exception {
        // the sample holds two interchanges (PKA0004471, PKA0004472), both fine; a third follows, cut short
        String good = Files.readString(
                Path.of("sample-docs/edifact/PKAGENT-CUSRES-PQEX-SB-0004471.edi"), StandardCharsets.ISO_8859_1);
        String third = good.substring(0, good.indexOf("UNT")).replace("PKA0004471", "PKA0004473");

        List<EdiReceipt> receipts = refused(good + third, new Detection(Detection.EDIFACT, null, null));

        // before: the first two interchanges' CONTRLs said accepted, and their documents were dropped with the file
        assertThat(receipts).hasSize(3).noneMatch(EdiReceipt::accepted);
        assertThat(receipts.subList(0, 2)).allSatisfy(fine -> {
            assertThat(fine.interchange().valid()).isTrue();
            assertThat(fine.refusedElsewhere())
                    .singleElement()
                    .satisfies(p -> assertThat(p.code()).isEqualTo(ErrorCode.EDI_TRUNCATED));
        });
    }

    @Test
    void aMessageInAVersionWithoutASchemaIsRefusedUnread() throws Exception {
        String x12 = Files.readString(
                        Path.of("sample-docs/x12/OCEANCAR-315-ASOC-BL-2025-0147.x12"), StandardCharsets.ISO_8859_1)
                .replace("^004010~", "^00401h~")
                .replace("B4^", "B9^");

        // before: mapped without any validation, and the mapper failed on the missing B4 (NoSuchElementException)
        assertThatThrownBy(() -> parser.parse(
                        x12.getBytes(StandardCharsets.ISO_8859_1), new Detection(Detection.X12, null, null)))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.UNSUPPORTED_MESSAGE);
                    assertThat(e.problem().message()).contains("X12 315 00401h, which Corridor does not read");
                });
    }
}
