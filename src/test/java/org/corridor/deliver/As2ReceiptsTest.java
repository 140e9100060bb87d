package org.corridor.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.as2.api.entity.AS2DispositionModifier;
import org.apache.camel.component.as2.api.protocol.ResponseMDN;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.corridor.deliver.As2Receipts.Outcome;
import org.corridor.deliver.As2Receipts.Verdict;
import org.corridor.support.As2TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link As2Receipts} on real MDNs: a camel-as2 server plays the partner over loopback HTTP, with keys made at test
 * time; Corridor's side is camel-as2's client, as the AS2 channel will use it.
 */
class As2ReceiptsTest {

    private static final String EDI = "UNB+UNOA:2+CORRIDOR:ZZ+PARTNER:ZZ+261205:0800+7'\r\n"
            + "UNH+1+INVOIC:D:96A:UN'\r\nBGM+380+7+9'\r\nUNT+3+1'\r\nUNZ+1+7'\r\n";

    private static As2TestKeys partner;
    private static As2TestKeys stranger;
    private static CamelContext camel;
    private static ProducerTemplate producer;
    private static int port;

    @BeforeAll
    static void startPartner() throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        As2TestKeys ca = As2TestKeys.authority("Receipts CA");
        As2TestKeys corridor = As2TestKeys.issuedBy(ca, "CORRIDOR");
        partner = As2TestKeys.issuedBy(ca, "PARTNER");
        stranger = As2TestKeys.issuedBy(As2TestKeys.authority("Stranger CA"), "PARTNER");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("corridorKey", corridor.privateKey());
        camel.getRegistry().bind("corridorChain", corridor.chain());
        camel.getRegistry().bind("partnerKey", partner.privateKey());
        camel.getRegistry().bind("partnerChain", partner.chain());
        String server = "as2:server/listen?serverPortNumber=" + port
                + "&decryptingPrivateKey=#partnerKey&validateSigningCertificateChain=#corridorChain"
                + "&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#partnerChain&signingPrivateKey=#partnerKey";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(server + "&requestUriPattern=/as2/ok").log("received");
                from(server + "&requestUriPattern=/as2/refuse")
                        .process(e -> e.getProperty("CamelAs2.interchange", HttpCoreContext.class)
                                .setAttribute(
                                        ResponseMDN.DISPOSITION_MODIFIER,
                                        AS2DispositionModifier.createFailure("unknown AS2-To")));
                from(server + "&requestUriPattern=/as2/fail").throwException(new IllegalStateException("down"));
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

    @Test
    void signedPositiveMdnWithTheMicOfWhatWasSentIsDelivered() throws IOException {
        Exchange sent = signedOk();

        Verdict verdict = As2Receipts.judge(body(sent), partner.chain(), messageId(sent), mic(EDI));

        assertThat(verdict.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(verdict.delivered()).isTrue();
    }

    @Test
    void unsignedMdnIsNotProofOfDelivery() throws IOException {
        Exchange sent = send("/as2/ok", false);

        Verdict verdict = As2Receipts.judge(body(sent), partner.chain(), messageId(sent), mic(EDI));

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNSIGNED);
        assertThat(verdict.reason()).isEqualTo("the partner's receipt (MDN) is not signed");
    }

    @Test
    void mdnSignedByAnotherCertificateThanThePartnersIsRefused() throws IOException {
        Exchange sent = signedOk();

        Verdict verdict = As2Receipts.judge(body(sent), stranger.chain(), messageId(sent), mic(EDI));

        assertThat(verdict.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void mdnWithTheMicOfAnotherPayloadIsRefused() throws IOException {
        Exchange sent = signedOk();
        String otherMic = mic(EDI.replace("BGM+380+7+9", "BGM+380+8+9"));

        Verdict verdict = As2Receipts.judge(body(sent), partner.chain(), messageId(sent), otherMic);

        assertThat(verdict.outcome()).isEqualTo(Outcome.MIC_MISMATCH);
        assertThat(verdict.reason()).endsWith("; expected " + otherMic);
    }

    @Test
    void mdnAnsweringAnotherMessageIsRefused() throws IOException {
        Exchange sent = signedOk();

        Verdict verdict = As2Receipts.judge(body(sent), partner.chain(), "<other@corridor>", mic(EDI));

        assertThat(verdict.outcome()).isEqualTo(Outcome.OTHER_MESSAGE);
    }

    @Test
    void negativeMdnFailsWithThePartnersDispositionText() throws IOException {
        Exchange sent = send("/as2/refuse", true);

        Verdict verdict = As2Receipts.judge(body(sent), partner.chain(), messageId(sent), mic(EDI));

        assertThat(verdict.outcome()).isEqualTo(Outcome.NEGATIVE);
        assertThat(verdict.reason()).startsWith("the partner did not process the message: ");
        assertThat(verdict.reason()).endsWith("failure: unknown as2-to");
    }

    @Test
    void answerWithoutMdnFails() throws IOException {
        Exchange sent = send("/as2/fail", true);

        Verdict verdict = As2Receipts.judge(body(sent), partner.chain(), messageId(sent), mic(EDI));

        assertThat(verdict.outcome()).isEqualTo(Outcome.NO_MDN);
    }

    @Test
    void micAlgorithmNamesCompareWithoutHyphenAndCase() {
        assertThat(As2Receipts.sameAlgorithm("sha-256", "SHA256")).isTrue();
        assertThat(As2Receipts.sameAlgorithm("sha-256", "sha1")).isFalse();
    }

    private static Exchange signedOk;

    /**
     * One signed positive receipt, judged by several tests in their own ways: each send waits about 3 s on camel-as2's
     * server (docs/AS2-PLAN.md 3.3), and judging reads the receipt without changing it.
     */
    private static synchronized Exchange signedOk() {
        if (signedOk == null) {
            signedOk = send("/as2/ok", true);
        }
        return signedOk;
    }

    private static Exchange send(String path, boolean signedReceipt) {
        String uri = "as2:client/send?inBody=ediMessage&targetHostname=127.0.0.1&targetPortNumber=" + port
                + "&requestUri=" + path + "&subject=Invoice&from=edi@corridor.example&as2From=CORRIDOR&as2To=PARTNER"
                + "&as2MessageStructure=ENCRYPTED_COMPRESSED_SIGNED&ediMessageContentType=application/edifact"
                + "&ediMessageCharset=utf-8&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#corridorChain"
                + "&signingPrivateKey=#corridorKey&compressionAlgorithm=ZLIB&encryptingAlgorithm=AES128_CBC"
                + "&encryptingCertificateChain=#partnerChain&dispositionNotificationTo=edi@corridor.example"
                + (signedReceipt ? "&signedReceiptMicAlgorithms=sha-256" : "");
        Exchange sent = producer.send(uri, e -> e.getIn().setBody(EDI));
        assertThat(sent.getException()).isNull();
        return sent;
    }

    private static Object body(Exchange sent) {
        return sent.getMessage().getBody();
    }

    private static String messageId(Exchange sent) {
        return sent.getProperty("CamelAs2.interchange", HttpCoreContext.class)
                .getRequest()
                .getFirstHeader("Message-Id")
                .getValue();
    }

    private static String mic(String payload) {
        return As2Receipts.mic(
                payload.getBytes(StandardCharsets.UTF_8),
                "application/edifact",
                StandardCharsets.UTF_8,
                null,
                null,
                "SHA-256");
    }
}
