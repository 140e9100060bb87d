package org.corridor.as2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.corridor.support.As2TestKeys;
import org.corridor.support.GatewayProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Corridor gateways, each in a JVM of its own, speak AS2 to each other over real HTTP: the exporter's gateway
 * (interchange id FWOPK, AS2 name FWOPK-AS2) and the buyer's (USSMUS, USSMUS-AS2), with certificates made for the
 * test. An invoice dropped at the exporter's gateway goes to the buyer's as a signed, encrypted and compressed EDIFACT
 * INVOIC with a synchronous signed receipt; the buyer's gateway processes it like any file and sends its CONTRL back
 * the same way, with an asynchronous receipt; the exporter's gateway takes the CONTRL as the buyer's acknowledgement.
 * Then the buyer's gateway is killed (SIGKILL) while the exporter's sends: retried until it is back, received once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class As2BetweenGatewaysTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Path ROOT =
            Path.of("target", "test-homes", "as2-gateways-" + RUN).toAbsolutePath();
    private static final String VIEWER = "viewer-" + RUN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Path SAMPLE = Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi");

    private static GatewayProcess exporter;
    private static GatewayProcess buyer;

    @BeforeAll
    static void startBothGateways() throws IOException {
        As2TestKeys ca = As2TestKeys.authority("Corridor test CA " + RUN);
        As2TestKeys fwo = As2TestKeys.issuedBy(ca, "FWOPK-AS2");
        As2TestKeys ussm = As2TestKeys.issuedBy(ca, "USSMUS-AS2");
        Path exporterHome = ROOT.resolve("exporter");
        Path buyerHome = ROOT.resolve("buyer");
        exporter = new GatewayProcess(exporterHome, env(), arguments("FWOPK", "FWOPK-AS2"));
        buyer = new GatewayProcess(buyerHome, env(), arguments("USSMUS", "USSMUS-AS2"));

        // the exporter's gateway: the buyer over AS2, synchronous receipts, the buyer's CONTRL expected
        Path exporterStore = As2TestKeys.keyStore(
                exporterHome.resolve("keys/USSMUS.p12"), "pw-" + RUN, fwo, "corridor", ussm, "partner");
        partnerFile(exporterHome, "USSMUS", """
                id: USSMUS
                name: US Strategic Metals
                roles: [BUYER, CONSIGNEE]
                interchangeIds: [{ qualifier: ZZZ, id: USSMUS }]
                endpoint: { channel: AS2, url: "http://127.0.0.1:%d/as2" }
                retry: { maxRetries: 12, initialDelay: PT1S, multiplier: 1.5, maxDelay: PT4S }
                ack: { expected: CONTRL, overdueAfter: PT1H }
                as2:
                  id: USSMUS-AS2
                  keyStore: %s
                  keyStorePasswordProperty: AS2_KEYSTORE_PASSWORD
                  ourKeyAlias: corridor
                  partnerCertificateAlias: partner
                  encryption: AES256_CBC
                  compression: ZLIB
                  mdn: { mode: SYNC }
                  receiptUrls: ["http://localhost:%d/as2/mdn"]   # corridor.as2.public-url: localhost by default
                """.formatted(buyer.port(), exporterStore, buyer.port()));

        // the buyer's gateway: the exporter over AS2 too, asynchronous receipts posted back to the buyer's gateway
        Path buyerStore = As2TestKeys.keyStore(
                buyerHome.resolve("keys/FWOPK.p12"), "pw-" + RUN, ussm, "corridor", fwo, "partner");
        partnerFile(buyerHome, "FWOPK", """
                id: FWOPK
                name: Frontier Works Organisation
                roles: [EXPORTER, SHIPPER]
                interchangeIds: [{ qualifier: ZZZ, id: FWOPK }]
                endpoint: { channel: AS2, url: "http://127.0.0.1:%d/as2" }
                retry: { maxRetries: 3, initialDelay: PT0.5S }
                ack: { expected: NONE }
                as2:
                  id: FWOPK-AS2
                  keyStore: %s
                  keyStorePasswordProperty: AS2_KEYSTORE_PASSWORD
                  ourKeyAlias: corridor
                  partnerCertificateAlias: partner
                  encryption: AES128_CBC
                  compression: ZLIB
                  mdn: { mode: ASYNC, asyncTimeout: PT2M }
                """.formatted(exporter.port(), buyerStore));

        exporter.start(Duration.ofSeconds(150));
        buyer.start(Duration.ofSeconds(150));
    }

    @AfterAll
    static void stopBoth() {
        for (GatewayProcess g : new GatewayProcess[] {exporter, buyer}) {
            if (g != null) {
                g.close();
            }
        }
    }

    @Test
    @Order(1)
    void anInvoiceGoesOverAs2AndItsContrlComesBackTheSameWay() throws Exception {
        drop(
                Files.readString(SAMPLE, StandardCharsets.ISO_8859_1),
                SAMPLE.getFileName().toString());

        // the buyer's gateway received the invoice from FWOPK over AS2 and delivered it to its own USSMUS folder
        JsonNode received = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> invoiceAt(buyer, "FWO-PINV-2025-0201"),
                        d -> d != null && "DELIVERED".equals(d.path("status").asText()));
        assertThat(received.path("sender").asText()).isEqualTo("FWOPK");
        assertThat(received.path("intake").asText()).isEqualTo("as2:FWOPK");

        // the exporter's gateway delivered it over AS2 (the buyer's signed receipt checked) and took the buyer's
        // CONTRL, which came back over AS2 with an asynchronous receipt, as the acknowledgement
        JsonNode sent = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> invoiceAt(exporter, "FWO-PINV-2025-0201"),
                        d -> d != null
                                && "ACKNOWLEDGED"
                                        .equals(delivery(d, "USSMUS")
                                                .path("state")
                                                .asText()));
        assertThat(delivery(sent, "USSMUS").path("channel").asText()).isEqualTo("AS2");
        assertThat(delivery(sent, "USSMUS").path("attempts").asInt()).isEqualTo(1);

        // and the buyer's gateway counts its CONTRL (a document of its own, <id>-ack) delivered once the exporter's
        // asynchronous receipt came
        String contrl = "/api/documents/" + received.path("id").asText() + "-ack";
        assertThat(received.path("businessNumber").asText()).isEqualTo("FWO-PINV-2025-0201");
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "DELIVERED"
                        .equals(delivery(get(buyer, contrl), "FWOPK")
                                .path("state")
                                .asText()));
        assertThat(delivery(get(buyer, contrl), "FWOPK").path("channel").asText())
                .isEqualTo("AS2");
    }

    /**
     * The buyer's gateway is killed (SIGKILL) while the exporter's sends it an invoice: the exporter's retries find it
     * back once it is started again, and the invoice arrives once, is acknowledged once, and nothing is lost.
     */
    @Test
    @Order(2)
    void anInvoiceSentWhileTheBuyersGatewayIsKilledArrivesOnceWhenItIsBack() throws Exception {
        buyer.kill();
        String invoice = Files.readString(SAMPLE, StandardCharsets.ISO_8859_1)
                .replace("FWO0000201", "FWO0000202")
                .replace("FWO-PINV-2025-0201", "FWO-PINV-2025-0202");
        drop(invoice, "FWOPK-INVOIC-FWO-PINV-2025-0202.edi");

        // the exporter's gateway tries, and fails, while nobody answers
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> exporter.log().stream()
                        .anyMatch(l -> l.contains("to USSMUS failed") && l.contains("retry 1 follows")));
        buyer.start(Duration.ofSeconds(150));

        JsonNode sent = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> invoiceAt(exporter, "FWO-PINV-2025-0202"),
                        d -> d != null
                                && "ACKNOWLEDGED"
                                        .equals(delivery(d, "USSMUS")
                                                .path("state")
                                                .asText()));
        assertThat(delivery(sent, "USSMUS").path("attempts").asInt()).isGreaterThan(1);
        assertThat(invoicesAt(buyer, "FWO-PINV-2025-0202"))
                .as("the invoice at the buyer's gateway, once")
                .hasSize(1);
        assertThat(invoicesAt(buyer, "FWO-PINV-2025-0201"))
                .as("and the first one still once")
                .hasSize(1);
    }

    private static void drop(String content, String name) throws IOException {
        Path inbox = exporter.home().resolve("inbox/any");
        Files.createDirectories(inbox);
        Path temporary = inbox.resolve(".incoming-" + RUN + "-" + name);
        Files.writeString(temporary, content, StandardCharsets.ISO_8859_1);
        Files.move(temporary, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The gateway's invoice document with this number that has deliveries, or null while there is none. */
    private static JsonNode invoiceAt(GatewayProcess gateway, String number) throws IOException, InterruptedException {
        List<JsonNode> invoices = invoicesAt(gateway, number);
        return invoices.isEmpty() ? null : invoices.get(0);
    }

    /** The gateway's invoice documents with this number (those with deliveries: the one message of the file). */
    private static List<JsonNode> invoicesAt(GatewayProcess gateway, String number)
            throws IOException, InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : get(gateway, "/api/documents?kind=INVOICE&size=50").path("items")) {
            JsonNode document = get(gateway, "/api/documents/" + item.path("id").asText());
            if (document.path("deliveries").size() > 0
                    && number.equals(document.path("businessNumber").asText())) {
                found.add(document);
            }
        }
        return found;
    }

    private static JsonNode delivery(JsonNode document, String partner) {
        if (document == null) {
            return JSON.missingNode();
        }
        for (JsonNode d : document.path("deliveries")) {
            if (partner.equals(d.path("partner").asText())) {
                return d;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode get(GatewayProcess gateway, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                        .header("Authorization", "Bearer " + VIEWER)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, String> env() {
        return Map.of("CORRIDOR_API_VIEWER_TOKEN", VIEWER, "AS2_KEYSTORE_PASSWORD", "pw-" + RUN);
    }

    private static List<String> arguments(String interchangeId, String as2Id) {
        return List.of(
                "--corridor.edi.interchange-id=" + interchangeId,
                "--corridor.as2.id=" + as2Id,
                "--corridor.intake.read-lock-min-age-ms=100",
                "--corridor.intake.read-lock-check-interval-ms=20",
                "--corridor.intake.poll-delay-ms=100");
    }

    private static void partnerFile(Path home, String id, String content) throws IOException {
        Files.createDirectories(home.resolve("partners"));
        Files.writeString(home.resolve("partners").resolve(id + ".yaml"), content);
    }
}
