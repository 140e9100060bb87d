package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.support.HeadlessChromium;
import org.corridor.track.As2Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The AS2 channel with synchronous receipts (issue 19), over real HTTP on loopback to camel-as2's own server: the
 * buyer USSMUS gets its EDIFACT invoice signed, encrypted and compressed, and the delivery counts only when the
 * partner's signed receipt with the right MIC comes back; any other answer is retried, then FAILED with the
 * partner's words and dead-lettered.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class As2DeliveryGatewayTest extends As2PartnerFixture {

    private static final Path HOME =
            Path.of("target", "test-homes", "as2-sync-" + UUID.randomUUID()).toAbsolutePath();
    private static final int PORT = freePort();
    private static final String VIEWER_TOKEN = "viewer-" + UUID.randomUUID();
    private static final String STAFF_PASSWORD = "pw-" + UUID.randomUUID();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        gateway(registry, HOME, PORT, "SYNC", "PT1H");
        registry.add("corridor.api.viewer-token", () -> VIEWER_TOKEN);
        registry.add("corridor.users.vera.role", () -> "VIEWER");
        registry.add("corridor.users.vera.password-hash", () -> new BCryptPasswordEncoder(4).encode(STAFF_PASSWORD));
    }

    @BeforeEach
    void reset() {
        mode = Mode.VALID;
        RECEIVED.clear();
        SENT_HEADERS.clear();
    }

    @Test
    void signedEncryptedCompressedInvoiceWithAValidSignedReceiptIsDelivered() throws Exception {
        String documentId = dropInvoice(HOME, "AS2-SYNC-0001", "AS2SYNC0001");

        Map<String, Object> delivery = awaitDelivery(documentId, "DELIVERED");

        assertThat(delivery).containsEntry("channel", "AS2").containsEntry("attempts", 1);
        // the partner decrypted, checked our signature, uncompressed: it holds the EDIFACT invoice itself
        assertThat(RECEIVED)
                .singleElement()
                .asString()
                .contains("UNH+1+INVOIC:D:96A:UN'")
                .contains("BGM+325+AS2-SYNC-0001+9'");
        List<As2Messages.Message> sent = as2Messages.ofDocument(documentId);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo(As2Messages.Direction.OUT);
            assertThat(m.state()).isEqualTo(As2Messages.State.DELIVERED);
            assertThat(m.disposition()).isEqualTo("processed");
            assertThat(m.mic()).isNotBlank();
            // named after our host as partners reach it (corridor.as2.public-url), not camel-as2's default
            assertThat(m.messageId()).startsWith("<").endsWith("@127.0.0.1>");
            assertThat(SENT_HEADERS)
                    .singleElement()
                    .isEqualTo(Map.of("User-Agent", "Corridor", "Message-Id", m.messageId()));
            assertThat(timeline(documentId)).contains("sent as AS2 message " + m.messageId() + "; receipt: processed");
            assertThat(meters.counter("corridor.as2.receipts", "partner", "USSMUS", "outcome", "DELIVERED")
                            .count())
                    .isPositive();
        });
    }

    @Autowired
    MeterRegistry meters;

    private List<String> timeline(String documentId) {
        return jdbc.queryForList("SELECT detail FROM events WHERE document_id = ?", String.class, documentId);
    }

    @Test
    void negativeReceiptIsRetriedThenFailedWithThePartnersDispositionAndDeadLettered() throws Exception {
        mode = Mode.NEGATIVE;
        String documentId = dropInvoice(HOME, "AS2-SYNC-0002", "AS2SYNC0002");

        Map<String, Object> delivery = awaitDelivery(documentId, "FAILED");

        assertThat(delivery).containsEntry("attempts", 2);
        // camel-as2 lower-cases the modifier text
        assertThat((String) delivery.get("last_error"))
                .contains("AS2 receipt: the partner did not process the message")
                .contains("failure: invoic rejected by the erp");
        assertThat(as2Messages.ofDocument(documentId))
                .extracting(As2Messages.Message::state)
                .containsExactly(As2Messages.State.FAILED, As2Messages.State.FAILED);
        assertThat(deadLettered(documentId)).isTrue();
    }

    /**
     * Staff see each attempt on the document: its Message-ID, its state and the partner's receipt, in the API and on
     * the document page (in headless Chromium), so a clerk can quote the Message-ID to the partner.
     */
    @Test
    void staffSeeEveryAttemptWithItsMessageIdAndReceiptOnTheDocument() throws Exception {
        mode = Mode.NEGATIVE;
        String refused = dropInvoice(HOME, "AS2-SYNC-0006", "AS2SYNC0006");
        awaitDelivery(refused, "FAILED");
        JsonNode failed = documentApi(refused).path("as2Messages");
        assertThat(failed).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode m = failed.get(i);
            assertThat(m.path("direction").asText()).isEqualTo("OUT");
            assertThat(m.path("partner").asText()).isEqualTo("USSMUS");
            assertThat(m.path("attempt").asInt()).isEqualTo(i + 1);
            assertThat(m.path("state").asText()).isEqualTo("FAILED");
            assertThat(m.path("receipt").asText()).contains("failure: invoic rejected by the erp");
            assertThat(m.path("messageId").asText()).startsWith("<");
        }
        assertThat(failed.get(0).path("messageId").asText())
                .as("each attempt is a new AS2 message")
                .isNotEqualTo(failed.get(1).path("messageId").asText());

        mode = Mode.VALID;
        String documentId = dropInvoice(HOME, "AS2-SYNC-0007", "AS2SYNC0007");
        awaitDelivery(documentId, "DELIVERED");
        As2Messages.Message sent = as2Messages.ofDocument(documentId).get(0);
        JsonNode api = documentApi(documentId).path("as2Messages");
        assertThat(api).hasSize(1);
        assertThat(api.get(0).path("messageId").asText()).isEqualTo(sent.messageId());
        assertThat(api.get(0).path("state").asText()).isEqualTo("DELIVERED");
        assertThat(api.get(0).path("receipt").asText()).isEqualTo("processed");
        assertThat(api.get(0).path("mic").asText()).isEqualTo(sent.mic());
        assertThat(api.get(0).path("micAlgorithm").asText()).isEqualTo(sent.micAlgorithm());

        WebDriver browser = HeadlessChromium.start();
        try {
            HeadlessChromium.logIn(browser, "http://127.0.0.1:" + PORT, "vera", STAFF_PASSWORD);
            browser.get("http://127.0.0.1:" + PORT + "/documents/" + documentId);
            List<WebElement> rows = browser.findElements(By.cssSelector(".as2-messages tbody tr"));
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.getAttribute("data-message-id")).isEqualTo(sent.messageId());
                assertThat(row.getText())
                        .contains("sent, attempt 1")
                        .contains("USSMUS")
                        .contains(sent.messageId())
                        .contains("DELIVERED")
                        .contains("processed, MIC " + sent.mic() + " (" + sent.micAlgorithm() + ")");
            });
            ((JavascriptExecutor) browser)
                    .executeScript(
                            "arguments[0].scrollIntoView()", browser.findElement(By.cssSelector(".as2-messages")));
            HeadlessChromium.shot(browser, "as2-document");
            browser.get("http://127.0.0.1:" + PORT + "/documents/" + refused);
            assertThat(browser.findElements(By.cssSelector(".as2-messages tbody tr")))
                    .extracting(WebElement::getText)
                    .hasSize(2)
                    .allMatch(t -> t.contains("FAILED") && t.contains("failure: invoic rejected by the erp"))
                    .anyMatch(t -> t.contains("sent, attempt 2"));
        } finally {
            browser.quit();
        }
    }

    private static JsonNode documentApi(String documentId) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/documents/" + documentId))
                                .header("Authorization", "Bearer " + VIEWER_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }

    @Test
    void unsignedReceiptIsNoProofOfDelivery() throws Exception {
        mode = Mode.UNSIGNED;
        String documentId = dropInvoice(HOME, "AS2-SYNC-0003", "AS2SYNC0003");

        Map<String, Object> delivery = awaitDelivery(documentId, "FAILED");

        assertThat((String) delivery.get("last_error")).contains("is not signed");
        // the partner did get it (twice: the retry is a new AS2 message), but its receipt proves nothing
        assertThat(RECEIVED).hasSize(2);
        assertThat(as2Messages.ofDocument(documentId))
                .extracting(As2Messages.Message::state)
                .containsExactly(As2Messages.State.FAILED, As2Messages.State.FAILED);
        assertThat(deadLettered(documentId)).isTrue();
    }

    @Test
    void receiptSignedWithAnotherKeyThanThePartnersIsNoProofOfDelivery() throws Exception {
        mode = Mode.OTHER_KEY;
        String documentId = dropInvoice(HOME, "AS2-SYNC-0004", "AS2SYNC0004");

        Map<String, Object> delivery = awaitDelivery(documentId, "FAILED");

        assertThat((String) delivery.get("last_error")).contains("does not verify against the partner's certificate");
        assertThat(deadLettered(documentId)).isTrue();
    }

    @Test
    void http500WithoutAReceiptIsRetriedThenFailed() throws Exception {
        mode = Mode.HTTP_500;
        String documentId = dropInvoice(HOME, "AS2-SYNC-0005", "AS2SYNC0005");

        Map<String, Object> delivery = awaitDelivery(documentId, "FAILED");

        assertThat(delivery).containsEntry("attempts", 2);
        assertThat((String) delivery.get("last_error")).contains("HTTP 500");
        assertThat(deadLettered(documentId)).isTrue();
    }
}
