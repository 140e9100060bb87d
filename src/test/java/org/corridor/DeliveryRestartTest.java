package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.TestCertificates;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Partners from registry files in the gateway's home: USSMUS over HTTPS (bearer token from a property the file names,
 * the partner's certificate in a trust store the file names), USBROKER over HTTPS to a server whose certificate is
 * not trusted, FWOPK a folder. Then the gateway is stopped between a delivery's send and its commit and started again
 * on the same broker journal and database: nothing is lost, and nothing arrives twice but the one HTTP duplicate the
 * Idempotency-Key lets the partner drop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString();
    private static final Path HOME =
            Path.of("target", "test-homes", "restart-" + RUN).toAbsolutePath();
    private static final String TOKEN = "t0ken-" + RUN;
    private static final String STORE_PASSWORD = "changeit";
    private static final String TRUST_PASSWORD = "trust-" + RUN;

    private static PartnerHttpServer ussmus;
    private static PartnerHttpServer untrusted;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void startPartnersAndGateway() throws IOException {
        Path tls = Files.createDirectories(HOME.resolveSibling("restart-" + RUN + "-tls"));
        Path trustedKeys = TestCertificates.serverKeyStore(tls, "ussmus", STORE_PASSWORD);
        Path strangerKeys = TestCertificates.serverKeyStore(tls, "stranger", STORE_PASSWORD);
        Path trust = TestCertificates.trustStore(tls, "gateway-trust", "ussmus", TRUST_PASSWORD);
        ussmus = new PartnerHttpServer(TestCertificates.serverContext(trustedKeys, STORE_PASSWORD));
        untrusted = new PartnerHttpServer(TestCertificates.serverContext(strangerKeys, STORE_PASSWORD));

        Path partners = Files.createDirectories(HOME.resolve("partners"));
        Files.writeString(partners.resolve("USSMUS.yaml"), """
                id: USSMUS
                name: US Strategic Metals
                roles: [BUYER]
                endpoint: { channel: HTTP, url: "%s" }
                auth: { type: bearer, secretProperty: TEST_USSMUS_TOKEN }
                tls: { trustStore: "%s", trustStorePasswordProperty: TEST_TRUST_PASSWORD }
                timeouts: { connect: PT2S, response: PT5S }
                retry: { maxRetries: 2, initialDelay: PT0.1S, multiplier: 2, maxDelay: PT0.2S }
                """.formatted(ussmus.url("/corridor/inbound"), trust));
        Files.writeString(partners.resolve("USBROKER.yaml"), """
                id: USBROKER
                name: Gulf Coast Customs Brokerage
                endpoint: { channel: HTTP, url: "%s" }
                tls: { trustStore: "%s", trustStorePasswordProperty: TEST_TRUST_PASSWORD }
                retry: { maxRetries: 3, initialDelay: PT0.1S }
                """.formatted(untrusted.url("/in"), trust));
        gateway = start();
    }

    @AfterAll
    static void stopAll() {
        if (gateway != null) {
            gateway.close();
        }
        ussmus.close();
        untrusted.close();
    }

    @Test
    @Order(1)
    void postsOverHttpsWithTheBearerTokenAndRefusesAnUntrustedCertificate() throws IOException {
        String documentId = drop(
                "shipping", "RESTART-PL.txt", Files.readAllBytes(Path.of("sample-docs/packing/FWO-PL-2025-0147.txt")));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking().deliveries(documentId))
                        .extracting(d -> d.get("partner_id") + "=" + d.get("status"))
                        .containsExactly("USBROKER=FAILED", "USSMUS=DELIVERED"));

        List<PartnerHttpServer.Received> posts = ussmus.receivedContaining(documentId);
        assertThat(posts).singleElement().satisfies(post -> {
            assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(post.header("Idempotency-Key")).isEqualTo(documentId + ":USSMUS");
        });
        // the untrusted server never got a request through, and a certificate we do not trust is not retried
        assertThat(untrusted.received()).isEmpty();
        Map<String, Object> refused = tracking().deliveries(documentId).get(0);
        assertThat(refused.get("attempts")).isEqualTo(1);
        assertThat((String) refused.get("last_error"))
                .startsWith("TLS handshake with the partner's server failed; its certificate is not trusted")
                .contains("SSLHandshakeException");
        assertThat(tracking().deliveries(documentId).toString())
                .doesNotContain(TOKEN)
                .doesNotContain(TRUST_PASSWORD);
    }

    @Test
    @Order(2)
    void deliversExactlyOnceAfterTheGatewayStopsBetweenSendAndCommit() throws Exception {
        // both delivery routes hold after their send; meanwhile the broker dies as it would with the process
        // (an I/O-critical stop: nothing more is written to its journal), so neither the JMS commit nor the
        // tracking update happens; then the rest of the gateway is stopped
        CamelContext camel = gateway.getBean(CamelContext.class);
        CountDownLatch sent = new CountDownLatch(2);
        CountDownLatch brokerDead = new CountDownLatch(1);
        for (String partner : List.of("FWOPK", "USSMUS")) {
            AdviceWith.adviceWith(
                    camel,
                    "deliver-" + partner,
                    route -> route.weaveById("deliver-" + partner + "-send")
                            .after()
                            .process(exchange -> {
                                sent.countDown();
                                await().atMost(TIMEOUT).until(() -> brokerDead.getCount() == 0);
                                exchange.setRollbackOnly(true);
                            }));
        }
        byte[] content = Files.readString(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv"))
                .replace("KHILAB-CU-2025-0147", "RESTART-CU-0001")
                .getBytes(StandardCharsets.UTF_8);
        String documentId = drop("assay", "RESTART-CU-0001.csv", content);
        assertThat(sent.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("both partners sent to")
                .isTrue();
        assertThat(tracking().deliveries(documentId))
                .extracting(d -> d.get("partner_id") + "=" + d.get("status"))
                .containsExactly("FWOPK=PENDING", "USSMUS=PENDING");

        ((ActiveMQServerImpl) gateway.getBean(EmbeddedActiveMQ.class).getActiveMQServer()).stop(false, true, false);
        brokerDead.countDown();
        gateway.close();
        Path outbox = HOME.resolve("outbox/FWOPK");
        assertThat(outbox.resolve(documentId + ".json")).exists();
        assertThat(ussmus.receivedContaining("RESTART-CU-0001")).hasSize(1);

        gateway = start();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking().document(documentId).orElseThrow())
                        .containsEntry("status", "DELIVERED"));
        // the folder partner has the document once, complete, under its one name
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(documentId)))
                    .containsExactly(documentId + ".json");
        }
        assertThat(Files.readString(outbox.resolve(documentId + ".json"))).contains("RESTART-CU-0001");
        // the HTTP partner got it at most twice, both times with the same key to drop the duplicate by
        List<PartnerHttpServer.Received> posts = ussmus.receivedContaining("RESTART-CU-0001");
        assertThat(posts)
                .hasSizeBetween(1, 2)
                .allSatisfy(p -> assertThat(p.header("Idempotency-Key")).isEqualTo(documentId + ":USSMUS"));
        assertThat(posts.get(posts.size() - 1).bodyText())
                .isEqualTo(posts.get(0).bodyText());
        // tracking: each delivery DELIVERED once, by the restarted gateway
        assertThat(tracking().deliveries(documentId))
                .extracting(d -> d.get("partner_id") + "=" + d.get("status"))
                .containsExactly("FWOPK=DELIVERED", "USSMUS=DELIVERED");
        assertThat(tracking().events(documentId))
                .filteredOn(e -> "DELIVER".equals(e.get("stage")))
                .extracting(e -> (String) e.get("partner_id"))
                .containsExactlyInAnyOrder("FWOPK", "USSMUS");
        assertThat(gateway.getBean(JdbcTemplate.class)
                        .queryForObject(
                                "SELECT count(*) FROM documents WHERE file_name = 'RESTART-CU-0001.csv'",
                                Integer.class))
                .isEqualTo(1);
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CorridorApplication.class)
                .run(
                        "--spring.main.web-application-type=none",
                        "--corridor.home=" + HOME,
                        "--TEST_USSMUS_TOKEN=" + TOKEN,
                        "--TEST_TRUST_PASSWORD=" + TRUST_PASSWORD,
                        "--corridor.intake.read-lock-min-age-ms=200",
                        "--corridor.intake.read-lock-check-interval-ms=100",
                        "--corridor.intake.poll-delay-ms=100",
                        // One consumer per delivery queue: a broker stopped inside a running JVM closes its sessions
                        // one by
                        // one and hands the in-flight message of a closed session to another consumer whose session is
                        // still
                        // open, which sends it again before the broker is down (CI saw two POSTs before the restart). A
                        // killed process has no such consumer left, so the test would measure an artefact of stopping
                        // the
                        // broker in-process, not the crash it stands for.
                        "--corridor.delivery.consumers=1",
                        "--camel.main.shutdown-timeout=10");
    }

    private static TrackingStore tracking() {
        return gateway.getBean(TrackingStore.class);
    }

    private static String drop(String inbox, String name, byte[] content) throws IOException {
        Files.write(HOME.resolve("inbox").resolve(inbox).resolve(name), content);
        JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
        return await().atMost(TIMEOUT)
                .until(
                        () -> jdbc
                                .queryForList(
                                        "SELECT document_id FROM documents"
                                                + " WHERE file_name = ? AND parent_id IS NULL",
                                        String.class,
                                        name)
                                .stream()
                                .findFirst()
                                .orElse(null),
                        id -> id != null);
    }
}
