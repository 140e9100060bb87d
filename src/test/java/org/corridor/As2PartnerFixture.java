package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.as2.api.entity.AS2DispositionModifier;
import org.apache.camel.component.as2.api.protocol.ResponseMDN;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.corridor.support.As2TestKeys;
import org.corridor.track.As2Messages;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The AS2 partner of the AS2 delivery tests: camel-as2's own server ({@code as2:server/listen}) in a CamelContext of
 * its own, with keys made at test time, behind a small forwarding HTTP server whose {@link #mode} picks how the
 * partner answers: a valid signed receipt, an unsigned one, one signed by another key, a negative one, HTTP 500, or
 * (held) nothing yet. The forwarder also answers {@code Expect: 100-continue} at once, which camel-as2's server does
 * not (docs/AS2-PLAN.md §3.3: 3 s per message otherwise).
 */
abstract class As2PartnerFixture {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String PARTNER_AS2_ID = "USSMUSAS2";
    static final String KEY_STORE_PASSWORD = "as2-" + UUID.randomUUID();

    /** How the partner answers the next message. */
    enum Mode {
        VALID("/ok"),
        UNSIGNED("/unsigned"),
        OTHER_KEY("/otherkey"),
        NEGATIVE("/refuse"),
        /** The forwarder itself answers 500 (camel-as2's server would too, for a route that fails; spike). */
        HTTP_500(null),
        /** The forwarder keeps the request and answers 200 without a receipt; {@link #releaseHeld} sends it on. */
        HOLD(null);

        final String path;

        Mode(String path) {
            this.path = path;
        }
    }

    static volatile Mode mode = Mode.VALID;
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final List<HeldRequest> HELD = new CopyOnWriteArrayList<>();
    /** The User-Agent and Message-Id of every request that reached the partner, in order. */
    static final List<Map<String, String>> SENT_HEADERS = new CopyOnWriteArrayList<>();

    static final As2TestKeys CA;
    static final As2TestKeys CORRIDOR;
    static final As2TestKeys PARTNER;
    static final As2TestKeys INTRUDER;
    static final int AS2_PORT;
    static final HttpServer FORWARDER;
    /** The partner's camel-as2 server; started again when another camel-as2 in this JVM closed it (see below). */
    private static CamelContext partnerCamel;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(As2PartnerFixture.class);

    static {
        Security.addProvider(new BouncyCastleProvider());
        CA = As2TestKeys.authority("Test AS2 CA");
        CORRIDOR = As2TestKeys.issuedBy(CA, "CORRIDOR");
        PARTNER = As2TestKeys.issuedBy(CA, "USSMUS");
        INTRUDER = As2TestKeys.issuedBy(As2TestKeys.authority("Other CA"), "USSMUS");
        AS2_PORT = freePort();
        partnerCamel = startPartner();
        FORWARDER = startForwarder();
    }

    record HeldRequest(Map<String, List<String>> headers, byte[] body) {}

    /**
     * The partner's server is listening. camel-as2 keeps its servers in one static map and closes every one of them
     * when any camel-as2 component in the JVM shuts down (AS2ConnectionHelper.closeAllConnections): another test's
     * camel context, or a cached Spring context evicted, closes this server too. Then it is started anew.
     */
    @BeforeEach
    void partnerListening() {
        ensurePartnerListening();
    }

    private static synchronized void ensurePartnerListening() {
        if (listening(AS2_PORT)) {
            return;
        }
        LOG.info("Another camel-as2 closed the test partner's AS2 server on port {}: starting it again", AS2_PORT);
        partnerCamel.stop();
        partnerCamel = startPartner();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    As2Messages as2Messages;

    @Autowired
    JmsTemplate jms;

    /** The gateway's home, partner file and key store for an AS2 buyer USSMUS whose receipts come {@code mdnMode}. */
    static void gateway(DynamicPropertyRegistry registry, Path home, int port, String mdnMode, String asyncTimeout) {
        gateway(
                registry,
                home,
                port,
                mdnMode,
                asyncTimeout,
                "http://127.0.0.1:" + FORWARDER.getAddress().getPort() + "/as2/receive",
                "");
    }

    /**
     * As {@link #gateway(DynamicPropertyRegistry, Path, int, String, String)}, with the buyer's AS2 URL and more lines
     * for its partner file (a {@code tls:} block, say).
     */
    static void gateway(
            DynamicPropertyRegistry registry,
            Path home,
            int port,
            String mdnMode,
            String asyncTimeout,
            String url,
            String moreYaml) {
        try {
            Files.createDirectories(home.resolve("partners"));
            Path keyStore = As2TestKeys.keyStore(
                    home.resolve("as2/USSMUS.p12"), KEY_STORE_PASSWORD, CORRIDOR, "corridor", PARTNER, "partner");
            Files.writeString(
                    home.resolve("partners/USSMUS.yaml"),
                    """
                    id: USSMUS
                    name: US Strategic Metals
                    roles: [BUYER, CONSIGNEE]
                    interchangeIds:
                      - { qualifier: ZZ, id: USSMUS }
                      - { qualifier: "01", id: "431987265" }
                    endpoint: { channel: AS2, url: "%s" }
                    timeouts: { connect: PT5S, response: PT20S }
                    retry: { maxRetries: 1, initialDelay: PT0.1S }
                    as2:
                      id: %s
                      keyStore: %s
                      keyStorePasswordProperty: TEST_USSMUS_AS2_PASSWORD
                      ourKeyAlias: corridor
                      partnerCertificateAlias: partner
                      signing: SHA256WITHRSA
                      encryption: AES256_CBC
                      compression: ZLIB
                      mdn: { mode: %s, micAlgorithm: sha-256, asyncTimeout: %s }
                    """.formatted(url, PARTNER_AS2_ID, keyStore, mdnMode, asyncTimeout) + moreYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("corridor.home", home::toString);
        registry.add("TEST_USSMUS_AS2_PASSWORD", () -> KEY_STORE_PASSWORD);
        registry.add("server.port", () -> String.valueOf(port));
        registry.add("corridor.as2.public-url", () -> "http://127.0.0.1:" + port);
        registry.add("corridor.as2.check-interval", () -> "PT0.5S");
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
    }

    /** Drops an invoice for the buyer (the sample agreement sends it as EDIFACT INVOIC) and returns its document id. */
    String dropInvoice(Path home, String reference, String interchangeRef) throws IOException {
        String invoice = Files.readString(
                        Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi"), StandardCharsets.ISO_8859_1)
                .replace("FWO-PINV-2025-0201", reference)
                .replace("FWO0000201", interchangeRef);
        String name = reference + ".edi";
        Files.writeString(home.resolve("inbox/any").resolve(name), invoice, StandardCharsets.ISO_8859_1);
        return await().atMost(TIMEOUT)
                .until(
                        () -> jdbc
                                .queryForList(
                                        "SELECT document_id FROM documents WHERE file_name = ? AND parent_id IS NULL",
                                        String.class,
                                        name)
                                .stream()
                                .findFirst()
                                .orElse(null),
                        id -> id != null);
    }

    /** The buyer's delivery of the document (status, attempts, last_error, ...), once it has {@code status}. */
    Map<String, Object> awaitDelivery(String documentId, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(delivery(documentId))
                        .as("delivery of " + documentId + " to USSMUS")
                        .containsEntry("status", status));
        return delivery(documentId);
    }

    Map<String, Object> delivery(String documentId) {
        return jdbc
                .queryForList(
                        "SELECT status, attempts, last_error, channel FROM deliveries WHERE document_id = ? AND partner_id ="
                                + " 'USSMUS'",
                        documentId)
                .stream()
                .findFirst()
                .orElse(Map.of());
    }

    List<String> events(String documentId) {
        return jdbc.queryForList(
                "SELECT detail FROM events WHERE document_id = ? AND partner_id = 'USSMUS' ORDER BY event_id",
                String.class,
                documentId);
    }

    /** Whether the dead-letter queue holds the buyer's message of the document (and takes it off). */
    boolean deadLettered(String documentId) {
        jms.setReceiveTimeout(10_000);
        return jms.receiveSelected(
                        "corridor.dead", "CorridorDocumentId = '" + documentId + "' AND CorridorPartner = 'USSMUS'")
                != null;
    }

    /** Sends the held requests on to the partner's server, as they came (same Message-Id). */
    static void releaseHeld(Mode to) throws Exception {
        for (HeldRequest held : HELD) {
            forward(held.headers(), held.body(), to.path);
        }
        HELD.clear();
    }

    private static CamelContext startPartner() {
        try {
            CamelContext camel = new DefaultCamelContext();
            camel.getRegistry().bind("corridorChain", CORRIDOR.chain());
            camel.getRegistry().bind("partnerKey", PARTNER.privateKey());
            camel.getRegistry().bind("partnerChain", PARTNER.chain());
            camel.getRegistry().bind("intruderKey", INTRUDER.privateKey());
            camel.getRegistry().bind("intruderChain", INTRUDER.chain());
            String common = "as2:server/listen?serverPortNumber=" + AS2_PORT
                    + "&decryptingPrivateKey=#partnerKey&validateSigningCertificateChain=#corridorChain";
            String signed = "&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#partnerChain"
                    + "&signingPrivateKey=#partnerKey";
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(common + "&requestUriPattern=/ok" + signed)
                            .process(e -> RECEIVED.add(e.getIn().getBody(String.class)));
                    // no signing key: its receipts go unsigned
                    from(common + "&requestUriPattern=/unsigned")
                            .process(e -> RECEIVED.add(e.getIn().getBody(String.class)));
                    // signs with a key whose certificate the gateway does not have for this partner
                    from(common + "&requestUriPattern=/otherkey"
                                    + "&signingAlgorithm=SHA256WITHRSA&signingCertificateChain=#intruderChain"
                                    + "&signingPrivateKey=#intruderKey")
                            .process(e -> RECEIVED.add(e.getIn().getBody(String.class)));
                    from(common + "&requestUriPattern=/refuse" + signed)
                            .process(e -> e.getProperty("CamelAs2.interchange", HttpCoreContext.class)
                                    .setAttribute(
                                            ResponseMDN.DISPOSITION_MODIFIER,
                                            AS2DispositionModifier.createFailure("INVOIC rejected by the ERP")));
                }
            });
            // on a thread of its own: camel-test-spring keeps contexts from starting on the thread that loads the
            // Spring context (a thread-local "no start"), which is where this static initializer may run
            Thread starter = new Thread(camel::start, "as2-partner-start");
            starter.start();
            starter.join();
            assertThat(camel.getRoutes()).hasSize(4);
            assertThat(camel.getStatus().isStarted()).isTrue();
            return camel;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startForwarder() {
        try {
            return startForwarder(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A forwarder to the partner's camel-as2 server behind TLS with this context (the partner's own certificate). */
    static HttpsServer startTlsForwarder(SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return startForwarder(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <S extends HttpServer> S startForwarder(S server) {
        server.createContext("/as2/receive", As2PartnerFixture::forward);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private static void forward(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            SENT_HEADERS.add(Map.of(
                    "User-Agent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")),
                    "Message-Id", String.valueOf(exchange.getRequestHeaders().getFirst("Message-Id"))));
            Mode now = mode;
            if (now == Mode.HOLD) {
                HELD.add(new HeldRequest(Map.copyOf(exchange.getRequestHeaders()), body));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (now == Mode.HTTP_500) {
                byte[] text = "the partner's intake is down".getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(500, text.length);
                exchange.getResponseBody().write(text);
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange.getRequestHeaders(), body, now.path);
            answer.headers().map().forEach((name, values) -> {
                if (!Set.of("content-length", "transfer-encoding", "connection", ":status")
                        .contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answerBody = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), answerBody.length == 0 ? -1 : answerBody.length);
            if (answerBody.length > 0) {
                exchange.getResponseBody().write(answerBody);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (IOException | RuntimeException e) {
            LOG.error("The test's AS2 forwarder failed", e);
            throw e;
        }
    }

    private static HttpResponse<byte[]> forward(Map<String, List<String>> headers, byte[] body, String path)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + AS2_PORT + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            // java.net.http sets or refuses these itself
            if (!Set.of(
                            "host",
                            "content-length",
                            "connection",
                            "expect",
                            "upgrade",
                            "transfer-encoding",
                            "date",
                            "from",
                            "via",
                            "warning")
                    .contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        // a new client, so a new connection, each time: camel-as2's server leaves a kept-alive connection unusable
        // after
        // it answered 500
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
