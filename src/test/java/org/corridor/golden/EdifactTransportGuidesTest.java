package org.corridor.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * The EDIFACT guides for IFTMIN, IFTSTA and INVOIC stay true: the segment table lists exactly the segments of the
 * StAEDI schema (plus UNH/UNT), the example is the sample byte for byte, and every EDI error code is documented.
 */
class EdifactTransportGuidesTest {

    private static final Pattern SEGMENT_ROW = Pattern.compile("(?m)^\\| `([A-Z]{3})` \\|");
    private static final Pattern SEGMENT_TYPE = Pattern.compile("<segmentType name=\"([A-Z]{3})\"");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "edifact-iftmin-d96a.md, IFTMIN, FWOPK-IFTMIN-FWO-SI-2025-0147",
        "edifact-iftsta-d96a.md, IFTSTA, OCEANCAR-IFTSTA-ASOC-BL-2025-0147",
        "edifact-invoic-d96a.md, INVOIC, FWOPK-INVOIC-FWO-PINV-2025-0201"
    })
    void guideListsExactlyTheSchemaSegments(String guideName, String type, String sample) throws IOException {
        String guide = Files.readString(Path.of("docs/mig", guideName));
        String table = guide.substring(guide.indexOf("## 3. Segments"), guide.indexOf("\n## 4."));
        Set<String> documented = new TreeSet<>();
        Matcher row = SEGMENT_ROW.matcher(table);
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> schema = new TreeSet<>(Set.of("UNH", "UNT"));
        Matcher segment =
                SEGMENT_TYPE.matcher(Files.readString(Path.of("src/main/resources/edi/edifact/D96A", type + ".xml")));
        while (segment.find()) {
            schema.add(segment.group(1));
        }
        assertThat(documented).as("segments in the guide's table").isEqualTo(schema);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "edifact-iftmin-d96a.md, FWOPK-IFTMIN-FWO-SI-2025-0147",
        "edifact-iftsta-d96a.md, OCEANCAR-IFTSTA-ASOC-BL-2025-0147",
        "edifact-invoic-d96a.md, FWOPK-INVOIC-FWO-PINV-2025-0201"
    })
    void guideExampleIsTheSampleByteForByte(String guideName, String sample) throws IOException {
        String guide = Files.readString(Path.of("docs/mig", guideName));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```edifact\n", heading) + "```edifact\n".length();
        String block = guide.substring(start, guide.indexOf("```", start));
        String content = Files.readString(Path.of("sample-docs/edifact", sample + ".edi"));
        assertThat(block).isIn(content, content + "\n");
        assertThat(guide).contains("sample-docs/edifact/expected/" + sample + ".json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"edifact-iftmin-d96a.md", "edifact-iftsta-d96a.md", "edifact-invoic-d96a.md"})
    void guideDocumentsEveryEdiErrorCode(String guideName) throws IOException {
        String guide = Files.readString(Path.of("docs/mig", guideName));
        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("EDI_") || c == ErrorCode.UNSUPPORTED_MESSAGE)
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains("`" + code.name() + "`"));
    }
}
