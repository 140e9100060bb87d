package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.track.As2Messages;
import org.corridor.track.As2Messages.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The AS2 channel with asynchronous receipts (issue 19): the partner (camel-as2's server) posts its receipt later to
 * the gateway's {@code POST /as2/mdn}; until then the delivery is PENDING. The forwarder holds each message until the
 * test lets it through, so the test decides when (and whether) the partner answers. A negative receipt, or none
 * within the partner's {@code asyncTimeout}, sends the message again, then FAILS it with the reason.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class As2AsyncDeliveryGatewayTest extends As2PartnerFixture {

    private static final Path HOME =
            Path.of("target", "test-homes", "as2-async-" + UUID.randomUUID()).toAbsolutePath();
    private static final int PORT = freePort();
    /** Long enough for a test to let a held message through before the overdue check sees it. */
    private static final String ASYNC_TIMEOUT = "PT8S";

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        gateway(registry, HOME, PORT, "ASYNC", ASYNC_TIMEOUT);
    }

    @BeforeEach
    void holdMessages() {
        mode = Mode.HOLD;
        HELD.clear();
        RECEIVED.clear();
    }

    @AfterEach
    void passMessages() {
        mode = Mode.VALID;
        HELD.clear();
    }

    @Test
    void deliveryIsPendingUntilThePartnersSignedReceiptArrivesThenDelivered() throws Exception {
        String documentId = dropInvoice(HOME, "AS2-ASYNC-0001", "AS2ASYNC0001");

        As2Messages.Message sent = awaitSent(documentId, 1);
        assertThat(sent.state()).isEqualTo(State.AWAITING_RECEIPT);
        assertThat(delivery(documentId)).containsEntry("status", "PENDING");
        // the event follows the message's row, in a transaction of its own
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(events(documentId))
                        .anySatisfy(e -> assertThat(e)
                                .isEqualTo("sent as AS2 message " + sent.messageId()
                                        + "; awaiting the partner's receipt")));
        releaseHeld(Mode.VALID);

        Map<String, Object> delivery = awaitDelivery(documentId, "DELIVERED");
        assertThat(delivery).containsEntry("channel", "AS2").containsEntry("attempts", 1);
        assertThat(RECEIVED).singleElement().asString().contains("BGM+325+AS2-ASYNC-0001+9'");
        assertThat(as2Messages.ofDocument(documentId)).singleElement().satisfies(m -> {
            assertThat(m.state()).isEqualTo(State.DELIVERED);
            assertThat(m.disposition()).isEqualTo("processed");
            assertThat(m.answeredAt()).isNotNull();
        });
    }

    @Test
    void negativeAsynchronousReceiptSendsTheMessageAgainThenFailsItWithThePartnersDisposition() throws Exception {
        String documentId = dropInvoice(HOME, "AS2-ASYNC-0002", "AS2ASYNC0002");

        awaitSent(documentId, 1);
        releaseHeld(Mode.NEGATIVE);
        // the partner's retries (maxRetries 1) allow one more send: a new AS2 message
        awaitSent(documentId, 2);
        assertThat(delivery(documentId)).containsEntry("status", "PENDING");
        releaseHeld(Mode.NEGATIVE);

        Map<String, Object> delivery = awaitDelivery(documentId, "FAILED");
        assertThat(delivery).containsEntry("attempts", 2);
        assertThat((String) delivery.get("last_error"))
                .contains("the partner did not process the message")
                .contains("failure: invoic rejected by the erp");
        assertThat(as2Messages.ofDocument(documentId))
                .extracting(As2Messages.Message::state, As2Messages.Message::attempt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(State.FAILED, 1),
                        org.assertj.core.groups.Tuple.tuple(State.FAILED, 2));
        assertThat(deadLettered(documentId)).isTrue();
    }

    @Test
    void receiptThatNeverComesIsOverdueSentAgainThenFailed() throws Exception {
        String documentId = dropInvoice(HOME, "AS2-ASYNC-0003", "AS2ASYNC0003");

        Map<String, Object> delivery = awaitDelivery(documentId, "FAILED");

        assertThat(delivery).containsEntry("attempts", 2);
        assertThat((String) delivery.get("last_error")).contains("no receipt (MDN) within " + ASYNC_TIMEOUT);
        assertThat(as2Messages.ofDocument(documentId))
                .extracting(As2Messages.Message::state)
                .containsExactly(State.FAILED, State.FAILED);
        assertThat(HELD).hasSize(2);
        assertThat(deadLettered(documentId)).isTrue();
    }

    @Test
    void receiptFromAnUnknownAs2IdIsRefusedAndOneThatIsNoReceiptIsABadRequest() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI mdn = URI.create("http://127.0.0.1:" + PORT + "/as2/mdn");

        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(mdn)
                        .header("AS2-From", "NOBODY")
                        .header("Content-Type", "multipart/report; report-type=disposition-notification")
                        .POST(HttpRequest.BodyPublishers.ofString("whatever"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> garbage = http.send(
                HttpRequest.newBuilder(URI.create(mdn + "?as2From=" + PARTNER_AS2_ID))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("not a receipt"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).contains("NOBODY");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("not an AS2 receipt");
    }

    /** The {@code n}th AS2 message of the document, once sent and held by the forwarder. */
    private As2Messages.Message awaitSent(String documentId, int n) {
        await().atMost(TIMEOUT).until(() -> as2Messages.ofDocument(documentId).size() >= n && HELD.size() == 1);
        List<As2Messages.Message> sent = as2Messages.ofDocument(documentId);
        return sent.get(n - 1);
    }
}
