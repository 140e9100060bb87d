package org.corridor.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.CorridorProperties;
import org.corridor.base.CorridorProperties.Channel;
import org.corridor.support.As2TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** A partner file's {@code as2:} block: read, checked field by field, its keys loaded at start. */
class As2PartnerFilesTest {

    private static final CorridorProperties.Delivery DELIVERY =
            new CorridorProperties.Delivery(6, 1000, 2, 60000, 5000, 30000, 10000, 30000);

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    private static As2TestKeys ours;
    private static As2TestKeys theirs;
    private static Path store;
    private static Path expiredStore;

    @BeforeAll
    static void keyStores() {
        As2TestKeys ca = As2TestKeys.authority("Partner files CA");
        ours = As2TestKeys.issuedBy(ca, "CORRIDOR");
        theirs = As2TestKeys.issuedBy(ca, "USSMUS");
        store = As2TestKeys.keyStore(keys.resolve("USSMUS.p12"), "secret", ours, "corridor", theirs, "ussmus");
        expiredStore = As2TestKeys.keyStore(
                keys.resolve("OLD.p12"), "secret", ours, "corridor", As2TestKeys.expiredIssuedBy(ca, "OLD"), "ussmus");
    }

    @Test
    void readsTheAs2BlockLoadsTheKeysAndFillsTheDefaults() throws IOException {
        write("USSMUS.yaml", """
                id: USSMUS
                name: US Strategic Metals
                endpoint: { channel: AS2, url: "http://as2.ussm.example:4080/as2/receive" }
                as2:
                  id: USSMUS-AS2
                  keyStore: %s
                  keyStorePasswordProperty: USSMUS_AS2_PASSWORD
                  ourKeyAlias: corridor
                  partnerCertificateAlias: ussmus
                """.formatted(store));
        PartnerRegistry registry = registry(new MockEnvironment().withProperty("USSMUS_AS2_PASSWORD", "secret"));

        Map<String, RegisteredPartner> loaded = registry.load();
        RegisteredPartner ussmus = loaded.get("USSMUS");
        RegisteredPartner.As2 as2 = ussmus.as2();
        assertThat(ussmus.endpoint().channel()).isEqualTo(Channel.AS2);
        assertThat(as2.partnerAs2Id()).isEqualTo("USSMUS-AS2");
        assertThat(as2.ourAs2Id()).as("corridor.as2.id's default").isEqualTo("CORRIDOR");
        assertThat(as2.ourKey().getEncoded()).isEqualTo(ours.privateKey().getEncoded());
        assertThat(as2.ourChain()).containsExactly(ours.chain());
        assertThat(as2.partnerChain()).containsExactly(theirs.certificate());
        assertThat(as2.signing()).isEqualTo("SHA256WITHRSA");
        assertThat(as2.encryption()).isEqualTo("AES256_CBC");
        assertThat(as2.compression()).isNull();
        assertThat(as2.asyncMdn()).isFalse();
        assertThat(as2.micAlgorithm()).isEqualTo("sha-256");
        assertThat(as2.asyncTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(ussmus.toString()).doesNotContain("secret").contains("USSMUS-AS2");

        registry.use(loaded);
        assertThat(registry.byAs2Id("USSMUS-AS2")).map(RegisteredPartner::id).contains("USSMUS");
        assertThat(registry.byAs2Id("USSMUS")).isEmpty();
        assertThat(registry.byAs2Id(null)).isEmpty();
    }

    @Test
    void readsWhatAPartnerFileChooses() throws IOException {
        write("USSMUS.yaml", """
                id: USSMUS
                name: US Strategic Metals
                endpoint: { channel: AS2, url: "https://as2.ussm.example/as2" }
                as2:
                  id: USSMUS-AS2
                  ourId: PK-CORRIDOR
                  keyStore: %s
                  keyStorePasswordProperty: USSMUS_AS2_PASSWORD
                  ourKeyAlias: corridor
                  partnerCertificateAlias: ussmus
                  signing: sha512withrsa
                  encryption: NONE
                  compression: zlib
                  mdn: { mode: ASYNC, micAlgorithm: sha512, asyncTimeout: PT10M }
                  receiptUrls: ["https://as2.ussm.example/mdn"]
                """.formatted(store));

        RegisteredPartner.As2 as2 = registry(new MockEnvironment().withProperty("USSMUS_AS2_PASSWORD", "secret"))
                .load()
                .get("USSMUS")
                .as2();

        assertThat(as2.ourAs2Id()).isEqualTo("PK-CORRIDOR");
        assertThat(as2.signing()).isEqualTo("SHA512WITHRSA");
        assertThat(as2.encryption()).isNull();
        assertThat(as2.compression()).isEqualTo("ZLIB");
        assertThat(as2.asyncMdn()).isTrue();
        assertThat(as2.micAlgorithm()).isEqualTo("sha-512");
        assertThat(as2.asyncTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(as2.receiptUrls()).containsExactly(URI.create("https://as2.ussm.example/mdn"));
    }

    @Test
    void refusesEachBadFieldNamingItAndWeakAlgorithmsSayingSo() throws IOException {
        Path bad = write("BAD.yaml", """
                id: BAD
                name: Bad
                endpoint: { channel: AS2, url: "ftp://as2.bad.example/" }
                as2:
                  id: "bad as2 id"
                  ourId: "<corridor>"
                  signing: SHA1WITHRSA
                  encryption: RC2_CBC
                  compression: GZIP
                  mdn: { micAlgorithm: md5, asyncTimeout: PT0S }
                  receiptUrls: ["mailto:edi@bad.example"]
                """);
        assertThatThrownBy(() -> PartnerFiles.read(bad))
                .isInstanceOf(InvalidPartnerException.class)
                .hasMessageStartingWith(bad + ": ")
                .hasMessageContaining("field \"endpoint.url\" must be the partner's AS2 address, http:// or https://")
                .hasMessageContaining("field \"as2.id\" (the partner's AS2 name) must be 1 to 128 letters")
                .hasMessageContaining("field \"as2.ourId\" must be 1 to 128 letters")
                .hasMessageContaining("field \"as2.keyStore\" is missing")
                .hasMessageContaining("field \"as2.keyStorePasswordProperty\" is missing")
                .hasMessageContaining("field \"as2.ourKeyAlias\" is missing")
                .hasMessageContaining("field \"as2.partnerCertificateAlias\" is missing")
                .hasMessageContaining("field \"as2.signing\": \"SHA1WITHRSA\" is not one of")
                .hasMessageContaining("(it is too weak)")
                .hasMessageContaining("field \"as2.encryption\": \"RC2_CBC\" is not NONE or one of")
                .hasMessageContaining("field \"as2.compression\" must be ZLIB or NONE, not \"GZIP\"")
                .hasMessageContaining("field \"as2.mdn.micAlgorithm\" must be sha-256, sha-384 or sha-512, not \"md5\"")
                .hasMessageContaining("field \"as2.mdn.asyncTimeout\" must be a positive duration")
                .hasMessageContaining("field \"as2.receiptUrls[0]\" must be an http:// or https:// address");

        Path none =
                write("NONE.yaml", "id: NONE\nname: None\nendpoint: { channel: AS2, url: \"http://x.example/\" }\n");
        assertThatThrownBy(() -> PartnerFiles.read(none))
                .hasMessageContaining("field \"as2\" is missing: channel AS2 needs the partner's AS2 id and key store");
        Path mode = write("MODE.yaml", "id: MODE\nname: Mode\nas2: { mdn: { mode: LATER } }\n");
        assertThatThrownBy(() -> PartnerFiles.read(mode)).hasMessageContaining("field \"as2.mdn.mode\"");
    }

    @Test
    void refusesAnExpiredCertificateAnUnsetPasswordAndAnAs2IdTakenTwice() throws IOException {
        String block = """
                id: %s
                name: %s
                as2:
                  id: %s
                  keyStore: %s
                  keyStorePasswordProperty: AS2_PASSWORD
                  ourKeyAlias: corridor
                  partnerCertificateAlias: ussmus
                """;
        Path old = write("OLD.yaml", block.formatted("OLD", "Old", "OLD-AS2", expiredStore));
        assertThatThrownBy(() -> registry(new MockEnvironment().withProperty("AS2_PASSWORD", "secret"))
                        .load())
                .isInstanceOf(InvalidPartnerException.class)
                .hasMessageStartingWith(
                        old + ": field \"as2.partnerCertificateAlias\": the partner's certificate (CN=OLD)")
                .hasMessageContaining("not now: renew it");
        Files.delete(old);

        write("USSMUS.yaml", block.formatted("USSMUS", "US Strategic Metals", "USSMUS-AS2", store));
        assertThatThrownBy(() -> registry(new MockEnvironment()).load())
                .hasMessageContaining("USSMUS.yaml: field \"as2.keyStorePasswordProperty\" names AS2_PASSWORD, which is"
                        + " not set");

        write("TWIN.yaml", block.formatted("TWIN", "Twin", "USSMUS-AS2", store));
        assertThatThrownBy(() -> registry(new MockEnvironment().withProperty("AS2_PASSWORD", "secret"))
                        .load())
                .hasMessageContaining("field \"as2.id\": USSMUS-AS2 is already partner");
    }

    private PartnerRegistry registry(MockEnvironment env) {
        CorridorProperties properties = new CorridorProperties(dir, List.of(dir), null, DELIVERY, Map.of());
        PartnerSettings settings =
                new PartnerSettings(List.of(dir), null, new PartnerSettings.Acks(Duration.ofMinutes(1)));
        AgreementCatalog agreements = AgreementCatalog.of(AGREEMENT_FILES.readAll(Path.of("sample-docs/agreements")));
        return new PartnerRegistry(settings, properties, agreements, env, null, null, Clock.systemUTC(), null);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
