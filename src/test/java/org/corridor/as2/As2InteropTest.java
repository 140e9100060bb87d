package org.corridor.as2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.helger.as2lib.client.AS2Client;
import com.helger.as2lib.client.AS2ClientRequest;
import com.helger.as2lib.client.AS2ClientResponse;
import com.helger.as2lib.client.AS2ClientSettings;
import com.helger.as2lib.crypto.ECompressionType;
import com.helger.as2lib.crypto.ECryptoAlgorithmCrypt;
import com.helger.as2lib.crypto.ECryptoAlgorithmSign;
import com.helger.as2lib.crypto.IMICMatchingHandler;
import com.helger.as2lib.crypto.MIC;
import com.helger.as2lib.disposition.DispositionOptions;
import com.helger.as2lib.message.AS2Message;
import com.helger.as2lib.message.IMessage;
import com.helger.as2lib.partner.Partnership;
import com.helger.commons.state.ETriState;
import com.helger.security.keystore.EKeyStoreType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.hc.core5.util.Timeout;
import org.corridor.CorridorApplication;
import org.corridor.support.As2TestKeys;
import org.corridor.track.As2Messages;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Corridor's AS2 against an AS2 implementation that is not camel-as2: phax's as2-lib (com.helger.as2:as2-lib), as the
 * exporter FWOPK would send with a product of its own. as2-lib signs (SHA-256 with RSA), encrypts (AES-256-CBC),
 * compresses (ZLIB, before or after signing) and asks for a synchronous signed receipt; it verifies the receipt's
 * signature against Corridor's certificate from its own key store and compares the receipt's MIC with the one it
 * computed for what it sent. Corridor must then have processed the message like one from camel-as2: one document, its
 * AS2 message row ACCEPTED with the MIC as2-lib got, the CONTRL in FWOPK's outbox. Keys are made at test time.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class As2InteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path HOME =
            Path.of("target", "test-homes", "as2-interop-" + UUID.randomUUID()).toAbsolutePath();
    private static final As2TestKeys CA = As2TestKeys.authority("Test AS2 CA");
    private static final As2TestKeys CORRIDOR = As2TestKeys.issuedBy(CA, "CORRIDOR");
    private static final As2TestKeys FWOPK = As2TestKeys.issuedBy(CA, "FWOPK");

    private static final String PASSWORD = "ks-" + UUID.randomUUID();
    /** as2-lib's key store, as FWOPK's product holds it: its own key and Corridor's certificate. */
    private static final Path AS2LIB_KEY_STORE =
            As2TestKeys.keyStore(HOME.resolve("as2lib/fwopk.p12"), PASSWORD, FWOPK, "fwopk", CORRIDOR, "corridor");

    private static final String INVOICE;

    static {
        try {
            INVOICE = Files.readString(Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    As2Messages messages;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        As2Exporter.gateway(registry, HOME, PASSWORD, CORRIDOR, FWOPK, "");
    }

    @Test
    void signedAndEncryptedInvoiceFromAs2LibIsProcessedAndItsReceiptMicMatches() throws Exception {
        sendAndExpectProcessed("ASLIB0001", "AS2LIB-SIGNED.edi", null, false);
    }

    @Test
    void invoiceSignedThenCompressedByAs2LibIsProcessedAndItsReceiptMicMatches() throws Exception {
        sendAndExpectProcessed("ASLIB0002", "AS2LIB-SIGNED-ZLIB.edi", ECompressionType.ZLIB, false);
    }

    /**
     * Compressed, then signed, then encrypted (as2-lib's default when it compresses). Corridor processes the invoice
     * and answers "processed", but the receipt's MIC is not the one as2-lib expects: as2-lib digests what it signed,
     * here the compressed part (application/pkcs7-mime; smime-type=compressed-data, headers and content), as RFC 4130
     * section 7.3.1 has it for a signed message; Corridor, like camel-as2, digests the EDI part after expanding it.
     */
    @Disabled("MIC mismatch: Corridor's receipt carries the digest of the expanded EDI part (camel-as2's way, which"
            + " Corridor's camel-as2 partners and its own outbound check expect); as2-lib digests the signed content,"
            + " the compressed part. Fixing it changes the MIC every camel-as2 partner gets: see docs/mig/as2.md 5")
    @Test
    void invoiceCompressedThenSignedByAs2LibIsProcessedAndItsReceiptMicMatches() throws Exception {
        sendAndExpectProcessed("ASLIB0003", "AS2LIB-ZLIB-SIGNED.edi", ECompressionType.ZLIB, true);
    }

    /**
     * A file name long enough that as2-lib (JavaMail) folds the payload part's Content-Disposition header onto a
     * second line, inside the signed part: a partner's usual file name is as long.
     */
    @Disabled("Refused with error: authentication-failed although the signature is valid (Bouncy Castle's SMIMESigned"
            + " verifies the bytes as sent): camel-as2 checks the signature over the part as it re-writes it after"
            + " parsing, with the folded header unfolded ('attachment;  filename=...' on one line), not over the bytes"
            + " received; its MIC would be over the same re-written bytes. Fixing it means Corridor unwrapping and"
            + " verifying the raw bytes itself instead of camel-as2's HttpMessageUtils: see docs/mig/as2.md 5")
    @Test
    void payloadPartWithAFoldedHeaderIsVerifiedAsSigned() throws Exception {
        sendAndExpectProcessed("ASLIB0004", "INVOIC-FWOPK-USSMUS-20251020-FWO0000201.edi", null, false);
    }

    /**
     * Sends the invoice with as2-lib's client, structured as asked, and checks the receipt as as2-lib saw it and what
     * Corridor made of the message.
     */
    private void sendAndExpectProcessed(
            String controlRef, String fileName, ECompressionType compression, boolean compressBeforeSigning)
            throws Exception {
        MicRecorder mics = new MicRecorder();
        AS2ClientSettings settings = new AS2ClientSettings()
                .setKeyStore(EKeyStoreType.PKCS12, AS2LIB_KEY_STORE.toFile(), PASSWORD)
                .setSaveKeyStoreChangesToFile(false)
                .setSenderData("FWOPK", "edi@fwopk.example", "fwopk")
                .setReceiverData("CORRIDOR", "corridor", "http://127.0.0.1:" + port + "/as2")
                .setPartnershipName("FWOPK-CORRIDOR")
                .setEncryptAndSign(ECryptoAlgorithmCrypt.CRYPT_AES256_CBC, ECryptoAlgorithmSign.DIGEST_SHA_256)
                .setMDNRequested(true)
                .setMDNOptions(new DispositionOptions()
                        .setProtocolImportance(DispositionOptions.IMPORTANCE_REQUIRED)
                        .setProtocol(DispositionOptions.PROTOCOL_PKCS7_SIGNATURE)
                        .setMICAlgImportance(DispositionOptions.IMPORTANCE_REQUIRED)
                        .setMICAlg(ECryptoAlgorithmSign.DIGEST_SHA_256))
                .setRetryCount(0)
                .setConnectTimeout(Timeout.ofSeconds(5))
                .setResponseTimeout(Timeout.ofSeconds(30))
                .setMICMatchingHandler(mics);
        if (compression != null) {
            settings.setCompress(compression, compressBeforeSigning);
        }
        AS2ClientRequest request = new AS2ClientRequest("Invoice " + controlRef)
                .setData(invoice(controlRef).getBytes(StandardCharsets.UTF_8))
                .setContentType("application/edifact")
                .setFilename(fileName);

        AS2ClientResponse response = new StrictClient().sendSynchronous(settings, request);

        // the receipt as as2-lib read it: no fault, signed by Corridor's key (checked against the key store), processed
        assertThat(response.getException()).as("as2-lib's fault, if any").isNull();
        assertThat(response.hasMDN()).isTrue();
        assertThat(response.getMDN().attrs().getAsBoolean(AS2Message.ATTRIBUTE_RECEIVED_SIGNED, false))
                .as("the receipt was signed and its signature verified")
                .isTrue();
        assertThat(response.getMDNVerificationCertificate()).isEqualTo(CORRIDOR.certificate());
        assertThat(response.getMDNDisposition().replace(" ", ""))
                .isEqualTo("automatic-action/MDN-sent-automatically;processed");
        // the MIC: what as2-lib computed for what it sent, and what Corridor's receipt says
        assertThat(mics.mismatch)
                .as("as2-lib found the receipt's MIC not matching")
                .isNull();
        assertThat(mics.matched).as("as2-lib found the receipt's MIC matching").isNotNull();
        MIC returned = MIC.parse(mics.matched);
        assertThat(returned.getDigestAlgorithm().getID()).isIn("sha-256", "sha256");
        String digest = Base64.getEncoder().encodeToString(returned.micBytes());
        assertThat(MIC.parse(mics.original).micBytes()).isEqualTo(returned.micBytes());

        // Corridor processed it as it processes camel-as2's messages
        String messageId = response.getOriginalMessageID();
        As2Messages.Message row =
                messages.find(As2Messages.Direction.IN, "FWOPK", messageId).orElseThrow();
        assertThat(row.state()).isEqualTo(As2Messages.State.ACCEPTED);
        assertThat(row.disposition()).isEqualTo("processed");
        assertThat(row.mic()).isEqualTo(digest);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM documents WHERE file_name = ? AND parent_id IS NULL",
                        Integer.class,
                        fileName))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT intake FROM documents WHERE document_id = ?", String.class, row.documentId()))
                .isEqualTo("as2:FWOPK");
        Path contrl = HOME.resolve("outbox/FWOPK/" + row.documentId() + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1)).contains("UCI+" + controlRef + "+FWOPK:ZZZ");
    }

    /** The sample invoice with its own interchange reference and invoice number. */
    private static String invoice(String controlRef) {
        return INVOICE.replace("FWO0000201", controlRef).replace("FWO-PINV-2025-0201", "FWO-PINV-" + controlRef);
    }

    /** What as2-lib reports when it compares the receipt's MIC with its own (it only logs it by default). */
    private static final class MicRecorder implements IMICMatchingHandler {
        volatile String original;
        volatile String matched;
        volatile String mismatch;

        @Override
        public void onMICMatch(IMessage message, String mic) {
            original = message.attrs().getAsString(AS2Message.ATTRIBUTE_MIC);
            matched = mic;
        }

        @Override
        public void onMICMismatch(IMessage message, String originalMic, String receivedMic) {
            original = originalMic;
            mismatch = "ours " + originalMic + ", the receipt's " + receivedMic;
        }
    }

    /**
     * as2-lib's client, made to verify the receipt's signature against Corridor's certificate in its key store only
     * (by default it would take a certificate the receipt carries).
     */
    private static final class StrictClient extends AS2Client {
        @Override
        protected Partnership buildPartnership(AS2ClientSettings settings) {
            Partnership partnership = super.buildPartnership(settings);
            partnership.setVerifyUseCertificateInBodyPart(ETriState.FALSE);
            partnership.setForceVerify(true);
            return partnership;
        }
    }
}
