package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.track.As2Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        gateway(registry, HOME, freePort(), "SYNC", "PT1H");
    }

    @BeforeEach
    void reset() {
        mode = Mode.VALID;
        RECEIVED.clear();
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
            assertThat(m.messageId()).startsWith("<");
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
