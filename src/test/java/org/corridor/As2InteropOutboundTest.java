package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.helger.as2lib.cert.AbstractCertificateFactory;
import com.helger.as2lib.cert.CertificateFactory;
import com.helger.as2lib.crypto.ECompressionType;
import com.helger.as2lib.crypto.ECryptoAlgorithmCrypt;
import com.helger.as2lib.crypto.ECryptoAlgorithmSign;
import com.helger.as2lib.crypto.MIC;
import com.helger.as2lib.exception.AS2Exception;
import com.helger.as2lib.exception.WrappedAS2Exception;
import com.helger.as2lib.message.AS2Message;
import com.helger.as2lib.message.AS2MessageMDN;
import com.helger.as2lib.message.IMessage;
import com.helger.as2lib.partner.Partnership;
import com.helger.as2lib.partner.SelfFillingPartnershipFactory;
import com.helger.as2lib.processor.DefaultMessageProcessor;
import com.helger.as2lib.processor.module.AbstractProcessorModule;
import com.helger.as2lib.processor.receiver.AS2ReceiverModule;
import com.helger.as2lib.processor.storage.IProcessorStorageModule;
import com.helger.as2lib.session.AS2Session;
import com.helger.commons.collection.attr.StringMap;
import com.helger.security.keystore.EKeyStoreType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.support.As2TestKeys;
import org.corridor.track.As2Messages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Corridor delivering over AS2 to a buyer whose AS2 product is not camel-as2: phax's as2-lib
 * (com.helger.as2:as2-lib), its socket receiver (AS2ReceiverModule) running in this JVM with a key store of its own
 * (its key, Corridor's certificate). The buyer USSMUS's partner file asks for what the gateway's AS2 buyers get:
 * signed (SHA-256 with RSA), encrypted (AES-256-CBC), compressed (ZLIB, before signing), a synchronous signed receipt
 * with a SHA-256 MIC. A class of its own, so that nothing else is delivered to the receiver meanwhile. Keys are made at
 * test time.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class As2InteropOutboundTest extends As2PartnerFixture {

    private static final Path HOME = Path.of("target", "test-homes", "as2-interop-out-" + UUID.randomUUID())
            .toAbsolutePath();
    private static final int RECEIVER_PORT = freePort();
    /** What the buyer's as2-lib stored: the payloads, and the MIC of the receipts it answered with. */
    private static final List<Received> STORED = new CopyOnWriteArrayList<>();

    private static AS2Session receiver;

    /**
     * The buyer USSMUS as As2PartnerFixture makes it (signed, encrypted, compressed, a synchronous signed receipt),
     * reached at as2-lib's receiver, which holds the fixture's partner key.
     */
    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        gateway(registry, HOME, freePort(), "SYNC", "PT1H", "http://127.0.0.1:" + RECEIVER_PORT + "/as2", "");
        receiver = startReceiver();
    }

    @AfterAll
    static void stopReceiver() throws AS2Exception {
        if (receiver != null) {
            receiver.getMessageProcessor().stopActiveModules();
        }
    }

    /**
     * Corridor delivers to a buyer whose AS2 product is as2-lib (signed, encrypted, compressed before signing, a
     * synchronous signed receipt): as2-lib decrypts, checks Corridor's signature against the certificate it holds,
     * expands and stores the EDIFACT, and answers "processed" with the MIC it computed itself, which is the one
     * Corridor expects.
     */
    @Test
    void as2LibReceivesCorridorsInvoiceAndItsReceiptMicIsTheOneCorridorExpects() throws Exception {
        String documentId = dropInvoice(HOME, "AS2LIB-OUT-0001", "ASLIBOUT01");

        Received got = await().atMost(TIMEOUT).until(() -> received("BGM+325+AS2LIB-OUT-0001+9'"), r -> r != null);
        assertThat(new String(got.payload(), StandardCharsets.ISO_8859_1))
                .contains("UNB+UNOC:3+CORRIDOR:ZZZ+USSMUS:ZZZ+")
                .contains("UNH+1+INVOIC:D:96A:UN'");
        assertThat(got.disposition().replace(" ", "")).isEqualTo("automatic-action/MDN-sent-automatically;processed");
        As2Messages.Message sent =
                await().atMost(TIMEOUT).until(() -> outbound(documentId, got.messageId()), m -> m != null);
        assertThat(MIC.parse(got.receiptMic()).micBytes())
                .as("the MIC in as2-lib's receipt, against the one Corridor expects")
                .isEqualTo(Base64.getDecoder().decode(sent.mic()));
    }

    /** As above, and Corridor takes as2-lib's signed receipt as proof of delivery. */
    @Disabled("Delivery FAILED: 'the signature of the partner's receipt (MDN) does not verify against the partner's"
            + " certificate', although it does (Bouncy Castle's SMIMESigned verifies as2-lib's receipt with the"
            + " buyer's certificate). as2-lib folds the long Content-Type header of the signed multipart/report onto"
            + " two lines; camel-as2 (SigningUtils.isValid, used by As2Receipts.judge) verifies the report as it"
            + " re-writes it after parsing, with that header unfolded, not the bytes received: see docs/mig/as2.md 5")
    @Test
    void invoiceDeliveredToAnAs2LibReceiverIsDeliveredOnItsSignedReceipt() throws Exception {
        String documentId = dropInvoice(HOME, "AS2LIB-OUT-0002", "ASLIBOUT02");

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(delivery(documentId)).containsEntry("status", "DELIVERED"));
        assertThat(delivery(documentId)).containsEntry("channel", "AS2");
        Received got = received("BGM+325+AS2LIB-OUT-0002+9'");
        assertThat(got).isNotNull();
        As2Messages.Message sent = outbound(documentId, got.messageId());
        assertThat(sent.state()).isEqualTo(As2Messages.State.DELIVERED);
        assertThat(sent.disposition()).isEqualTo("processed");
        assertThat(Base64.getDecoder().decode(sent.mic()))
                .isEqualTo(MIC.parse(got.receiptMic()).micBytes());
    }

    /** What as2-lib's receiver stored of the invoice holding {@code text}, or null. */
    private static Received received(String text) {
        return STORED.stream()
                .filter(r -> r.payload() != null && new String(r.payload(), StandardCharsets.ISO_8859_1).contains(text))
                .findFirst()
                .orElse(null);
    }

    /** Corridor's record of the AS2 message it sent for the document under this Message-ID, or null. */
    private As2Messages.Message outbound(String documentId, String messageId) {
        return as2Messages.ofDocument(documentId).stream()
                .filter(m -> m.direction() == As2Messages.Direction.OUT
                        && m.messageId().equals(messageId))
                .findFirst()
                .orElse(null);
    }

    /**
     * A message as2-lib's receiver stored: its Message-ID, the payload, and the disposition and MIC of the receipt it
     * answered with.
     */
    private record Received(String messageId, byte[] payload, String disposition, String receiptMic) {}

    /**
     * as2-lib's receiver as the buyer runs it: its key store (its key, Corridor's certificate), the partnership
     * CORRIDOR to USSMUSAS2, signatures checked against the key store's certificate only, and a storage module that
     * keeps what arrives.
     */
    private static AS2Session startReceiver() {
        try {
            Path keyStore = As2TestKeys.keyStore(
                    HOME.resolve("as2lib/ussmus.p12"), KEY_STORE_PASSWORD, PARTNER, "ussmus", CORRIDOR, "corridor");
            AS2Session session = new AS2Session();
            session.setCryptoVerifyUseCertificateInBodyPart(false);
            StringMap certificateParameters = new StringMap();
            certificateParameters.putIn(AbstractCertificateFactory.ATTR_TYPE, EKeyStoreType.PKCS12.getID());
            CertificateFactory certificates = new CertificateFactory();
            certificates.initDynamicComponent(session, certificateParameters);
            certificates.setFilename(keyStore.toString());
            certificates.setPassword(KEY_STORE_PASSWORD);
            certificates.setSaveChangesToFile(false);
            certificates.load();
            session.setCertificateFactory(certificates);

            SelfFillingPartnershipFactory partnerships = new SelfFillingPartnershipFactory();
            partnerships.initDynamicComponent(session, null);
            Partnership corridor = new Partnership("CORRIDOR-USSMUSAS2");
            corridor.setSenderAS2ID("CORRIDOR");
            corridor.setSenderX509Alias("corridor");
            corridor.setReceiverAS2ID("USSMUSAS2");
            corridor.setReceiverX509Alias("ussmus");
            corridor.setSigningAlgorithm(ECryptoAlgorithmSign.DIGEST_SHA_256);
            corridor.setEncryptAlgorithm(ECryptoAlgorithmCrypt.CRYPT_AES256_CBC);
            corridor.setCompressionType(ECompressionType.ZLIB);
            partnerships.addPartnership(corridor);
            session.setPartnershipFactory(partnerships);

            DefaultMessageProcessor processor = new DefaultMessageProcessor();
            processor.initDynamicComponent(session, null);
            session.setMessageProcessor(processor);
            AS2ReceiverModule listener = new AS2ReceiverModule();
            listener.initDynamicComponent(session, null);
            listener.setAddress("127.0.0.1");
            listener.setPort(RECEIVER_PORT);
            listener.setErrorDirectory(HOME.resolve("as2lib/errors").toString());
            processor.addModule(listener);
            StoreModule store = new StoreModule();
            store.initDynamicComponent(session, null);
            processor.addModule(store);
            processor.startActiveModules();
            return session;
        } catch (AS2Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** as2-lib's storage of the buyer: keeps each payload with the MIC of the receipt answered for it. */
    private static final class StoreModule extends AbstractProcessorModule implements IProcessorStorageModule {

        private final Map<String, byte[]> payloads = new ConcurrentHashMap<>();

        @Override
        public boolean canHandle(String action, IMessage message, Map<String, Object> options) {
            return DO_STORE.equals(action) || DO_STOREMDN.equals(action);
        }

        @Override
        public void handle(String action, IMessage message, Map<String, Object> options) throws AS2Exception {
            if (DO_STORE.equals(action)) {
                try (InputStream in = message.getData().getInputStream()) {
                    payloads.put(message.getMessageID(), in.readAllBytes());
                } catch (IOException | jakarta.mail.MessagingException e) {
                    throw WrappedAS2Exception.wrap(e);
                }
            } else if (message instanceof AS2Message sent && sent.getMDN() != null) {
                String mic = sent.getMDN().attrs().getAsString(AS2MessageMDN.MDNA_MIC);
                STORED.add(new Received(
                        sent.getMessageID(),
                        payloads.get(sent.getMessageID()),
                        sent.getMDN().attrs().getAsString(AS2MessageMDN.MDNA_DISPOSITION),
                        mic));
            }
        }
    }
}
