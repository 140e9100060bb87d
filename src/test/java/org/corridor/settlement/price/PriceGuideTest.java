package org.corridor.settlement.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.corridor.problem.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * docs/mig/prices.md kept true: its example is the golden sample byte for byte, it names every refusal a sample
 * produces with its sample, the limits and header it states are the reader's, and its worked averages are the
 * sample's.
 */
class PriceGuideTest {

    private static final Path GUIDE = Path.of("docs/mig/prices.md");

    @Test
    void exampleIsTheGoldenSampleByteForByte() throws IOException {
        String guide = Files.readString(GUIDE);
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```csv\n", heading);
        assertThat(start).as("a ```csv block under ## Example").isPositive();
        int end = guide.indexOf("```", start + 7);

        assertThat(guide.substring(start + 7, end))
                .isEqualTo(Files.readString(PriceFileGoldenTest.SAMPLES.resolve("LME-CU-2025-11.csv")));
        assertThat(guide).contains("sample-docs/prices/expected/LME-CU-2025-11.json");
    }

    @Test
    void documentsEveryRefusalOfTheSamplesBesideItsSample() throws IOException {
        String guide = Files.readString(GUIDE);
        List<Path> bad;
        try (Stream<Path> files = Files.list(PriceFileGoldenTest.SAMPLES)) {
            bad = files.filter(p -> p.getFileName().toString().startsWith("BAD_"))
                    .sorted()
                    .toList();
        }
        assertThat(bad).isNotEmpty();
        for (Path sample : bad) {
            String code = PriceFileGoldenTest.tree(PriceFileGoldenTest.expectedFor(sample, ".error.json"))
                    .get("problems")
                    .get(0)
                    .get("code")
                    .asText();
            String row = guide.lines()
                    .filter(l -> l.startsWith("| `" + code + "` |"))
                    .findFirst()
                    .orElse("");
            assertThat(row).as("the guide's row of %s", code).contains("`" + sample.getFileName() + "`");
        }
        for (ErrorCode code :
                List.of(ErrorCode.PRICE_LIMIT, ErrorCode.PRICE_CONFLICT, ErrorCode.NOT_AUTHORIZED_SENDER)) {
            assertThat(guide).contains("| `" + code.name() + "` |");
        }
    }

    @Test
    void statesTheReadersHeaderAndLimits() throws IOException {
        String guide = Files.readString(GUIDE);

        assertThat(guide)
                .contains("`" + PriceFileReader.HEADER + "`")
                .contains(PriceFileReader.MAX_BYTES / (1024 * 1024) + " MB")
                .contains(String.format(Locale.ROOT, "%,d price lines", PriceFileReader.MAX_ROWS))
                .contains(String.format(Locale.ROOT, "%,d characters", PriceFileReader.MAX_LINE));
    }

    @Test
    void workedAveragesAreThoseOfTheSample() throws IOException {
        PriceFile file = PriceFileReader.read(
                "LME-CU-2025-11.csv", Files.readAllBytes(PriceFileGoldenTest.SAMPLES.resolve("LME-CU-2025-11.csv")));
        BigDecimal month = file.rows().stream()
                .map(PriceFile.Row::point)
                .filter(p -> p.metal().equals("CU"))
                .map(PricePoint::price)
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(month).isEqualByComparingTo("190728.75");
        assertThat(Files.readString(GUIDE))
                .contains("190,728.75 / 20 = **9536.4375**")
                .contains("57,242.50 / 6 = 9540.41666… = **9540.4167**");
    }
}
