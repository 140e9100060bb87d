package org.corridor.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/mig/as2.md, kept true: its example partner file is one Corridor reads, it names every field of the {@code as2:}
 * block, its table of algorithms is exactly what partner files may choose, and it lists every disposition the
 * endpoint sends (the texts As2InboundGatewayTest sees in real receipts).
 */
class As2GuideTest {

    private static final Path GUIDE = Path.of("docs/mig/as2.md");

    @TempDir
    Path dir;

    @Test
    void theExamplePartnerFileIsValidAndNamesEveryField() throws IOException {
        String guide = Files.readString(GUIDE);
        Matcher yaml =
                Pattern.compile("```yaml\n(id: USSMUS\n.*?)```", Pattern.DOTALL).matcher(guide);
        assertThat(yaml.find()).as("the example partner file in section 1").isTrue();
        PartnerProfile example = PartnerFiles.read(Files.writeString(dir.resolve("USSMUS.yaml"), yaml.group(1)));

        assertThat(example.as2()).isNotNull();
        assertThat(example.as2().mdn()).isNotNull();
        for (var field : PartnerProfile.As2.class.getRecordComponents()) {
            assertThat(yaml.group(1))
                    .as("the example shows as2.%s", field.getName())
                    .contains(field.getName() + ":");
        }
        for (var field : PartnerProfile.Mdn.class.getRecordComponents()) {
            assertThat(yaml.group(1))
                    .as("the example shows as2.mdn.%s", field.getName())
                    .contains(field.getName() + ":");
        }
    }

    @Test
    void theAlgorithmTableIsWhatPartnerFilesMayChoose() throws IOException {
        String guide = Files.readString(GUIDE);
        assertThat(row(guide, "signing")).isEqualTo(As2Fields.SIGNING);
        Set<String> encryption = new LinkedHashSet<>(As2Fields.ENCRYPTION);
        encryption.add("NONE");
        assertThat(row(guide, "encryption")).isEqualTo(encryption);
        assertThat(row(guide, "compression")).containsExactlyInAnyOrder("ZLIB", "NONE");
        assertThat(row(guide, "mdn.mode"))
                .isEqualTo(Arrays.stream(PartnerProfile.MdnMode.values())
                        .map(Enum::name)
                        .collect(java.util.stream.Collectors.toSet()));
        assertThat(row(guide, "mdn.micAlgorithm")).isEqualTo(As2Fields.MIC.keySet());
    }

    @Test
    void everyDispositionTheEndpointSendsIsExplained() throws IOException {
        String guide = Files.readString(GUIDE);
        for (String disposition : List.of(
                "`processed`",
                "`processed/error: authentication-failed`",
                "`processed/error: decryption-failed`",
                "`processed/error: insufficient-message-security`",
                "`processed/error: unexpected-processing-error`",
                "`processed/failure: unknown AS2-From <name>`",
                "`processed/failure: AS2-To <name> is not <ours>`",
                "`processed/failure: no usable Message-Id`",
                "`processed/failure: receipt address <url> is not listed for <your name>`",
                "`processed/failure: the message is empty`",
                "`processed/failure: the compressed payload expands beyond <n> bytes`",
                "`processed/failure: duplicate Message-ID with different content`")) {
            assertThat(guide).contains("| " + disposition + " |");
        }
    }

    /** The values in the guide's table row for this field, each in backquotes. */
    private static Set<String> row(String guide, String field) {
        Matcher row = Pattern.compile("\n\\| `" + Pattern.quote(field) + "` \\| (.*) \\|\n")
                .matcher(guide);
        assertThat(row.find()).as("a row for %s", field).isTrue();
        Set<String> values = new LinkedHashSet<>();
        Matcher value = Pattern.compile("`([^`]+)`").matcher(row.group(1));
        while (value.find()) {
            values.add(value.group(1));
        }
        return values;
    }
}
