package org.corridor.as2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corridor.support.As2TestKeys;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A gateway whose sample exporter FWOPK also sends AS2, as the inbound AS2 tests boot it. */
final class As2Exporter {

    private As2Exporter() {}

    /**
     * The gateway's home, quick intake, our AS2 name CORRIDOR, and FWOPK's partner file (the sample's) with an
     * {@code as2:} block: its key store holds our key ({@code corridor}) and FWOPK's certificate ({@code fwopk});
     * compressed; {@code moreAs2} adds lines to the block (each indented two spaces, ending in a line break).
     */
    static void gateway(
            DynamicPropertyRegistry registry,
            Path home,
            String password,
            As2TestKeys corridor,
            As2TestKeys fwopk,
            String moreAs2) {
        registry.add("corridor.home", home::toString);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
        registry.add("corridor.as2.id", () -> "CORRIDOR");
        registry.add("TEST_FWOPK_AS2_PASSWORD", () -> password);
        Path keyStore =
                As2TestKeys.keyStore(home.resolve("as2/FWOPK.p12"), password, corridor, "corridor", fwopk, "fwopk");
        try {
            String sample = Files.readString(Path.of("sample-docs/partners/FWOPK.yaml"));
            Files.createDirectories(home.resolve("partners"));
            Files.writeString(home.resolve("partners/FWOPK.yaml"), sample + """
                    as2:
                      id: FWOPK
                      keyStore: %s
                      keyStorePasswordProperty: TEST_FWOPK_AS2_PASSWORD
                      ourKeyAlias: corridor
                      partnerCertificateAlias: fwopk
                      compression: ZLIB
                    """.formatted(keyStore) + moreAs2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
