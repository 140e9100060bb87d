package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.support.TestCertificates;
import org.corridor.track.As2Messages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The AS2 channel to an {@code https://} partner (issue 19; AS2 URLs of US partners are https): camel-as2's client
 * speaks TLS with the trust store of the buyer's partner file, over real TLS on loopback to the partner's server. A
 * server presenting a certificate that trust store does not hold gets not a byte of the invoice, and the delivery
 * fails with the reason, as does one trusted but issued for another host; the partner's own certificate carries the
 * invoice and its signed receipt. The refusals run first: their failed attempts leave no pooled connection for the
 * last (a faulted AS2 endpoint is discarded).
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class As2TlsDeliveryGatewayTest extends As2PartnerFixture {

    private static final Path HOME =
            Path.of("target", "test-homes", "as2-tls-" + UUID.randomUUID()).toAbsolutePath();
    private static final String STORE_PASSWORD = "tls-" + UUID.randomUUID();
    /** The partner's server, presenting its own certificate or a stranger's, as the test says. */
    private static final SwitchableKeys KEYS;

    private static final HttpsServer TLS_FORWARDER;
    private static final Path TRUST;

    static {
        Path tls = HOME.resolve("tls");
        try {
            Files.createDirectories(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path partner = TestCertificates.serverKeyStore(tls, "ussmus-tls", STORE_PASSWORD);
        Path stranger = TestCertificates.serverKeyStore(tls, "stranger", STORE_PASSWORD);
        Path elsewhere = TestCertificates.serverKeyStore(tls, "elsewhere", STORE_PASSWORD, "as2.elsewhere.example");
        TestCertificates.trustStore(tls, "gateway-trust", "ussmus-tls", STORE_PASSWORD);
        TRUST = TestCertificates.trustStore(tls, "gateway-trust", "elsewhere", STORE_PASSWORD);
        KEYS = new SwitchableKeys(keyManager(partner), keyManager(stranger), keyManager(elsewhere));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {KEYS}, null, null);
            TLS_FORWARDER = startTlsForwarder(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        gateway(
                registry,
                HOME,
                freePort(),
                "SYNC",
                "PT1H",
                "https://localhost:" + TLS_FORWARDER.getAddress().getPort() + "/as2/receive",
                "tls: { trustStore: \"%s\", trustStorePasswordProperty: TEST_AS2_TLS_TRUST_PASSWORD }\n"
                        .formatted(TRUST));
        registry.add("TEST_AS2_TLS_TRUST_PASSWORD", () -> STORE_PASSWORD);
    }

    @AfterAll
    static void stopTlsForwarder() {
        TLS_FORWARDER.stop(0);
    }

    @BeforeEach
    void reset() {
        mode = Mode.VALID;
        RECEIVED.clear();
        SENT_HEADERS.clear();
    }

    @Test
    @Order(1)
    void aServerWhoseCertificateThePartnerFileDoesNotTrustGetsNothing() throws Exception {
        KEYS.presented = KEYS.stranger;
        String documentId = dropInvoice(HOME, "AS2-TLS-0001", "AS2TLS0001");

        Map<String, Object> delivery = awaitDelivery(documentId, "FAILED");

        // a certificate nobody vouches for does not change by asking again: FAILED at once, as for HTTP
        assertThat(delivery).containsEntry("channel", "AS2").containsEntry("attempts", 1);
        assertThat((String) delivery.get("last_error"))
                .startsWith("TLS handshake with the partner's server failed; its certificate is not trusted")
                .contains("SSLHandshakeException");
        assertThat(SENT_HEADERS).as("no request reached the server").isEmpty();
        assertThat(RECEIVED).isEmpty();
        assertThat(deadLettered(documentId)).isTrue();
    }

    /** A certificate the trust store holds, issued for another host: the URL's host name is checked too. */
    @Test
    @Order(2)
    void aTrustedCertificateForAnotherHostGetsNothing() throws Exception {
        KEYS.presented = KEYS.elsewhere;
        String documentId = dropInvoice(HOME, "AS2-TLS-0003", "AS2TLS0003");

        Map<String, Object> delivery = awaitDelivery(documentId, "FAILED");

        assertThat(delivery).containsEntry("attempts", 1);
        assertThat((String) delivery.get("last_error"))
                .startsWith("TLS handshake with the partner's server failed; its certificate is not trusted")
                .contains("SSLPeerUnverifiedException")
                .contains("localhost");
        assertThat(SENT_HEADERS).as("no request reached the server").isEmpty();
        assertThat(deadLettered(documentId)).isTrue();
    }

    @Test
    @Order(3)
    void theInvoiceGoesOverTlsAndItsSignedReceiptComesBack() throws Exception {
        KEYS.presented = KEYS.own;
        String documentId = dropInvoice(HOME, "AS2-TLS-0002", "AS2TLS0002");

        Map<String, Object> delivery = awaitDelivery(documentId, "DELIVERED");

        assertThat(delivery).containsEntry("channel", "AS2").containsEntry("attempts", 1);
        assertThat(RECEIVED).singleElement().asString().contains("BGM+325+AS2-TLS-0002+9'");
        List<As2Messages.Message> sent = as2Messages.ofDocument(documentId);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.state()).isEqualTo(As2Messages.State.DELIVERED);
            assertThat(m.disposition()).isEqualTo("processed");
            assertThat(m.mic()).isNotBlank();
        });
    }

    private static X509ExtendedKeyManager keyManager(Path keyStore) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, STORE_PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, STORE_PASSWORD.toCharArray());
            return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server's keys, as {@link #presented} says: the partner's own, a stranger's certificate nobody trusts, or a
     * trusted certificate issued for another host.
     */
    private static final class SwitchableKeys extends X509ExtendedKeyManager {
        final X509ExtendedKeyManager own;
        final X509ExtendedKeyManager stranger;
        final X509ExtendedKeyManager elsewhere;
        volatile X509ExtendedKeyManager presented;

        SwitchableKeys(X509ExtendedKeyManager own, X509ExtendedKeyManager stranger, X509ExtendedKeyManager elsewhere) {
            this.own = own;
            this.stranger = stranger;
            this.elsewhere = elsewhere;
            this.presented = own;
        }

        private X509ExtendedKeyManager now() {
            return presented;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return now().chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return now().chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return now().getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return now().getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return now().getPrivateKey(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
