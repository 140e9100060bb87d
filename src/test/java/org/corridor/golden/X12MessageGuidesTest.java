package org.corridor.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corridor.problem.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The X12 guides (863, 310, 315) stay true to the gateway: the example is the sample byte for byte (a byte order mark
 * dropped, line breaks as LF), the segment table lists exactly the segments the StAEDI schema defines (plus ST and
 * SE), and every EDI error code is documented.
 */
class X12MessageGuidesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "x12-863-004010.md, KHILAB-863-KHILAB-CU-2025-0147, 863",
        "x12-310-004010.md, OCEANCAR-310-ASOC-BL-2025-0147, 310",
        "x12-315-004010.md, OCEANCAR-315-ASOC-BL-2025-0147, 315"
    })
    void guideExampleIsTheSampleAndItsSegmentsAreTheSchemas(String guideName, String sample, String type)
            throws IOException {
        String guide = Files.readString(Path.of("docs/mig", guideName));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```x12\n", heading);
        assertThat(start).as("a ```x12 block under ## Example").isPositive();
        String example = guide.substring(start + 7, guide.indexOf("```", start + 7));
        String text = new String(
                        Files.readAllBytes(Path.of("sample-docs/x12", sample + ".x12")), StandardCharsets.UTF_8)
                .replace("\uFEFF", "")
                .replace("\r\n", "\n");
        assertThat(example.strip()).isEqualTo(text.strip());
        assertThat(guide).contains("sample-docs/x12/expected/" + sample + ".json");

        Set<String> schemaSegments = new TreeSet<>(Set.of("ST", "SE"));
        Matcher defined = Pattern.compile("<segmentType name=\"(\\w+)\"")
                .matcher(Files.readString(Path.of("src/main/resources/edi/x12/004010", type + ".xml")));
        while (defined.find()) {
            schemaSegments.add(defined.group(1));
        }
        String table = guide.substring(guide.indexOf("\n## 4. Segments\n"), guide.indexOf("\n## 5. Elements\n"));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\|").matcher(table);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).isEqualTo(schemaSegments);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x12-863-004010.md", "x12-310-004010.md", "x12-315-004010.md"})
    void guideDocumentsEveryEdiErrorCode(String guideName) throws IOException {
        String guide = Files.readString(Path.of("docs/mig", guideName));
        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("EDI_") || c == ErrorCode.NO_AGREEMENT)
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains("`" + code.name() + "`"));
    }
}
