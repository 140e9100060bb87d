package org.corridor.as2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.as2.api.entity.AS2DispositionModifier;
import org.apache.camel.component.as2.api.entity.AS2DispositionType;
import org.apache.camel.component.as2.api.entity.AS2MessageDispositionNotificationEntity;
import org.apache.camel.component.as2.api.entity.ApplicationEntity;
import org.apache.camel.component.as2.api.entity.DispositionNotificationMultipartReportEntity;
import org.apache.camel.component.as2.api.entity.MultipartSignedEntity;
import org.apache.camel.component.as2.api.protocol.ResponseMDN;
import org.apache.camel.component.as2.api.util.EntityUtils;
import org.apache.camel.component.as2.api.util.MicUtils;
import org.apache.camel.component.as2.api.util.SigningUtils;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.awaitility.Awaitility;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.corridor.support.As2TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spike for issue 19 (see docs/AS2-PLAN.md): how camel-as2 4.17 and Bouncy Castle behave between a camel-as2 client
 * (Corridor sending) and a camel-as2 server (the partner, and later Corridor receiving), over real HTTP on loopback,
 * with keys and certificates generated at test time. Not yet Corridor code: it pins down the options and what the
 * MDN looks like, so the delivery channel and the inbound endpoint can be built on facts.
 */
class As2SpikeTest {

    private static final String EDI = "UNB+UNOA:2+CORRIDOR:ZZ+PARTNER:ZZ+261205:0800+1'\r\n"
            + "UNH+1+INVOIC:D:96A:UN'\r\nBGM+380+42+9'\r\nUNT+3+1'\r\nUNZ+1+1'\r\n";

    private static As2TestKeys corridor;
    private static As2TestKeys partner;
    private static As2TestKeys intruder;
    private static CamelContext camel;
    private static ProducerTemplate producer;
    private static int port;
    private static int receiptPort;
    private static final List<String> REQUEST_HEADERS = new CopyOnWriteArrayList<>();
    private static final List<Object> RECEIPTS = new CopyOnWriteArrayList<>();
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startPartnerServer() throws Exception {
        // camel-as2 asks for the "BC" provider by name (MicUtils, the signing and encrypting generators)
        Security.addProvider(new BouncyCastleProvider());
        As2TestKeys ca = As2TestKeys.authority("Test AS2 CA");
        corridor = As2TestKeys.issuedBy(ca, "CORRIDOR");
        partner = As2TestKeys.issuedBy(ca, "PARTNER");
        // a key with a certificate of its own: not the one the partner has on file for us
        intruder = As2TestKeys.issuedBy(As2TestKeys.authority("Other CA"), "CORRIDOR");
        port = freePort();
        receiptPort = freePort();

        camel = new DefaultCamelContext();
        camel.getRegistry().bind("corridorKey", corridor.privateKey());
        camel.getRegistry().bind("corridorChain", corridor.chain());
        camel.getRegistry().bind("partnerKey", partner.privateKey());
        camel.getRegistry().bind("partnerChain", partner.chain());
        camel.getRegistry().bind("intruderKey", intruder.privateKey());
        camel.getRegistry().bind("intruderChain", intruder.chain());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the partner's server: decrypts with its key, checks our signature against our certificate, and
                // signs its MDN with its own key
                from("as2:server/listen?serverPortNumber=" + port + "&requestUriPattern=/as2/receive"
                                + "&decryptingPrivateKey=#partnerKey&validateSigningCertificateChain=#corridorChain"
                                + "&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#partnerChain"
                                + "&signingPrivateKey=#partnerKey")
                        .routeId("partner-as2-server")
                        .process(e -> RECEIVED.add(e.getIn().getBody(String.class)));
                // a second path on the same port, as Corridor's inbound endpoint would refuse a message it must not
                // process (an unknown AS2-From, say): the route sets the MDN's disposition on the HTTP context
                from("as2:server/listen?serverPortNumber=" + port + "&requestUriPattern=/as2/refusing"
                                + "&decryptingPrivateKey=#partnerKey&validateSigningCertificateChain=#corridorChain"
                                + "&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#partnerChain"
                                + "&signingPrivateKey=#partnerKey")
                        .routeId("partner-as2-refusing")
                        .process(e -> {
                            HttpCoreContext http = e.getProperty("CamelAs2.interchange", HttpCoreContext.class);
                            REQUEST_HEADERS.add(
                                    http.getRequest().getFirstHeader("AS2-From").getValue() + " "
                                            + http.getRequest()
                                                    .getFirstHeader("Message-Id")
                                                    .getValue());
                            http.setAttribute(
                                    ResponseMDN.DISPOSITION_MODIFIER,
                                    AS2DispositionModifier.createFailure("unknown AS2-From CORRIDOR"));
                        });
                // a path whose partner has another certificate on file: each path checks signatures against its own
                from("as2:server/listen?serverPortNumber=" + port + "&requestUriPattern=/as2/other"
                                + "&decryptingPrivateKey=#partnerKey&validateSigningCertificateChain=#intruderChain"
                                + "&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#partnerChain"
                                + "&signingPrivateKey=#partnerKey")
                        .routeId("partner-as2-other")
                        .process(e -> RECEIVED.add(e.getIn().getBody(String.class)));
                // a route that fails while processing
                from("as2:server/listen?serverPortNumber=" + port + "&requestUriPattern=/as2/failing"
                                + "&decryptingPrivateKey=#partnerKey&validateSigningCertificateChain=#corridorChain"
                                + "&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#partnerChain"
                                + "&signingPrivateKey=#partnerKey")
                        .routeId("partner-as2-failing")
                        .process(e -> {
                            throw new IllegalStateException("intake is down");
                        });
                // Corridor's receiver of asynchronous MDNs
                from("as2:receipt/receive?requestUriPattern=/as2/mdn&asyncMdnPortNumber=" + receiptPort)
                        .routeId("corridor-as2-receipts")
                        .process(e -> RECEIPTS.add(e.getIn().getBody()));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
        RECEIPTS.clear();
        REQUEST_HEADERS.clear();
    }

