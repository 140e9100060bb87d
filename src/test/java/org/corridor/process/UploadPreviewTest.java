package org.corridor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.base.Hashing;
import org.corridor.canonical.DocumentKind;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.edi.EdiSchemas;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preview of an upload says what the file claims before it is parsed: for every good sample, the same kinds as
 * the parse finds (so the table of message types cannot drift from the mappers), and each EDI interchange's sender.
 */
class UploadPreviewTest {

    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;
    private static final EdiInterchangeReader EDI = new EdiInterchangeReader(new EdiSchemas());

    @TempDir
    Path dir;

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
        List<Path> all;
        try (Stream<Path> files = Files.walk(Path.of("sample-docs"))) {
            all = files.filter(Files::isRegularFile)
                    .filter(p -> Stream.of("assay", "customs", "packing", "shipping", "edifact", "x12")
                            .anyMatch(folder -> p.startsWith(Path.of("sample-docs", folder))))
                    .filter(p -> !p.toString().contains("/expected/"))
                    .filter(p -> !p.getFileName().toString().startsWith("BAD_"))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
        assertThat(all).isNotEmpty();
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodSamples")
    void previewsTheKindsTheParseFinds(Path sample) throws IOException {
        byte[] content = Files.readAllBytes(sample);
        Set<DocumentKind> parsed =
                pipeline
                        .reader()
                        .read(content, sample.getFileName().toString(), Hashing.sha256Hex(content), "D-TEST")
                        .stream()
                        .map(d -> d.kind())
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DocumentKind.class)));

        assertThat(UploadPreview.of(sample, pipeline.reader(), EDI).kinds()).isEqualTo(parsed);
    }

    @Test
    void previewsTheKindsOfCanonicalJsonDocuments() {
        Path canonical = Path.of("sample-docs/assay/expected/KHILAB-CU-2025-0147.json");

        assertThat(UploadPreview.of(canonical, pipeline.reader(), EDI).kinds())
                .containsExactly(DocumentKind.ASSAY_CERTIFICATE);
    }

    @Test
    void previewsTheSenderOfEveryInterchangeInAFile() throws IOException {
        String one = Files.readString(
                Path.of("sample-docs/edifact/OCEANCAR-IFTSTA-ASOC-BL-2025-0147.edi"), StandardCharsets.ISO_8859_1);
        String two = one.replace("UNB+UNOA:2+OCEANCAR:ZZZ+", "UNB+UNOA:2+USSMUS:ZZZ+")
                .replace("ASOC25103101", "ASOC25103102");
        Path file = Files.writeString(dir.resolve("two.edi"), one + two, StandardCharsets.ISO_8859_1);

        assertThat(UploadPreview.of(file, pipeline.reader(), EDI).envelopes())
                .extracting(EdiEnvelope::sender, EdiEnvelope::senderQualifier, EdiEnvelope::controlRef)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("OCEANCAR", "ZZZ", "ASOC25103101"),
                        org.assertj.core.groups.Tuple.tuple("USSMUS", "ZZZ", "ASOC25103102"));
    }

    @Test
    void claimsNothingForWhatDetectionCannotPlace() throws IOException {
        Path blank = Files.writeString(dir.resolve("blank.txt"), "  \n");
        Path unknown = Files.writeString(dir.resolve("unknown.txt"), "hello");

        assertThat(UploadPreview.of(blank, pipeline.reader(), EDI).kinds()).isEmpty();
        assertThat(UploadPreview.of(unknown, pipeline.reader(), EDI).kinds()).isEmpty();
    }
}
