package org.corridor.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.corridor.canonical.CanonicalJson;
import org.corridor.problem.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Partners implement from docs/mig/: the guides must stay true to what the gateway does. The example in a guide is a
 * real sample (so the golden test covers it), and every error code the parser can raise is documented.
 */
class MessageGuidesTest {

    @Test
    void labCsvGuideExampleIsTheCopperSampleByteForByte() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/assay-lab-csv-long.md"));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```csv\n", heading);
        assertThat(start).as("a ```csv block under ## Example").isPositive();
        int end = guide.indexOf("```", start + 7);
        assertThat(guide.substring(start + 7, end))
                .isEqualTo(Files.readString(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv")));
        assertThat(guide).contains("sample-docs/assay/expected/KHILAB-CU-2025-0147.json");
    }

    @Test
    void wideLabCsvGuideExampleIsTheWideCopperSampleByteForByte() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/assay-lab-csv-wide.md"));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```csv\n", heading);
        assertThat(start).as("a ```csv block under ## Example").isPositive();
        int end = guide.indexOf("```", start + 7);
        assertThat(guide.substring(start + 7, end))
                .isEqualTo(Files.readString(Path.of("sample-docs/assay/KHILAB-CU-2025-0147-wide.csv")));
        assertThat(guide)
                .contains("sample-docs/assay/expected/KHILAB-CU-2025-0147-wide.json")
                .contains("the body is identical");
    }

    @Test
    void wideLabCsvGuideDocumentsEveryCsvErrorCode() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/assay-lab-csv-wide.md"));
        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("CSV_")
                        || c == ErrorCode.EMPTY_FILE
                        || c == ErrorCode.BAD_ENCODING
                        || c == ErrorCode.NO_AGREEMENT)
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains(code.name()));
    }

    /** Every field partners receive is in the outbound guide, and the guide names no field that never comes. */
    @Test
    void canonicalJsonGuideDocumentsExactlyTheFieldsDelivered() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/canonical-json-assay.md"));
        Set<String> delivered = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("sample-docs/assay/expected"))) {
            // (expected/delivered/ is the README's comparison copy, not an output of its own)
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("BAD_"))
                    .toList()) {
                for (JsonNode document : CanonicalJson.mapper().readTree(f.toFile())) {
                    collectPaths(document, "", delivered);
                }
            }
        }
        assertThat(delivered)
                .isNotEmpty()
                .allSatisfy(
                        path -> assertThat(guide).as("guide documents %s", path).contains("`" + path + "`"));
        Matcher documented =
                Pattern.compile("`((?:body|source)\\.[\\w.\\[\\]]+)`").matcher(guide);
        while (documented.find()) {
            assertThat(delivered).as("documented field is delivered").contains(documented.group(1));
        }
    }

    /** Leaf paths such as {@code body.results[].value}; objects in arrays are described once, with {@code []}. */
    private static void collectPaths(JsonNode node, String prefix, Set<String> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> collectPaths(e.getValue(), prefix + e.getKey() + ".", paths));
        } else if (node.isArray()) {
            node.forEach(item -> collectPaths(item, prefix.substring(0, prefix.length() - 1) + "[].", paths));
        } else {
            paths.add(prefix.substring(0, prefix.length() - 1));
        }
    }

    @Test
    void labCsvGuideDocumentsEveryCsvErrorCode() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/assay-lab-csv-long.md"));
        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("CSV_")
                        || c == ErrorCode.EMPTY_FILE
                        || c == ErrorCode.BAD_ENCODING
                        || c == ErrorCode.NO_AGREEMENT)
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains(code.name()));
    }

    @Test
    void packingListGuideExampleIsTheFixedWidthSampleByteForByte() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/packing-list-fixed.md"));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```text\n", heading);
        assertThat(start).as("a ```text block under ## Example").isPositive();
        int end = guide.indexOf("```", start + 8);
        assertThat(guide.substring(start + 8, end))
                .isEqualTo(Files.readString(Path.of("sample-docs/packing/FWO-PL-2025-0147.txt")));
        assertThat(guide).contains("sample-docs/packing/expected/FWO-PL-2025-0147.json");
    }

    @Test
    void packingListGuideDocumentsEveryPackingListErrorCode() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/packing-list-fixed.md"));
        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("FIXED_")
                        || c == ErrorCode.WEIGHT_MISMATCH
                        || c == ErrorCode.TOTALS_MISMATCH
                        || c == ErrorCode.CONTAINER_CHECK_DIGIT
                        || c == ErrorCode.CSV_HEADER
                        || c == ErrorCode.CSV_NUMBER
                        || c == ErrorCode.CSV_REQUIRED)
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains("`" + code.name() + "`"));
    }

    @Test
    void billOfLadingXmlGuideExampleIsTheCopperSampleByteForByte() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/bill-of-lading-xml.md"));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```xml\n", heading);
        assertThat(start).as("a ```xml block under ## Example").isPositive();
        int end = guide.indexOf("```", start + 7);
        assertThat(guide.substring(start + 7, end))
                .isEqualTo(Files.readString(Path.of("sample-docs/shipping/ASOC-BL-2025-0147.xml")));
        assertThat(guide).contains("sample-docs/shipping/expected/ASOC-BL-2025-0147.json");
    }

    @Test
    void billOfLadingXmlGuideDocumentsEveryXmlErrorCode() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/bill-of-lading-xml.md"));
        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("XML_")
                        || c == ErrorCode.CONTAINER_CHECK_DIGIT
                        || c == ErrorCode.EMPTY_FILE
                        || c == ErrorCode.NO_AGREEMENT)
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains("`" + code.name() + "`"));
    }

    @Test
    void pswWorksheetGuideExampleIsTheCopperWorksheetByteForByte() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/psw-worksheet-json.md"));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```json\n", heading);
        assertThat(start).as("a ```json block under ## Example").isPositive();
        int end = guide.indexOf("```", start + 8);
        assertThat(guide.substring(start + 8, end))
                .isEqualTo(Files.readString(Path.of("sample-docs/customs/PSW-SD-FWO-2025-0147.json")));
        int second = guide.indexOf("```json\n", end + 3);
        assertThat(second).as("the status update example").isPositive();
        assertThat(guide.substring(second + 8, guide.indexOf("```", second + 8)))
                .isEqualTo(Files.readString(Path.of("sample-docs/customs/PSW-STATUS-FWO-2025-0147.json")));
        assertThat(guide).contains("sample-docs/customs/expected/PSW-SD-FWO-2025-0147.json");
    }

    @Test
    void pswWorksheetGuideDocumentsEveryJsonErrorCodeAndStatus() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/psw-worksheet-json.md"));
        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("JSON_")
                        || c == ErrorCode.BAD_ENCODING
                        || c == ErrorCode.CONTAINER_CHECK_DIGIT
                        || c == ErrorCode.NO_AGREEMENT)
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains("`" + code.name() + "`"));
        for (String status : new String[] {
            "Assessed", "Examination", "Objection", "Contravention", "Returned", "Cancelled", "Out of charge"
        }) {
            assertThat(guide).as("guide maps status %s", status).contains("| `" + status + "` |");
        }
    }
}
