package org.corridor.settlement.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.corridor.canonical.CanonicalJson;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every price file in sample-docs/prices against its expected output: a good file reads to exactly the rows in
 * {@code expected/<name>.json}; a {@code BAD_*} file is refused with exactly the code, place and words of
 * {@code expected/<name>.error.json} (docs/mig/prices.md quotes them; PriceGuideTest keeps it true).
 */
class PriceFileGoldenTest {

    static final Path SAMPLES = Path.of("sample-docs/prices");

    static Stream<Path> goodSamples() throws IOException {
        return samples().filter(p -> !p.getFileName().toString().startsWith("BAD_"));
    }

    static Stream<Path> badSamples() throws IOException {
        return samples().filter(p -> p.getFileName().toString().startsWith("BAD_"));
    }

    private static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodSamples")
    void readsGoodPriceFileToItsExpectedRows(Path sample) throws IOException {
        PriceFile file = PriceFileReader.read(sample.getFileName().toString(), Files.readAllBytes(sample));

        Path expected = expectedFor(sample, ".json");
        assertThat(expected).as("expected output of %s", sample).exists();
        assertThat(json(file)).isEqualTo(Files.readString(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSamples")
    void refusesBadPriceFileWithItsExpectedCodeAndPlace(Path sample) throws IOException {
        Path expected = expectedFor(sample, ".error.json");
        assertThat(expected).as("expected error of %s", sample).exists();
        byte[] content = Files.readAllBytes(sample);

        assertThatThrownBy(() -> PriceFileReader.read(sample.getFileName().toString(), content))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(json(sample.getFileName().toString(), e.problem()))
                                .isEqualTo(readString(expected)));
    }

    /** The rows as the golden file holds them. */
    static String json(PriceFile file) throws IOException {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("file", file.fileName());
        root.put("rows", file.rows().size());
        ArrayNode metals = root.putArray("metals");
        file.metals().forEach(metals::add);
        ArrayNode prices = root.putArray("prices");
        for (PriceFile.Row row : file.rows()) {
            PricePoint p = row.point();
            ObjectNode o = prices.addObject();
            o.put("line", row.line());
            o.put("date", p.date().toString());
            o.put("metal", p.metal());
            o.put("price", p.price());
            o.put("unit", p.unit());
            o.put("source", p.source());
        }
        return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** A refusal as the golden file holds it (the form of sample-docs/assay/expected/BAD_*.error.json). */
    static String json(String fileName, Problem problem) {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("file", fileName);
        root.put("valid", false);
        root.put("rows", 0);
        ObjectNode o = root.putArray("problems").addObject();
        o.put("code", problem.code().name());
        o.put("meaning", problem.code().meaning());
        if (problem.location().line() != null) {
            o.put("line", problem.location().line());
        }
        if (problem.location().column() != null) {
            o.put("column", problem.location().column());
        }
        if (problem.location().field() != null) {
            o.put("field", problem.location().field());
        }
        o.put("message", problem.message());
        try {
            return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path expectedFor(Path sample, String suffix) {
        String name = sample.getFileName().toString();
        return sample.resolveSibling("expected").resolve(name.substring(0, name.lastIndexOf('.')) + suffix);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(Path file) throws IOException {
        return CanonicalJson.mapper().readTree(file.toFile());
    }
}