    @Test
    void signedEncryptedCompressedMessageGetsASignedMdnWhoseMicMatchesThePayload() throws Exception {
        Exchange sent = send(clientUri("corridorKey", "corridorChain") + "&signedReceiptMicAlgorithms=sha-256");

        assertThat(sent.getException()).isNull();
        assertThat(RECEIVED).containsExactly(EDI);
        Object body = sent.getMessage().getBody();
        assertThat(body).isInstanceOf(MultipartSignedEntity.class);
        MultipartSignedEntity signed = (MultipartSignedEntity) body;
        // camel-as2's client does not check the MDN's signature (validateSigningCertificateChain: "Client: not yet
        // implemented"): the channel has to, against the partner's certificate
        assertThat(SigningUtils.isValid(signed, partner.chain())).isTrue();
        assertThat(SigningUtils.isValid(signed, intruder.chain())).isFalse();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionType()).isEqualTo(AS2DispositionType.PROCESSED);
        assertThat(mdn.getDispositionModifier()).isNull();
        // camel-as2's MIC is a digest of the EDI MIME part as written (its headers and content), before signing,
        // compressing and encrypting: the sender can compute it from what it sent, without the partner's key
        // asked for as "sha-256" (RFC 5751's name), answered as "sha256": the channel must compare names loosely
        assertThat(mdn.getReceivedContentMic().getDigestAlgorithmId()).isEqualTo("sha256");
        assertThat(mdn.getReceivedContentMic().getEncodedMessageDigest()).isEqualTo(micOf(EDI));
    }

    @Test
    void mdnWithoutSignedReceiptOptionsComesUnsigned() throws Exception {
        Exchange sent = send(clientUri("corridorKey", "corridorChain"));

        assertThat(sent.getException()).isNull();
        assertThat(RECEIVED).containsExactly(EDI);
        Object body = sent.getMessage().getBody();
        // the channel must refuse this as proof of delivery: nobody signed it
        assertThat(body).isInstanceOf(DispositionNotificationMultipartReportEntity.class);
        AS2MessageDispositionNotificationEntity mdn = disposition((DispositionNotificationMultipartReportEntity) body);
        assertThat(mdn.getDispositionType()).isEqualTo(AS2DispositionType.PROCESSED);
        assertThat(mdn.getDispositionModifier()).isNull();
        assertThat(mdn.getReceivedContentMic()).isNull();
    }

    @Test
    void messageSignedWithACertificateThePartnerDoesNotKnowGetsANegativeMdnAndIsNotProcessed() throws Exception {
        Exchange sent = send(clientUri("intruderKey", "intruderChain") + "&signedReceiptMicAlgorithms=sha-256");

        assertThat(sent.getException()).isNull();
        assertThat(RECEIVED).isEmpty();
        MultipartSignedEntity signed = (MultipartSignedEntity) sent.getMessage().getBody();
        assertThat(SigningUtils.isValid(signed, partner.chain())).isTrue();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionType()).isEqualTo(AS2DispositionType.PROCESSED);
        assertThat(mdn.getDispositionModifier()).isEqualTo(AS2DispositionModifier.ERROR_AUTHENTICATION_FAILED);
    }

    @Test
    void messageEncryptedForSomeoneElseGetsANegativeMdnDecryptionFailed() throws Exception {
        Exchange sent = send(clientUri("corridorKey", "corridorChain")
                        .replace(
                                "encryptingCertificateChain=#partnerChain", "encryptingCertificateChain=#intruderChain")
                + "&signedReceiptMicAlgorithms=sha-256");

        assertThat(RECEIVED).isEmpty();
        MultipartSignedEntity signed = (MultipartSignedEntity) sent.getMessage().getBody();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionModifier()).isEqualTo(AS2DispositionModifier.ERROR_DECRYPTION_FAILED);
    }

    @Test
    void asynchronousMdnArrivesSignedAtTheReceiptUrl() throws Exception {
        Exchange sent = send(clientUri("corridorKey", "corridorChain") + "&signedReceiptMicAlgorithms=sha-256"
                + "&receiptDeliveryOption=http://127.0.0.1:" + receiptPort + "/as2/mdn");

        assertThat(sent.getException()).isNull();
        assertThat(RECEIVED).containsExactly(EDI);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !RECEIPTS.isEmpty());
        Object receipt = RECEIPTS.get(0);
        assertThat(receipt).isInstanceOf(MultipartSignedEntity.class);
        MultipartSignedEntity signed = (MultipartSignedEntity) receipt;
        assertThat(SigningUtils.isValid(signed, partner.chain())).isTrue();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionModifier()).isNull();
        assertThat(mdn.getReceivedContentMic().getEncodedMessageDigest()).isEqualTo(micOf(EDI));
        // the sender learns the Message-Id it sent from the HTTP context, and matches the receipt by it
        HttpCoreContext http = sent.getProperty("CamelAs2.interchange", HttpCoreContext.class);
        assertThat(mdn.getOriginalMessageId())
                .isEqualTo(http.getRequest().getFirstHeader("Message-Id").getValue());
    }

    @Test
    void routeCanAnswerWithANegativeMdnOfItsOwnAndSeesTheAs2Headers() throws Exception {
        Exchange sent = send(clientUri("corridorKey", "corridorChain").replace("/as2/receive", "/as2/refusing")
                + "&signedReceiptMicAlgorithms=sha-256");

        assertThat(RECEIVED).isEmpty();
        assertThat(REQUEST_HEADERS).singleElement().asString().startsWith("CORRIDOR <");
        MultipartSignedEntity signed = (MultipartSignedEntity) sent.getMessage().getBody();
        assertThat(SigningUtils.isValid(signed, partner.chain())).isTrue();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionModifier().isFailure()).isTrue();
        // the reason arrives lower-cased: camel-as2 parses the modifier case-insensitively and keeps it so
        assertThat(mdn.getDispositionModifier().getModifier()).isEqualTo("failure: unknown as2-from corridor");
        // the MDN names the message it answers: what a sender matches an asynchronous MDN by
        assertThat(REQUEST_HEADERS.get(0)).endsWith(mdn.getOriginalMessageId());
    }

    @Test
    void eachPathChecksSignaturesAgainstItsOwnCertificates() throws Exception {
        Exchange sent = send(clientUri("corridorKey", "corridorChain").replace("/as2/receive", "/as2/other")
                + "&signedReceiptMicAlgorithms=sha-256");

        assertThat(RECEIVED).isEmpty();
        MultipartSignedEntity signed = (MultipartSignedEntity) sent.getMessage().getBody();
        AS2MessageDispositionNotificationEntity mdn = disposition(signed.getSignedDataEntity());
        assertThat(mdn.getDispositionModifier()).isEqualTo(AS2DispositionModifier.ERROR_AUTHENTICATION_FAILED);
    }

    @Test
    void routeThatFailsAnswersHttp500WithoutAnMdnAndTheClientRaisesNothing() throws Exception {
        Exchange sent = send(clientUri("corridorKey", "corridorChain").replace("/as2/receive", "/as2/failing")
                + "&signedReceiptMicAlgorithms=sha-256");

        // no exception on the client either: the channel must treat "no MDN" as a failure itself
        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getBody()).isNull();
        HttpCoreContext http = sent.getProperty("CamelAs2.interchange", HttpCoreContext.class);
        assertThat(http.getResponse().getCode()).isEqualTo(500);
    }

    /**
     * A partner's resend after a lost MDN carries the same Message-Id; camel-as2's client cannot do that (it makes a
     * new id per send), so the recorded request is replayed byte for byte with java.net.http, which sends no
     * {@code Expect: 100-continue}. camel-as2's server processes the copy again: duplicate detection is Corridor's.
     */
    @Test
    void replayedRequestWithTheSameMessageIdIsProcessedAgainByCamelAs2() throws Exception {
        Exchange sent = send(clientUri("corridorKey", "corridorChain") + "&signedReceiptMicAlgorithms=sha-256");
        ClassicHttpRequest original = (ClassicHttpRequest)
                sent.getProperty("CamelAs2.interchange", HttpCoreContext.class).getRequest();
        String messageId = original.getFirstHeader("Message-Id").getValue();
        HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/as2/receive"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(EntityUtils.getContent(original.getEntity())));
        for (Header header : original.getHeaders()) {
            if (!Set.of("host", "content-length", "connection", "expect", "user-agent")
                    .contains(header.getName().toLowerCase(Locale.ROOT))) {
                replay.header(header.getName(), header.getValue());
            }
        }
        HttpResponse<String> answer =
                HttpClient.newHttpClient().send(replay.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("multipart/signed"));
        assertThat(answer.body()).contains("Original-Message-ID: " + messageId).contains("processed");
        assertThat(RECEIVED).containsExactly(EDI, EDI);
    }

    /**
     * camel-as2's client connects when its endpoint is created: a partner that is not listening fails the endpoint's
     * resolution ({@code toD} in the delivery route puts that on the exchange, so the usual retry applies).
     */
    @Test
    void partnerThatIsNotListeningFailsWhenTheEndpointIsCreated() throws Exception {
        int closed = freePort();
        String uri = clientUri("corridorKey", "corridorChain")
                .replace("targetPortNumber=" + port, "targetPortNumber=" + closed);

        assertThatThrownBy(() -> send(uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageEndingWith("due to: Client HTTP connection failed");
        assertThat(RECEIVED).isEmpty();
    }

    private static Exchange send(String uri) {
        return producer.send(uri, e -> e.getIn().setBody(EDI));
    }

    /** Corridor's client endpoint: signed with the given key, encrypted for the partner, compressed, MDN asked for. */
    private static String clientUri(String signingKey, String signingChain) {
        return "as2:client/send?inBody=ediMessage&targetHostname=127.0.0.1&targetPortNumber=" + port
                + "&requestUri=/as2/receive&subject=Invoice&from=edi@corridor.example&as2From=CORRIDOR&as2To=PARTNER"
                + "&as2MessageStructure=ENCRYPTED_COMPRESSED_SIGNED&ediMessageContentType=application/edifact"
                + "&ediMessageCharset=utf-8"
                + "&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#" + signingChain + "&signingPrivateKey=#"
                + signingKey + "&compressionAlgorithm=ZLIB&encryptingAlgorithm=AES128_CBC"
                + "&encryptingCertificateChain=#partnerChain&dispositionNotificationTo=edi@corridor.example";
    }

    private static AS2MessageDispositionNotificationEntity disposition(Object report) {
        assertThat(report).isInstanceOf(DispositionNotificationMultipartReportEntity.class);
        return (AS2MessageDispositionNotificationEntity)
                ((DispositionNotificationMultipartReportEntity) report).getPart(1);
    }

    private static String micOf(String payload) throws Exception {
        ApplicationEntity entity = EntityUtils.createEDIEntity(
                payload.getBytes(StandardCharsets.UTF_8),
                ContentType.create("application/edifact", StandardCharsets.UTF_8),
                null,
                false,
                null);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        entity.writeTo(written);
        return Base64.getEncoder().encodeToString(MicUtils.createMic(written.toByteArray(), "SHA-256"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
