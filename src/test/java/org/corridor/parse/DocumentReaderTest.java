package org.corridor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.corridor.detect.ContentDetector;
import org.corridor.detect.Detection;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that gives no document is refused, never taken as "valid, 0 documents" (in the gateway or the CLI). */
class DocumentReaderTest {

    /** A reader of a made-up format that reads without fault and finds nothing. */
    private static final DocumentParser NOTHING = new DocumentParser() {
        @Override
        public Optional<Detection> recognise(Detection format, String head) {
            return Optional.of(new Detection(Detection.JSON, "EMPTY-LIST", "1"));
        }

        @Override
        public boolean accepts(Detection detection) {
            return true;
        }

        @Override
        public String version(Detection detection) {
            return "1";
        }

        @Override
        public List<ParsedMessage> parse(byte[] content, Detection detection) {
            return List.of();
        }
    };

    private final DocumentReader reader = new DocumentReader(new ContentDetector(), List.of(NOTHING));

    @Test
    void refusesAFileThatGivesNoDocument() {
        byte[] content = "[]".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(content, "empty.json", "sha", "D-1"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_DOCUMENT);
                    assertThat(e.problem().location().line()).isEqualTo(1);
                    assertThat(e.problem().message()).contains("holds no document");
                });
    }

    @Test
    void refusesItOnTheCommandLinesStreamingPathToo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("empty.json"), "[]");

        assertThatThrownBy(() -> reader.stream(
                        file, reader.detect(Files.readAllBytes(file)), "empty.json", "sha", "D-1", d -> {}))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_DOCUMENT));
    }
}
