package org.corridor.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    /** The longest name derived from a name on disk: {@code <document id>__<name>.error.txt}. */
    private static final String LONGEST_PREFIX = "D-20261204-0123456789ab__";

    private static final String LONGEST_SUFFIX = ".error.txt";

    @Test
    void keepsAnOrdinaryNameAsItIs() {
        assertThat(FileNames.forDisk("KHILAB-CU-2025-0147.csv")).isEqualTo("KHILAB-CU-2025-0147.csv");
        assertThat(FileNames.forDisk("Zürich Lieferschein 7.csv")).isEqualTo("Zürich Lieferschein 7.csv");
        assertThat(FileNames.forLog("KHILAB-CU-2025-0147.csv")).isEqualTo("KHILAB-CU-2025-0147.csv");
        assertThat(FileNames.received("KHILAB-CU-2025-0147.csv")).isEqualTo("KHILAB-CU-2025-0147.csv");
    }

    @Test
    void replacesPathSeparatorsSoANameNeverLeavesItsFolder() {
        assertThat(FileNames.forDisk("a\\b\\c.csv")).isEqualTo("a_b_c.csv");
        assertThat(FileNames.forDisk("../../etc/passwd")).isEqualTo("_._.._etc_passwd");
        assertThat(FileNames.forDisk("C:\\Users\\clerk\\INV-7.edi")).isEqualTo("C:_Users_clerk_INV-7.edi");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "...", " . . ", "/", "\\", "../..", "   ", "", "\n", "_"})
    void leavesNothingOfANameWithoutAUsableCharacter(String name) {
        assertThat(FileNames.forDisk(name)).isEmpty();
        assertThat(FileNames.forDisk(name, FileNames.UNNAMED)).isEqualTo("unnamed");
    }

    @Test
    void replacesControlFormatAndUnreadableCharacters() {
        assertThat(FileNames.forDisk("new\nline.csv")).isEqualTo("new_line.csv");
        assertThat(FileNames.forDisk("tab\there\u0000.csv")).isEqualTo("tab_here_.csv");
        assertThat(FileNames.forDisk("bell\u0007\u001b[31mred.csv")).isEqualTo("bell__[31mred.csv");
        // a right-to-left override would show "invoice\u202Efdp.exe" as "invoiceexe.pdf"
        assertThat(FileNames.forDisk("invoice\u202Efdp.exe")).isEqualTo("invoice_fdp.exe");
        // bytes that were not UTF-8 reach Java as U+FFFD
        assertThat(FileNames.forDisk("bad\uFFFD\uFFFD.csv")).isEqualTo("bad__.csv");
    }

    @Test
    void neitherHidesTheFileNorLetsItReadAsAnOption() {
        assertThat(FileNames.forDisk(".bashrc")).isEqualTo("_bashrc");
        assertThat(FileNames.forDisk("-rf.csv")).isEqualTo("_rf.csv");
        assertThat(FileNames.forDisk("  report.csv. . ")).isEqualTo("report.csv");
    }

    @Test
    void shortensALongNameKeepingItsExtensionSoEveryDerivedNameFits() {
        String name = "L".repeat(300) + ".csv";

        String safe = FileNames.forDisk(name);

        assertThat(safe).endsWith(".csv").startsWith("LLLL").matches("L+~[0-9a-f]{8}\\.csv");
        assertThat(bytes(safe)).isLessThanOrEqualTo(FileNames.MAX_DISK_BYTES);
        assertThat(bytes(LONGEST_PREFIX + safe + LONGEST_SUFFIX)).isLessThanOrEqualTo(255);
        // two long names alike stay apart
        assertThat(FileNames.forDisk("L".repeat(299) + "M.csv")).isNotEqualTo(safe);
    }

    @Test
    void shortensByBytesWithoutCuttingACharacter() {
        String name = "ü".repeat(150) + ".csv"; // 300 bytes in UTF-8

        String safe = FileNames.forDisk(name);

        assertThat(bytes(safe)).isLessThanOrEqualTo(FileNames.MAX_DISK_BYTES);
        assertThat(safe).matches("ü+~[0-9a-f]{8}\\.csv");
    }

    @Test
    void givesTheSameNameForItsOwnResult() {
        for (String name :
                new String[] {"a\\b\\c.csv", "L".repeat(300) + ".csv", ".x", "-y", "new\nline.csv", "ü".repeat(150)}) {
            String safe = FileNames.forDisk(name);
            assertThat(FileNames.forDisk(safe)).as(name).isEqualTo(safe);
        }
    }

    @Test
    void escapesWhatWouldSplitOrRewriteALogLine() {
        assertThat(FileNames.forLog("new\nline.csv")).isEqualTo("new\\nline.csv");
        assertThat(FileNames.forLog("a\r\tb")).isEqualTo("a\\r\\tb");
        assertThat(FileNames.forLog("esc\u001b[2J.csv")).isEqualTo("esc\\u001B[2J.csv");
        assertThat(FileNames.forLog("invoice\u202Efdp.exe")).isEqualTo("invoice\\u202Efdp.exe");
        assertThat(FileNames.forLog("a\\b\\c.csv")).isEqualTo("a\\b\\c.csv");
        assertThat(FileNames.forLog(null)).isEqualTo("(no name)");
    }

    @Test
    void keepsTheNameAsReceivedBoundedWithItsEnd() {
        String name = "x".repeat(1000) + "-end.csv";

        String kept = FileNames.received(name);

        assertThat(kept.codePointCount(0, kept.length())).isEqualTo(FileNames.MAX_RECEIVED_CHARS);
        assertThat(kept).startsWith("xxxx").contains("…").endsWith("-end.csv");
        assertThat(FileNames.received("new\nline.csv")).isEqualTo("new\nline.csv");
        assertThat(FileNames.received("nul\u0000.csv")).isEqualTo("nul\uFFFD.csv");
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
