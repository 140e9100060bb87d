package org.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file the gateway would refuse because it holds no readable message is refused by the command line too: before,
 * {@code validate} said "valid, 0 document(s)" and exited 0 for an interchange in syntax version {@code UNOC:-}.
 */
class ZeroDocumentsCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CorridorCli cli = new CorridorCli(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @ParameterizedTest
    @ValueSource(strings = {"validate", "convert"})
    void anInterchangeInAnUnknownSyntaxVersionIsInvalid(String command) {
        int exit = cli.run(
                command, "sample-docs/edifact/BAD_unb_syntax_version.edi", "--agreements", "sample-docs/agreements");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("BAD_unb_syntax_version.edi: invalid: [EDI_ENVELOPE]"
                        + " segment UNB at position 1, line 1 (field \"UNB01-2\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample-docs/x12/BAD_isa_version.x12", "sample-docs/edifact/BAD_empty_interchange.edi"})
    void anInterchangeWithoutAReadableMessageIsInvalid(String sample) {
        int exit = cli.run("validate", sample, "--agreements", "sample-docs/agreements");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(": invalid: [EDI_");
    }
}
