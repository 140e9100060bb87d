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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.CorridorProperties;
import org.corridor.base.CorridorProperties.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Partner files: read and checked, merged with the corridor.partners overrides, secrets resolved by name. */
class PartnerRegistryTest {

    private static final Path SAMPLES = Path.of("sample-docs/partners");
    private static final CorridorProperties.Delivery DELIVERY =
            new CorridorProperties.Delivery(6, 1000, 2, 60000, 5000, 30000, 10000, 30000);

    @TempDir
    Path dir;

    @Test
    void readsEverySamplePartnerFile() {
        assertThat(PartnerFiles.list(SAMPLES))
                .extracting(p -> PartnerFiles.read(p).id())
                .containsExactly("FWOPK", "USBROKER", "USSMUS");
        PartnerProfile broker = PartnerFiles.read(SAMPLES.resolve("USBROKER.yaml"));
        assertThat(broker.ack().expected()).isEqualTo(PartnerProfile.AckType.X997);
        assertThat(broker.ack().overdueAfter()).isEqualTo(Duration.ofHours(4));
        assertThat(broker.interchangeIds()).containsExactly(new PartnerProfile.InterchangeId("ZZ", "USBROKER"));
        assertThat(broker.formats()).containsEntry("PACKING_LIST", "CANONICAL_JSON");
    }

    @Test
    void refusesUnknownChannelNamingFileAndField() throws IOException {
        Path file = write("ACME.yaml", "id: ACME\nname: Acme\nendpoint:\n  channel: FTP\n");
        assertThatThrownBy(() -> PartnerFiles.read(file))
                .isInstanceOf(InvalidPartnerException.class)
                .hasMessageContaining("ACME.yaml")
                .hasMessageContaining("field \"endpoint.channel\"")
                .hasMessageContaining("FTP");
    }

    @Test
    void refusesUnknownFieldAndBadValuesNamingEachField() throws IOException {
        Path unknown = write("ACME.yaml", "id: ACME\nname: Acme\nauth:\n  type: bearer\n  token: s3cret\n");
        assertThatThrownBy(() -> PartnerFiles.read(unknown))
                .hasMessageContaining("ACME.yaml")
                .hasMessageContaining("unknown field \"auth.token\"")
                .hasMessageContaining("line 5");
        Path bad = write("BAD.yaml", """
                id: BAD
                name: Bad
                formats: { CARGO_MANIFEST: X12_309, INVOICE: PDF, SHIPMENT_DOSSIER: us_broker_data_set }
                endpoint: { channel: HTTP }
                auth: { type: basic, secretProperty: BAD_PASSWORD }
                retry: { maxRetries: -1 }
                ack: { expected: "997" }
                """);
        assertThatThrownBy(() -> PartnerFiles.read(bad))
                .hasMessageContaining("BAD.yaml")
                .hasMessageContaining("field \"formats.CARGO_MANIFEST\": not a document kind")
                .hasMessageContaining("field \"formats.INVOICE\": \"PDF\" is not one of CANONICAL_JSON,")
                .hasMessageNotContaining("formats.SHIPMENT_DOSSIER")
                .hasMessageContaining("field \"endpoint.url\" must be an http:// or https:// address")
                .hasMessageContaining("field \"auth.username\" is missing (basic)")
                .hasMessageContaining("field \"retry.maxRetries\" must be 0 or more")
                .hasMessageContaining("field \"ack.overdueAfter\" is missing");
        Path ack = write("ACK.yaml", "id: ACK\nname: Ack\nack: { expected: '998', overdueAfter: PT1H }\n");
        assertThatThrownBy(() -> PartnerFiles.read(ack))
                .hasMessageContaining("field \"ack.expected\"")
                .hasMessageContaining("not one of CONTRL, 997, 999, NONE");
    }

    @Test
    void readsTheKindsAPartnerMaySendAndRefusesOnesNobodySends() throws IOException {
        Path narrow = write("FWOPK.yaml", "id: FWOPK\nname: Frontier\nissues: [INVOICE, PACKING_LIST]\n");
        assertThat(PartnerFiles.read(narrow).issues()).containsExactly("INVOICE", "PACKING_LIST");

        Path bad = write("BAD.yaml", "id: BAD\nname: Bad\nissues: [INVOYCE, SHIPMENT_DOSSIER]\n");
        assertThatThrownBy(() -> PartnerFiles.read(bad))
                .hasMessageContaining("BAD.yaml")
                .hasMessageContaining("field \"issues\": \"INVOYCE\" is not a document kind a partner sends")
                .hasMessageContaining("field \"issues\": \"SHIPMENT_DOSSIER\" is not a document kind a partner sends");
    }

    @Test
    void readsThePriceSourcesAPartnerMaySendAndRefusesOnesNoPriceFileCouldName() throws IOException {
        Path own = write("USSMUS.yaml", "id: USSMUS\nname: US Strategic Metals\nprices: { sources: [USSMUS] }\n");
        assertThat(PartnerFiles.read(own).prices().sources()).containsExactly("USSMUS");
        assertThat(PartnerFiles.read(write("KHILAB.yaml", "id: KHILAB\nname: Lab\n"))
                        .prices())
                .isNull();

        Path bad = write("BAD.yaml", "id: BAD\nname: Bad\nprices: { sources: [\"LME/3M\"] }\n");
        assertThatThrownBy(() -> PartnerFiles.read(bad))
                .hasMessageContaining("BAD.yaml")
                .hasMessageContaining("field \"prices.sources\": \"LME/3M\" is not a price source");
        Path none = write("NONE.yaml", "id: NONE\nname: None\nprices: { sources: [] }\n");
        assertThatThrownBy(() -> PartnerFiles.read(none))
                .hasMessageContaining("field \"prices.sources\" names no source (such as [NONE])");
    }

