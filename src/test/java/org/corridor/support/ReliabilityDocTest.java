package org.corridor.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityDocTest {

    @Test
    void aRerunReplacesOnlyItsOwnSectionAndKeepsWhatIsWrittenAroundIt(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("RELIABILITY.md");
        Files.writeString(doc, "# Reliability\n\n<!-- a:begin -->\nold\n<!-- a:end -->\n\nNotes by people.\n");

        ReliabilityDoc.writeSection(doc, "<!-- a:begin -->", "<!-- a:end -->", "new figures\n");
        ReliabilityDoc.writeSection(doc, "<!-- b:begin -->", "<!-- b:end -->", "another campaign");

        assertThat(Files.readString(doc))
                .isEqualTo("# Reliability\n\n<!-- a:begin -->\nnew figures\n<!-- a:end -->\n\nNotes by people.\n\n"
                        + "<!-- b:begin -->\nanother campaign\n<!-- b:end -->\n");
    }
}
