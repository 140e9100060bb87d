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

    @Test
    void refusesAFileOfAFormatReadWholeThatIsLargerThanItReadsBeforeReadingIt(@TempDir Path dir) throws Exception {
        // a gigabyte read whole would take the heap (or be more than a Java array holds): the size alone refuses it.
        // Sparse: a 1 GB file that takes no disk, "[]" at its start.
        Path file = dir.resolve("huge.json");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.write("[]".getBytes(StandardCharsets.UTF_8));
            raf.setLength(1L << 30);
        }
        Detection json = new Detection(Detection.JSON, "EMPTY-LIST", "1");
        List<Object> read = new java.util.ArrayList<>();

        assertThatThrownBy(() -> reader.stream(file, json, "huge.json", "sha", "D-1", read::add))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
                    assertThat(e.problem().message()).contains("1073741824 bytes", "at most 67108864 bytes");
                });
        assertThat(read).isEmpty();
    }

    @Test
    void readsAFileOfExactlyTheLargestSizeWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("largest.json");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.write("[]".getBytes(StandardCharsets.UTF_8));
            raf.setLength(DocumentReader.MAX_WHOLE_BYTES);
        }

        // read whole and handed to the parser, which finds no document in it
        assertThatThrownBy(() -> reader.stream(
                        file, new Detection(Detection.JSON, "EMPTY-LIST", "1"), "largest.json", "sha", "D-1", d -> {}))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.NO_DOCUMENT));
    }
}
