package org.corridor.as2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.as2.api.entity.AS2DispositionModifier;
import org.apache.camel.component.as2.api.entity.AS2DispositionType;
import org.apache.camel.component.as2.api.entity.AS2MessageDispositionNotificationEntity;
import org.apache.camel.component.as2.api.entity.ApplicationEntity;
import org.apache.camel.component.as2.api.entity.DispositionNotificationMultipartReportEntity;
import org.apache.camel.component.as2.api.entity.MultipartSignedEntity;
import org.apache.camel.component.as2.api.util.EntityUtils;
import org.apache.camel.component.as2.api.util.MicUtils;
import org.apache.camel.component.as2.api.util.SigningUtils;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.corridor.CorridorApplication;
import org.corridor.base.Hashing;
import org.corridor.intake.InboundRefusals;
import org.corridor.support.As2TestKeys;
import org.corridor.support.RawHttpClient;
import org.corridor.track.As2Messages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbound AS2 endpoint {@code POST /as2} of a booted gateway, spoken to over real HTTP by a camel-as2 client as
 * the exporter FWOPK would (issue 19): a signed, encrypted and compressed EDIFACT invoice is processed and answered
 * with a signed receipt whose MIC matches; refusals (unknown sender, foreign signature, wrong certificate, receipt
 * address not listed) get a negative receipt and process nothing; a resend after a lost receipt is answered again
 * without a second document. Keys are made at test time.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class As2InboundGatewayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path HOME =
            Path.of("target", "test-homes", "as2-in-" + UUID.randomUUID()).toAbsolutePath();
    private static final As2TestKeys CA = As2TestKeys.authority("Test AS2 CA");
    private static final As2TestKeys CORRIDOR = As2TestKeys.issuedBy(CA, "CORRIDOR");
    private static final As2TestKeys FWOPK = As2TestKeys.issuedBy(CA, "FWOPK");
    /** Someone with a certificate of its own: not the one FWOPK's partner file holds. */
    private static final As2TestKeys INTRUDER = As2TestKeys.issuedBy(As2TestKeys.authority("Other CA"), "FWOPK");

    private static final String PASSWORD = "ks-" + UUID.randomUUID();
    private static final int RECEIPT_PORT = freePort();
    private static final String RECEIPT_URL = "http://127.0.0.1:" + RECEIPT_PORT + "/mdn";
    private static final List<Object> RECEIPTS = new CopyOnWriteArrayList<>();
    private static final String INVOICE;

    static {
        try {
            INVOICE = Files.readString(Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CamelContext camel;
    private static ProducerTemplate producer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    As2Messages messages;

    @Autowired
    InboundRefusals refusals;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private static final String VIEWER_TOKEN = "viewer-" + UUID.randomUUID();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        // the sample exporter, which also sends us AS2, and asks for receipts at RECEIPT_URL only
        As2Exporter.gateway(registry, HOME, PASSWORD, CORRIDOR, FWOPK, "  receiptUrls: [" + RECEIPT_URL + "]\n");
        registry.add("corridor.api.viewer-token", () -> VIEWER_TOKEN);
        registry.add("corridor.as2.max-payload-bytes", () -> "64KB");
    }

    @BeforeEach
    void startPartner() throws Exception {
        RECEIPTS.clear();
        if (camel != null) {
            return;
        }
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("fwopkKey", FWOPK.privateKey());
        camel.getRegistry().bind("fwopkChain", FWOPK.chain());
        camel.getRegistry().bind("corridorChain", CORRIDOR.chain());
        camel.getRegistry().bind("intruderKey", INTRUDER.privateKey());
        camel.getRegistry().bind("intruderChain", INTRUDER.chain());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the exporter's receiver of asynchronous receipts
                from("as2:receipt/receive?requestUriPattern=/mdn&asyncMdnPortNumber=" + RECEIPT_PORT)
                        .routeId("fwopk-receipts")
                        .process(e -> RECEIPTS.add(e.getIn().getBody()));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterAll
    static void stopPartner() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void signedEncryptedCompressedInvoiceIsProcessedAndAnsweredWithASignedReceiptWhoseMicMatches() throws Exception {
        String invoice = invoice("AS2SYNC001");
        Exchange sent = send(clientUri("fwopkKey", "corridorChain"), invoice, "AS2-SYNC-1.edi");

        MultipartSignedEntity signed = (MultipartSignedEntity) sent.getMessage().getBody();
        assertThat(SigningUtils.isValid(signed, CORRIDOR.chain())).isTrue();
        assertThat(SigningUtils.isValid(signed, INTRUDER.chain())).isFalse();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionType()).isEqualTo(AS2DispositionType.PROCESSED);
        assertThat(mdn.getDispositionModifier()).isNull();
        assertThat(mdn.getOriginalMessageId()).isEqualTo(messageId(sent));
        assertThat(mdn.getReceivedContentMic().getEncodedMessageDigest()).isEqualTo(micOf(invoice, "AS2-SYNC-1.edi"));

        As2Messages.Message row = messages.find(As2Messages.Direction.IN, "FWOPK", messageId(sent))
                .orElseThrow();
        assertThat(row.state()).isEqualTo(As2Messages.State.ACCEPTED);
        assertThat(row.disposition()).isEqualTo("processed");
        assertThat(row.mic()).isEqualTo(micOf(invoice, "AS2-SYNC-1.edi"));
        assertThat(documentsNamed("AS2-SYNC-1.edi")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT intake FROM documents WHERE document_id = ?", String.class, row.documentId()))
                .as("the console says how it came")
                .isEqualTo("as2:FWOPK");
        assertThat(jdbc.queryForList("SELECT detail FROM events WHERE document_id = ?", String.class, row.documentId()))
                .contains("received as AS2 message " + messageId(sent) + " from FWOPK; receipt: processed, MIC "
                        + micOf(invoice, "AS2-SYNC-1.edi"));
        assertThat(meters.counter("corridor.as2.received", "partner", "FWOPK", "outcome", "processed")
                        .count())
                .isPositive();
        // staff find the message on the document: who sent it, its Message-ID, what we answered
        List<String> children = await().atMost(TIMEOUT)
                .until(
                        () -> jdbc.queryForList(
                                "SELECT document_id FROM documents WHERE parent_id = ?",
                                String.class,
                                row.documentId()),
                        found -> found.size() == 1);
        for (String id : List.of(row.documentId(), children.get(0))) {
            HttpResponse<String> api = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/documents/" + id))
                                    .header("Authorization", "Bearer " + VIEWER_TOKEN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body())
                    .contains("\"as2Messages\":[{\"direction\":\"IN\",\"partner\":\"FWOPK\",\"messageId\":\""
                            + messageId(sent)
                            + "\",\"attempt\":1,\"state\":\"ACCEPTED\",\"receipt\":\"processed\",\"mic\":\""
                            + micOf(invoice, "AS2-SYNC-1.edi") + "\"");
        }
        // processed like any partner upload: the exporter gets its CONTRL
        Path contrl = HOME.resolve("outbox/FWOPK/" + row.documentId() + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1)).contains("UCI+AS2SYNC001+FWOPK:ZZZ");
    }

    /**
     * The receipt was lost on the way back: the exporter sends the very same request again (same Message-Id, replayed
     * byte for byte, as camel-as2's client cannot resend with the same id) and gets the same disposition and MIC, and
     * the invoice stays one document; another payload under that Message-Id is refused.
     */
    @Test
    void resendAfterALostReceiptIsAnsweredAgainButNotProcessedTwice() throws Exception {
        String invoice = invoice("AS2RESEND1");
        Exchange sent = send(clientUri("fwopkKey", "corridorChain"), invoice, "AS2-RESEND-1.edi");
        String messageId = messageId(sent);
        String mic = micOf(invoice, "AS2-RESEND-1.edi");
        assertThat(disposition(((MultipartSignedEntity) sent.getMessage().getBody()).getSignedDataEntity())
                        .getReceivedContentMic()
                        .getEncodedMessageDigest())
                .isEqualTo(mic);

        HttpResponse<String> again = replay(request(sent), Map.of());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("multipart/signed"));
        assertThat(again.body())
                .contains("Original-Message-ID: " + messageId)
                .contains("Disposition: automatic-action/MDN-sent-automatically;processed\r\n")
                .contains("Received-content-MIC: " + mic + ",sha256");
        assertThat(documentsNamed("AS2-RESEND-1.edi")).isEqualTo(1);

        // another invoice, signed and encrypted properly, sent under the first one's Message-Id
        Exchange other = send(clientUri("fwopkKey", "corridorChain"), invoice("AS2RESEND2"), "AS2-RESEND-2.edi");
        HttpResponse<String> different = replay(request(other), Map.of("Message-Id", messageId));

        assertThat(different.body()).contains("failure: duplicate Message-ID with different content");
        assertThat(documentsNamed("AS2-RESEND-1.edi")).isEqualTo(1);
        assertThat(documentsNamed("AS2-RESEND-2.edi")).isEqualTo(1); // under its own Message-Id, once
    }

    /**
     * The gateway stopped after it claimed a message (its row in as2_messages) and before intake made a document of
     * it: the partner, without a receipt, sends again, and this time the payload is taken in, not answered from the
     * claim as if it had been.
     */
    @Test
    void aClaimThatNeverBecameADocumentIsTakenInWhenTheMessageComesAgain() throws Exception {
        String invoice = invoice("AS2CLAIM1");
        // a message refused from its headers (addressed to somebody else): its body was never read, nothing recorded
        Exchange refused = send(
                clientUri("fwopkKey", "corridorChain").replace("as2To=CORRIDOR", "as2To=NOBODY"),
                invoice,
                "AS2-CLAIM-1.edi");
        assertThat(disposition(((MultipartSignedEntity) refused.getMessage().getBody()).getSignedDataEntity())
                        .getDispositionModifier()
                        .getModifier())
                .contains("as2-to nobody is not corridor");
        String claimed = "<claimed-" + UUID.randomUUID() + "@fwopk.example>";
        Instant before = Instant.now();
        assertThat(messages.add(new As2Messages.Message(
                        As2Messages.Direction.IN,
                        "FWOPK",
                        claimed,
                        As2Messages.State.ACCEPTED,
                        Hashing.sha256Hex(invoice.getBytes(StandardCharsets.UTF_8)),
                        null,
                        null,
                        "processed",
                        null,
                        1,
                        null,
                        null,
                        null,
                        before,
                        before,
                        null)))
                .isTrue();

        HttpResponse<String> again = replay(request(refused), Map.of("Message-Id", claimed, "AS2-To", "CORRIDOR"));

        assertThat(again.body()).contains("Original-Message-ID: " + claimed).contains(";processed\r\n");
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(documentsNamed("AS2-CLAIM-1.edi")).isEqualTo(1));
        assertThat(messages.find(As2Messages.Direction.IN, "FWOPK", claimed))
                .get()
                .satisfies(m -> assertThat(m.documentId()).isNotNull());
    }

    /**
     * A compressed payload that would expand beyond corridor.as2.max-payload-bytes (64 KB here) is refused before
     * camel-as2 expands it in memory: 2 MB of one repeated segment compress to a few kilobytes.
     */
    @Test
    void aCompressedPayloadThatExpandsBeyondTheLimitIsRefusedUnexpanded() throws Exception {
        String bomb = invoice("AS2BOMB01").replace("UNS+S'", "FTX+AAI+++PADDING'".repeat(110_000) + "UNS+S'");
        Exchange sent = send(clientUri("fwopkKey", "corridorChain"), bomb, "AS2-BOMB-1.edi");

        assertThat(EntityUtils.getContent(request(sent).getEntity()).length)
                .as("what travelled")
                .isLessThan(64 * 1024);
        AS2MessageDispositionNotificationEntity mdn =
                disposition(((MultipartSignedEntity) sent.getMessage().getBody()).getSignedDataEntity());
        assertThat(mdn.getDispositionModifier().getModifier())
                .isEqualTo("failure: the compressed payload expands beyond 65536 bytes");
        assertThat(documentsNamed("AS2-BOMB-1.edi")).isZero();
        assertThat(messages.find(As2Messages.Direction.IN, "FWOPK", messageId(sent)))
                .get()
                .extracting(As2Messages.Message::state)
                .isEqualTo(As2Messages.State.REFUSED);
    }

    @Test
    void asynchronousReceiptIsPostedSignedToTheListedAddress() throws Exception {
        String invoice = invoice("AS2ASYNC01");
        Exchange sent = send(
                clientUri("fwopkKey", "corridorChain") + "&receiptDeliveryOption=" + RECEIPT_URL,
                invoice,
                "AS2-ASYNC-1.edi");

        await().atMost(TIMEOUT).until(() -> !RECEIPTS.isEmpty());
        MultipartSignedEntity signed = (MultipartSignedEntity) RECEIPTS.get(0);
        assertThat(SigningUtils.isValid(signed, CORRIDOR.chain())).isTrue();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionModifier()).isNull();
        assertThat(mdn.getOriginalMessageId()).isEqualTo(messageId(sent));
        assertThat(mdn.getReceivedContentMic().getEncodedMessageDigest()).isEqualTo(micOf(invoice, "AS2-ASYNC-1.edi"));
        assertThat(documentsNamed("AS2-ASYNC-1.edi")).isEqualTo(1);
    }

    @Test
    void unknownSenderGetsAnUnsignedNegativeReceiptWithoutItsBodyBeingRead() throws Exception {
        Map<String, String> headers = Map.of(
                "AS2-From", "STRANGER",
                "AS2-To", "CORRIDOR",
                "AS2-Version", "1.2",
                "Message-Id", "<stranger-1@example>",
                "Disposition-Notification-To", "edi@stranger.example",
                "Content-Type", "application/pkcs7-mime; smime-type=enveloped-data");

        // the headers alone are answered: no 100 Continue invites the body
        assertThat(new RawHttpClient(port).firstAnswerToExpectContinue("/as2", headers, 100_000))
                .startsWith("HTTP/1.1 200");

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/as2"))
                .POST(HttpRequest.BodyPublishers.ofString(INVOICE));
        headers.forEach(request::header);
        HttpResponse<String> answer =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("multipart/report"));
        assertThat(answer.body())
                .contains("Original-Message-ID: <stranger-1@example>")
                .contains("processed/failure: unknown AS2-From STRANGER");
        assertThat(archivedSpools()).isEmpty();
    }

    @Test
    void messageSignedWithAKeyThatIsNotThePartnersGetsAuthenticationFailedAndNoDocument() throws Exception {
        Exchange sent = send(
                clientUri("intruderKey", "corridorChain")
                        .replace("signingCertificateChain=#fwopkChain", "signingCertificateChain=#intruderChain"),
                invoice("AS2INTRUD1"),
                "AS2-INTRUDER-1.edi");

        AS2MessageDispositionNotificationEntity mdn =
                disposition(((MultipartSignedEntity) sent.getMessage().getBody()).getSignedDataEntity());
        assertThat(mdn.getDispositionModifier()).isEqualTo(AS2DispositionModifier.ERROR_AUTHENTICATION_FAILED);
        assertThat(mdn.getReceivedContentMic()).isNull();
        assertThat(documentsNamed("AS2-INTRUDER-1.edi")).isZero();
        assertThat(messages.find(As2Messages.Direction.IN, "FWOPK", messageId(sent)))
                .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(As2Messages.State.REFUSED));
        assertThat(refusals.of("FWOPK"))
                .anySatisfy(r -> assertThat(r.fileName()).isEqualTo("AS2 " + messageId(sent)));
    }

    @Test
    void messageEncryptedForAnotherCertificateGetsDecryptionFailedAndNoDocument() throws Exception {
        Exchange sent = send(clientUri("fwopkKey", "intruderChain"), invoice("AS2WRONGC1"), "AS2-WRONG-CERT-1.edi");

        AS2MessageDispositionNotificationEntity mdn =
                disposition(((MultipartSignedEntity) sent.getMessage().getBody()).getSignedDataEntity());
        assertThat(mdn.getDispositionModifier()).isEqualTo(AS2DispositionModifier.ERROR_DECRYPTION_FAILED);
        assertThat(documentsNamed("AS2-WRONG-CERT-1.edi")).isZero();
    }

    /** We post receipts only where the partner file says: a sender may not point us at an address of its choice. */
    @Test
    void receiptAddressThePartnerFileDoesNotListIsRefused() throws Exception {
        Exchange sent = send(clientUri("fwopkKey", "corridorChain"), invoice("AS2RCPTUR1"), "AS2-RECEIPT-URL-1.edi");

        HttpResponse<String> answer = replay(
                request(sent),
                Map.of(
                        "Message-Id",
                        "<receipt-url-" + UUID.randomUUID() + "@fwopk>",
                        "Receipt-Delivery-Option",
                        "http://169.254.169.254/latest/meta-data"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .contains("processed/failure: receipt address http://169.254.169.254/latest/meta-data is not listed");
        assertThat(RECEIPTS).isEmpty();
        assertThat(documentsNamed("AS2-RECEIPT-URL-1.edi")).isEqualTo(1); // the first send only
    }

    /** RFC 4130 allows any AS2 name in quotes; some products always quote. "FWOPK" is FWOPK, and is answered so. */
    @Test
    void quotedAs2NamesAreTheSameNames() throws Exception {
        String invoice = invoice("AS2QUOTE1");
        Exchange sent = send(
                clientUri("fwopkKey", "corridorChain")
                        .replace("as2From=FWOPK&as2To=CORRIDOR", "as2From=%22FWOPK%22&as2To=%22CORRIDOR%22"),
                invoice,
                "AS2-QUOTE-1.edi");

        assertThat(request(sent).getFirstHeader("AS2-From").getValue()).isEqualTo("\"FWOPK\"");
        MultipartSignedEntity signed = (MultipartSignedEntity) sent.getMessage().getBody();
        assertThat(SigningUtils.isValid(signed, CORRIDOR.chain())).isTrue();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionType()).isEqualTo(AS2DispositionType.PROCESSED);
        assertThat(mdn.getDispositionModifier()).isNull();
        assertThat(mdn.getReceivedContentMic().getEncodedMessageDigest()).isEqualTo(micOf(invoice, "AS2-QUOTE-1.edi"));
        HttpCoreContext answer = sent.getProperty("CamelAs2.interchange", HttpCoreContext.class);
        assertThat(answer.getResponse().getFirstHeader("AS2-From").getValue()).isEqualTo("CORRIDOR");
        assertThat(answer.getResponse().getFirstHeader("AS2-To").getValue()).isEqualTo("FWOPK");
        assertThat(messages.find(As2Messages.Direction.IN, "FWOPK", messageId(sent)))
                .hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(As2Messages.State.ACCEPTED));
        assertThat(documentsNamed("AS2-QUOTE-1.edi")).isEqualTo(1);
    }

    private Exchange send(String uri, String payload, String fileName) {
        Exchange sent = producer.send(
                uri + "&attachedFileName=" + fileName, e -> e.getIn().setBody(payload));
        assertThat(sent.getException()).isNull();
        return sent;
    }

    /** FWOPK's client endpoint: signed with the given key, encrypted for the given certificate, compressed. */
    private String clientUri(String signingKey, String encryptFor) {
        return "as2:client/send?inBody=ediMessage&targetHostname=127.0.0.1&targetPortNumber=" + port
                + "&requestUri=/as2&subject=Invoice&from=edi@fwopk.example&as2From=FWOPK&as2To=CORRIDOR"
                + "&as2MessageStructure=ENCRYPTED_COMPRESSED_SIGNED&ediMessageContentType=application/edifact"
                + "&ediMessageCharset=utf-8&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#fwopkChain"
                + "&signingPrivateKey=#" + signingKey + "&compressionAlgorithm=ZLIB&encryptingAlgorithm=AES128_CBC"
                + "&encryptingCertificateChain=#" + encryptFor + "&dispositionNotificationTo=edi@fwopk.example"
                + "&signedReceiptMicAlgorithms=sha-256";
    }

    /** The sample invoice with its own interchange reference and invoice number. */
    private static String invoice(String controlRef) {
        return INVOICE.replace("FWO0000201", controlRef).replace("FWO-PINV-2025-0201", "FWO-PINV-" + controlRef);
    }

    private static ClassicHttpRequest request(Exchange sent) {
        return (ClassicHttpRequest)
                sent.getProperty("CamelAs2.interchange", HttpCoreContext.class).getRequest();
    }

    private static String messageId(Exchange sent) {
        return request(sent).getFirstHeader("Message-Id").getValue();
    }

    /** The recorded request again, with java.net.http (no Expect header), some headers replaced or added. */
    private HttpResponse<String> replay(ClassicHttpRequest original, Map<String, String> replaced) throws Exception {
        HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/as2"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(EntityUtils.getContent(original.getEntity())));
        for (Header header : original.getHeaders()) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (!Set.of("host", "content-length", "connection", "expect", "user-agent")
                            .contains(name)
                    && replaced.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(name))) {
                replay.header(header.getName(), header.getValue());
            }
        }
        replaced.forEach(replay::header);
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(replay.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    /** Documents received under this name (not those processing derives from them, which carry the name on). */
    private int documentsNamed(String name) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM documents WHERE file_name = ? AND parent_id IS NULL", Integer.class, name);
    }

    /** Bodies being spooled right now (temporary files in the archive), which a refused-unread message never makes. */
    private static List<Path> archivedSpools() throws IOException {
        Path archive = HOME.resolve("archive");
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        try (var files = Files.walk(archive)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("D-"))
                    .toList();
        }
    }

    private static AS2MessageDispositionNotificationEntity disposition(Object report) {
        assertThat(report).isInstanceOf(DispositionNotificationMultipartReportEntity.class);
        return (AS2MessageDispositionNotificationEntity)
                ((DispositionNotificationMultipartReportEntity) report).getPart(1);
    }

    /** The MIC a camel-as2 sender expects: of the EDI MIME part it wrote (headers, file name and content). */
    private static String micOf(String payload, String fileName) throws Exception {
        ApplicationEntity entity = EntityUtils.createEDIEntity(
                payload.getBytes(StandardCharsets.UTF_8),
                ContentType.create("application/edifact", StandardCharsets.UTF_8),
                null,
                false,
                fileName);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        entity.writeTo(written);
        return Base64.getEncoder().encodeToString(MicUtils.createMic(written.toByteArray(), "SHA-256"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
