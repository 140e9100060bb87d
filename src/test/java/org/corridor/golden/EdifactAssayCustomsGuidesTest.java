package org.corridor.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corridor.problem.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The EDIFACT guides for assay certificates, customs messages and CONTRL stay true to what the gateway does: the
 * example is a real sample, the segment table is the schema, every EDI error code is documented.
 */
class EdifactAssayCustomsGuidesTest {

    /**
     * An EDIFACT guide: its example is a real sample byte for byte, its segment table lists exactly the segments and
     * groups of the message's StAEDI schema in schema order with the same status (M/C) and maximum use, and it
     * documents every EDI error code.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "edifact-qality-d96a.md, edi/edifact/D96A/QALITY.xml, KHILAB-QALITY-CU-2025-0147",
        "edifact-cusdec-d96a.md, edi/edifact/D96A/CUSDEC.xml, PKAGENT-CUSDEC-PQEX-SB-0004471",
        "edifact-cusres-d96a.md, edi/edifact/D96A/CUSRES.xml, PKAGENT-CUSRES-PQEX-SB-0004471",
        "edifact-contrl.md, edi/edifact/CONTRL.xml, USSMUS-CONTRL-CR0000147"
    })
    void edifactGuideMatchesItsSchemaAndSample(String guideName, String schema, String sample) throws IOException {
        String guide = Files.readString(Path.of("docs/mig", guideName));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```edifact\n", heading);
        assertThat(start).as("an ```edifact block under ## Example").isPositive();
        int end = guide.indexOf("```", start + 11);
        assertThat(guide.substring(start + 11, end))
                .isEqualTo(Files.readString(Path.of("sample-docs/edifact", sample + ".edi")));
        assertThat(guide).contains("sample-docs/edifact/expected/" + sample + ".json");

        List<String> documented = new ArrayList<>();
        int table = guide.indexOf("\n## Segments\n");
        assertThat(table).as("a ## Segments heading").isPositive();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| [^|]+ \\| ([MC]) \\| (\\d+) \\|")
                .matcher(guide.substring(table, guide.indexOf("\n## ", table + 5)));
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
        }
        List<String> expected = new ArrayList<>(List.of("UNH M 1"));
        String xml = Files.readString(Path.of("src/main/resources", schema));
        Matcher node = Pattern.compile(
                        "<(segment type|loop code)=\"(\\w+)\"( minOccurs=\"(\\d+)\")?" + "( maxOccurs=\"(\\d+)\")?")
                .matcher(xml.substring(xml.indexOf("<transaction>"), xml.indexOf("</transaction>")));
        while (node.find()) {
            boolean mandatory = node.group(4) != null && !node.group(4).equals("0");
            expected.add(node.group(2) + " " + (mandatory ? "M" : "C") + " "
                    + (node.group(6) != null ? node.group(6) : "1"));
        }
        expected.add("UNT M 1");
        assertThat(documented).as("segment table of %s", guideName).containsExactlyElementsOf(expected);

        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("EDI_"))
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains("`" + code.name() + "`"));
    }
}
