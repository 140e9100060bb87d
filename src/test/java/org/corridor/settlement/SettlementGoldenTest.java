package org.corridor.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.PricingTerms;
import org.corridor.canonical.CanonicalJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code settlement/NAME.json} (a lot: commodity, weights, assay or exchange, price) is settled under the sample
 * agreement's pricing terms and compared, to the cent and the scale of every figure, with {@code NAME.expected.json}.
 * Set {@code -Dsettlement.golden.write=true} to write the expected files after a deliberate change (then check them).
 */
class SettlementGoldenTest {

    private static final Path CASES = Path.of("src", "test", "resources", "settlement");
    private static final Agreement SAMPLE =
            AGREEMENT_FILES.read(Path.of("sample-docs", "agreements", "PK-US-CM-2025.yaml"));

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith(".expected.json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void settlesTheLotAsTheExpectedFileSays(String name) throws IOException {
        JsonNode lot =
                CanonicalJson.mapper().readTree(CASES.resolve(name + ".json").toFile());
        JsonNode actual = settle(lot);

        Path expectedFile = CASES.resolve(name + ".expected.json");
        if (Boolean.getBoolean("settlement.golden.write")) {
            Files.writeString(
                    expectedFile,
                    CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        JsonNode expected = CanonicalJson.mapper().readTree(expectedFile.toFile());
        assertThat(CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual))
                .isEqualTo(
                        CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(expected));
    }

    /** The exchange (when the lot has one) and the calculation, or the analytes still waiting for an umpire. */
    static JsonNode settle(JsonNode lot) {
        String commodity = lot.get("commodity").asText();
        PricingTerms terms = SAMPLE.commodity(commodity).orElseThrow().pricing();
        ObjectNode result = CanonicalJson.mapper().createObjectNode();
        Map<String, BigDecimal> assay = values(lot.get("assay"));
        if (lot.has("seller")) {
            FinalAssay.Determination d = FinalAssay.determine(
                    terms, values(lot.get("seller")), values(lot.get("buyer")), values(lot.get("umpire")));
            result.set("exchange", CanonicalJson.mapper().valueToTree(d));
            if (!d.complete()) {
                return result;
            }
            assay = d.finalAssay();
        }
        SettlementCalculator.Calculation c = SettlementCalculator.calculate(
                terms,
                commodity,
                lot.get("wmt").decimalValue(),
                lot.get("moisture").decimalValue(),
                assay,
                lot.get("price").decimalValue());
        result.set("calculation", CanonicalJson.mapper().valueToTree(c));
        return result;
    }

    private static Map<String, BigDecimal> values(JsonNode node) {
        if (node == null) {
            return null;
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().decimalValue()));
        return values;
    }
}