    @Test
    void resolvesSecretsByNameAndLetOverridesReplaceEndpointFields() throws IOException {
        write("USSMUS.yaml", """
                id: USSMUS
                name: US Strategic Metals
                endpoint: { channel: HTTP, url: "https://ussm.example/in" }
                auth: { type: basic, username: corridor, secretProperty: USSMUS_PASSWORD }
                timeouts: { connect: PT3S }
                retry: { maxRetries: 2, initialDelay: PT0.5S }
                """);
        write("FWOPK.yaml", """
                id: FWOPK
                name: Frontier Works Organisation
                endpoint: { channel: HTTP, url: "https://fwo.example/in" }
                auth: { type: api-key, header: X-Api-Key, secretProperty: FWO_KEY }
                inbound: { http: { auth: bearer, secretProperty: FWO_INBOUND } }
                """);
        MockEnvironment env = new MockEnvironment()
                .withProperty("USSMUS_PASSWORD", "pa:ss")
                .withProperty("FWO_KEY", "k-123")
                .withProperty("FWO_INBOUND", "in-456");
        CorridorProperties.Partner override = new CorridorProperties.Partner(
                null, null, URI.create("https://ussm-dr.example/in"), null, null, null, null, null, null, null);
        PartnerRegistry registry = registry(env, Map.of("ussmus", override));

        Map<String, RegisteredPartner> loaded = registry.load();
        RegisteredPartner ussmus = loaded.get("USSMUS");
        assertThat(ussmus.endpoint().channel()).isEqualTo(Channel.HTTP);
        assertThat(ussmus.endpoint().url()).hasToString("https://ussm-dr.example/in");
        assertThat(ussmus.auth().header()).isEqualTo("Authorization");
        assertThat(ussmus.auth().value())
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("corridor:pa:ss".getBytes()));
        assertThat(ussmus.connectTimeoutMs()).isEqualTo(3000);
        assertThat(ussmus.responseTimeoutMs()).isEqualTo(30000);
        assertThat(ussmus.retry()).isEqualTo(new RegisteredPartner.RetryPolicy(2, 500, 2, 60000));
        assertThat(ussmus.toString()).doesNotContain("pa:ss");
        assertThat(loaded.get("FWOPK").auth()).isEqualTo(new RegisteredPartner.HttpAuth("X-Api-Key", "k-123"));
        // every recipient of the sample agreement is registered; one without a file gets a folder
        assertThat(loaded).containsKeys("USBROKER");
        assertThat(loaded.get("USBROKER").endpoint().channel()).isEqualTo(Channel.FOLDER);

        setPartners(registry, loaded);
        assertThat(registry.authenticateInbound("Bearer in-456"))
                .map(RegisteredPartner::id)
                .contains("FWOPK");
        assertThat(registry.authenticateInbound("Bearer in-45")).isEmpty();
        assertThat(registry.authenticateInbound(null)).isEmpty();
    }

    @Test
    void refusesStartWhenANamedSecretIsNotSet() throws IOException {
        write("USSMUS.yaml", """
                id: USSMUS
                name: US Strategic Metals
                endpoint: { channel: HTTP, url: "https://ussm.example/in" }
                auth: { type: bearer, secretProperty: USSMUS_TOKEN }
                """);
        assertThatThrownBy(() -> registry(new MockEnvironment(), Map.of()).load())
                .isInstanceOf(InvalidPartnerException.class)
                .hasMessageContaining("USSMUS.yaml")
                .hasMessageContaining("field \"auth.secretProperty\" names USSMUS_TOKEN, which is not set");
    }

    @Test
    void refusesFileNotNamedAfterItsPartner() throws IOException {
        write("ussm.yaml", "id: USSMUS\nname: US Strategic Metals\n");
        assertThatThrownBy(() -> registry(new MockEnvironment(), Map.of()).load())
                .hasMessageContaining("ussm.yaml")
                .hasMessageContaining("must be named after it (USSMUS.yaml)");
    }

    private PartnerRegistry registry(MockEnvironment env, Map<String, CorridorProperties.Partner> overrides) {
        CorridorProperties properties = new CorridorProperties(dir, List.of(dir), null, DELIVERY, overrides);
        PartnerSettings settings =
                new PartnerSettings(List.of(dir), null, new PartnerSettings.Acks(Duration.ofMinutes(1)));
        AgreementCatalog agreements = AgreementCatalog.of(AGREEMENT_FILES.readAll(Path.of("sample-docs/agreements")));
        return new PartnerRegistry(settings, properties, agreements, env, null, null, Clock.systemUTC(), null);
    }

    private static void setPartners(PartnerRegistry registry, Map<String, RegisteredPartner> loaded) {
        registry.use(loaded);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
