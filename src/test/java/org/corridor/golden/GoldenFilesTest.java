package org.corridor.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalJson;
import org.corridor.cli.CorridorCli;
import org.corridor.problem.RejectedException;
import org.corridor.process.DocumentPipeline;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in sample-docs/ against its expected output: a good sample must convert to exactly the canonical JSON
 * in {@code expected/<name>.json} (what {@code convert --to canonical} prints); a {@code BAD_*} sample must be refused
 * with exactly the code and place in {@code expected/<name>.error.json}.
 */
class GoldenFilesTest {

    private static final Path SAMPLES = Path.of("sample-docs");
    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;

    @BeforeAll
    static void pipeline() {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    static Stream<Path> goodSamples() throws IOException {
        return samples().filter(p -> !p.getFileName().toString().startsWith("BAD_"));
    }

    static Stream<Path> badSamples() throws IOException {
        return samples().filter(p -> p.getFileName().toString().startsWith("BAD_"));
    }

    /**
     * Document samples: everything under sample-docs except agreements, partners, prices, expected outputs and notes. The
     * documents of the good sample dossiers are samples like any other; the BAD_ dossiers are copies of a good one
     * with one fault each, whose findings SampleDossiersTest checks.
     */
    static Stream<Path> samples() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            all = files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(SAMPLES.resolve("agreements")))
                    .filter(p -> !p.startsWith(SAMPLES.resolve("partners")))
                    // price files are settlement input, not documents (PriceFileGoldenTest)
                    .filter(p -> !p.startsWith(SAMPLES.resolve("prices")))
                    .filter(p -> !isBadDossier(p))
                    // a dossier's expected outputs (findings, the US broker's data set) beside its documents
                    .filter(p -> !p.getFileName().toString().startsWith("expected-"))
                    .filter(p -> !p.toString().contains("/expected/"))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
        assertThat(all).as("samples under %s", SAMPLES).isNotEmpty();
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodSamples")
    void convertsSampleToItsExpectedCanonicalJson(Path sample) throws IOException {
        byte[] content = Files.readAllBytes(sample);
        String sha = Hashing.sha256Hex(content);
        String actual = CanonicalJson.writeAll(
                pipeline.toCanonical(content, sample.getFileName().toString(), sha, CorridorCli.idFor(sha)));

        Path expected = expectedFor(sample, ".json");
        assertThat(expected).as("expected output of %s", sample).exists();
        assertThat(actual).isEqualTo(Files.readString(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSamples")
    void refusesBadSampleWithItsExpectedCodeAndPlace(Path sample) throws IOException {
        Path expectedFile = expectedFor(sample, ".error.json");
        assertThat(expectedFile).as("expected error of %s", sample).exists();
        JsonNode expected = CanonicalJson.mapper()
                .readTree(expectedFile.toFile())
                .get("problems")
                .get(0);
        byte[] content = Files.readAllBytes(sample);
        String sha = Hashing.sha256Hex(content);

        assertThatThrownBy(() ->
                        pipeline.toCanonical(content, sample.getFileName().toString(), sha, CorridorCli.idFor(sha)))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code().name())
                            .isEqualTo(expected.get("code").asText());
                    assertThat(e.problem().location().line()).isEqualTo(intOrNull(expected, "line"));
                    assertThat(e.problem().location().column()).isEqualTo(intOrNull(expected, "column"));
                    assertThat(e.problem().location().field()).isEqualTo(textOrNull(expected, "field"));
                    assertThat(e.problem().location().segment()).isEqualTo(textOrNull(expected, "segment"));
                    assertThat(e.problem().location().position()).isEqualTo(intOrNull(expected, "position"));
                    assertThat(e.problem().message())
                            .isEqualTo(expected.get("message").asText());
                });
    }

    private static boolean isBadDossier(Path p) {
        Path dossiers = SAMPLES.resolve("dossiers");
        return p.startsWith(dossiers)
                && p.getNameCount() > dossiers.getNameCount() + 1
                && p.getName(dossiers.getNameCount()).toString().startsWith("BAD_");
    }

    private static Path expectedFor(Path sample, String suffix) {
        String name = sample.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return sample.resolveSibling("expected").resolve(stem + suffix);
    }

    private static Integer intOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
