package org.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** {@code corridor users hash}: a console password from standard input becomes the bcrypt hash the config takes. */
class UsersHashCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return new CorridorCli(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    @Test
    void printsABcryptHashOfThePasswordReadFromStandardInput() {
        assertThat(run("correct horse battery\n", "users", "hash")).isZero();

        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).matches("\\$2a\\$10\\$[./A-Za-z0-9]{53}");
        assertThat(new BCryptPasswordEncoder().matches("correct horse battery", hash))
                .isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void refusesAMissingOrShortPasswordWithoutPrintingAHash() {
        assertThat(run("", "users", "hash")).isEqualTo(CorridorCli.USAGE);
        assertThat(run("short\n", "users", "hash")).isEqualTo(CorridorCli.USAGE);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("at least 8 characters")
                .doesNotContain("short");
    }
}
