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
import java.util.stream.Stream;
import org.corridor.problem.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The X12 810, 997 and 999 guides stay true: the example is the sample byte for byte (line breaks aside), the
 * segment table lists exactly the segments of the StAEDI schema, and every EDI error code the message can raise is
 * documented.
 */
class X12GuidesTest {

    private static final Set<ErrorCode> NOT_FOR_ACKS =
            Set.of(ErrorCode.EDI_DATE, ErrorCode.EDI_CONTENT, ErrorCode.EDI_TOTALS);

    static Stream<Arguments> guides() {
        return Stream.of(
                Arguments.of(
                        "docs/mig/x12-810-004010.md",
                        "sample-docs/x12/FWOPK-810-FWO-PINV-2025-0175.x12",
                        "src/main/resources/edi/x12/004010/810.xml",
                        false),
                Arguments.of(
                        "docs/mig/x12-997-004010.md",
                        "sample-docs/x12/USSMUS-997-1208.x12",
                        "src/main/resources/edi/x12/004010/997.xml",
                        true),
                Arguments.of(
                        "docs/mig/x12-999-005010X231A1.md",
                        "sample-docs/x12/USSMUS-999-1215.x12",
                        "src/main/resources/edi/x12/005010X231A1/999.xml",
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void exampleIsTheSample(String guidePath, String samplePath, String schema, boolean ack) throws IOException {
        String guide = Files.readString(Path.of(guidePath));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```x12\n", heading);
        assertThat(start).as("a ```x12 block under ## Example").isPositive();
        String example = guide.substring(start + 7, guide.indexOf("```", start + 7));
        String sample = Files.readString(Path.of(samplePath)).replace("\r\n", "\n");
        assertThat(example.strip()).isEqualTo(sample.strip());
        String stem = Path.of(samplePath).getFileName().toString().replace(".x12", "");
        assertThat(guide).contains("sample-docs/x12/expected/" + stem + ".json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void segmentTableListsExactlyTheSchemaSegments(String guidePath, String sample, String schemaPath, boolean ack)
            throws IOException {
        String guide = Files.readString(Path.of(guidePath));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z0-9]{2,3})` \\| [^|]*\\| [MO] \\|")
                .matcher(guide);
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> inSchema = new TreeSet<>();
        Matcher type =
                Pattern.compile("<segmentType name=\"([A-Z0-9]{2,3})\"").matcher(Files.readString(Path.of(schemaPath)));
        while (type.find()) {
            inSchema.add(type.group(1));
        }
        assertThat(inSchema).isNotEmpty();
        assertThat(documented).isEqualTo(inSchema);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void documentsEveryEdiErrorCode(String guidePath, String sample, String schema, boolean ack) throws IOException {
        String guide = Files.readString(Path.of(guidePath));
        Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("EDI_"))
                .filter(c -> !ack || !NOT_FOR_ACKS.contains(c))
                .forEach(
                        code -> assertThat(guide).as("guide documents %s", code).contains("`" + code.name() + "`"));
    }
}
