package org.corridor.parse.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.corridor.detect.Detection;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/** Canonical JSON as input: an empty array is no document, and unreadable JSON is placed where reading stopped. */
class CanonicalJsonParserTest {

    private static final Detection CANONICAL =
            new Detection(Detection.JSON, CanonicalJsonParser.MESSAGE_TYPE, "corridor/1");
    private final CanonicalJsonParser parser = new CanonicalJsonParser();

    @Test
    void refusesAnEmptyArrayInsteadOfTakingItAsZeroDocuments() {
        assertThatThrownBy(() -> parser.parse("[]".getBytes(StandardCharsets.UTF_8), CANONICAL))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
                    assertThat(e.problem().location().field()).isEqualTo("$");
                    assertThat(e.problem().message()).contains("holds no canonical document");
                });
    }

    @Test
    void placesUnreadableJsonAtTheLineWhereReadingStopped() {
        byte[] broken = "[\n{\"schema\": \"corridor/1\",\n\"kind\": }".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(broken, CANONICAL)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_MALFORMED);
            assertThat(e.problem().location().line()).isEqualTo(3);
            assertThat(e.problem().location().column()).isNotNull();
        });
    }

    @Test
    void refusesANumberWithAnExponentNoRuleCouldComputeWith() throws Exception {
        String document = java.nio.file.Files.readString(
                        java.nio.file.Path.of("sample-docs/assay/expected/KHILAB-CU-2025-0147.json"))
                .replaceFirst("\"value\" : [0-9.]+", "\"value\" : 1e999999999");

        assertThatThrownBy(() -> parser.parse(document.getBytes(StandardCharsets.UTF_8), CANONICAL))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
                    assertThat(e.problem().location().field()).endsWith(".value");
                });
    }
}
