package org.corridor.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.corridor.validate.ErrorCode;
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
        assertThat(guide.substring(start + 7, end)).isEqualTo(Files.readString(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv")));
        assertThat(guide).contains("sample-docs/assay/expected/KHILAB-CU-2025-0147.json");
    }

    @Test
    void labCsvGuideDocumentsEveryCsvErrorCode() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/assay-lab-csv-long.md"));
        Arrays.stream(ErrorCode.values()).filter(c -> c.name().startsWith("CSV_") || c == ErrorCode.EMPTY_FILE
                        || c == ErrorCode.BAD_ENCODING || c == ErrorCode.NO_AGREEMENT)
                .forEach(code -> assertThat(guide).as("guide documents %s", code).contains(code.name()));
    }
}
