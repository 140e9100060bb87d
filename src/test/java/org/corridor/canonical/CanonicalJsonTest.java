package org.corridor.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JSON form of the contract: field names as canonical-model.md spells them, decimals as written. */
class CanonicalJsonTest {

    /** Every expected output reads back into the model and writes out to the same text: nothing is lost. */
    @Test
    void readsEveryGoldenOutputBackToTheSameJson() throws Exception {
        List<Path> outputs;
        try (Stream<Path> files = Files.walk(Path.of("sample-docs"))) {
            // expected/delivered/ holds what a partner's folder receives less the gateway's own fields, for the
            // README's
            // comparison (ReadmeWalkThroughTest): not a canonical document
            outputs = files.filter(p -> p.toString().contains("/expected/")
                            && p.toString().endsWith(".json")
                            && !p.toString().contains("/expected/delivered/")
                            // the rows read from a price file: settlement input, not a canonical document
                            && !p.startsWith(Path.of("sample-docs", "prices"))
                            && !p.getFileName().toString().endsWith(".error.json"))
                    .sorted()
                    .toList();
        }
        assertThat(outputs).hasSizeGreaterThan(5);
        for (Path output : outputs) {
            String text = Files.readString(output);
            assertThat(CanonicalJson.writeAll(CanonicalJson.readAll(text.getBytes(StandardCharsets.UTF_8))))
                    .as("%s read back", output)
                    .isEqualTo(text);
        }
    }

    @Test
    void refusesJsonThatIsNotCanonical() {
        assertThatThrownBy(() -> CanonicalJson.readAll(
                        "{\"schema\":\"corridor/1\",\"kind\":\"TELEGRAM\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.kind: \"TELEGRAM\" is not a document kind");
        assertThatThrownBy(() -> CanonicalJson.readAll("[{\"schema\":\"x\"}]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("$[0].schema: expected \"corridor/1\"");
    }

    @Test
    void writesShippingDocumentNotifyPartyUnderTheContractName() throws Exception {
        ShippingDocument bl = new ShippingDocument(
                "ASOC-BL-1",
                "BKG-1",
                "ASOC-BL-1",
                null,
                null,
                Party.named("US Strategic Metals"),
                null,
                new Vessel("ARABIAN STAR", "9301234", "025E"),
                "PKBQM",
                "USHOU",
                "USSTL",
                LocalDate.of(2025, 10, 12),
                "PREPAID",
                List.of(new ShippingDocument.Goods(
                        1,
                        "Copper concentrate",
                        "260300",
                        14,
                        "BB",
                        new BigDecimal("21342.00"),
                        new BigDecimal("21283.40"),
                        List.of("FWO-CU-L01"))),
                List.of());
        JsonNode json = CanonicalJson.mapper()
                .readTree(CanonicalJson.write(CanonicalDocument.of("D-1", null, DocumentKind.BILL_OF_LADING, bl)));

        assertThat(json.at("/body/notify/name").asText()).isEqualTo("US Strategic Metals");
        assertThat(json.at("/body").has("notifyParty")).isFalse();
        assertThat(json.at("/kind").asText()).isEqualTo("BILL_OF_LADING");
        assertThat(CanonicalJson.write(CanonicalDocument.of("D-1", null, bl))).contains("\"grossWeightKg\" : 21342.00");
    }
}
