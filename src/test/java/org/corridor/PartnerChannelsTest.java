package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalJson;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SFTP and JMS partner channels against real servers in-process: an Apache MINA SSHD SFTP server on a loopback
 * port (password login, a virtual file system rooted under target/) for USSMUS, and a queue of the gateway's own
 * broker for FWOPK. The gateway runs in a context and home folder of its own.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PartnerChannelsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CU = "KHILAB-CU-2025-0147";
    private static final String RUN = UUID.randomUUID().toString();
    private static final Path HOME =
            Path.of("target", "test-homes", "channels-" + RUN).toAbsolutePath();
    private static final Path SFTP_ROOT = Path.of("target", "sftp-roots", RUN).toAbsolutePath();
    private static final String SFTP_USER = "ussm";
    private static final String SFTP_PASSWORD = "s3cret+pa$$(word)";
    private static final String QUEUE = "partner.fwopk";

    /** The password the server accepts; a test changes it to make the gateway's configured one wrong. */
    private static volatile String acceptedPassword = SFTP_PASSWORD;

    private static final SshServer SFTP = startSftpServer();
    /** A partner's own broker, outside the gateway: a second Artemis, reached over TCP. */
    private static final EmbeddedActiveMQ PARTNER_BROKER = startPartnerBroker();

    private static final String BROKER_QUEUE = "broker.inbox";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    @Autowired
    ConnectionFactory connectionFactory;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("corridor.home", HOME::toString);
        // the laboratory leaves its certificates in its folder on the same SFTP server; we poll it
        try {
            Files.createDirectories(HOME.resolve("partners"));
            Files.createDirectories(SFTP_ROOT.resolve("outgoing"));
            Files.writeString(HOME.resolve("partners/KHILAB.yaml"), """
                    id: KHILAB
                    name: Karachi Minerals Testing Laboratory
                    roles: [LABORATORY]
                    inbound:
                      sftp:
                        url: "sftp://127.0.0.1:%d"
                        directory: outgoing
                        username: %s
                        passwordProperty: TEST_KHILAB_SFTP_PASSWORD
                        strictHostKeyChecking: "no"
                        after: move
                        pollDelay: PT0.2S
                    """.formatted(SFTP.getPort(), SFTP_USER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("TEST_KHILAB_SFTP_PASSWORD", () -> SFTP_PASSWORD);
        registry.add("corridor.partners.USSMUS.channel", () -> "SFTP");
        registry.add("corridor.partners.USSMUS.url", () -> "sftp://127.0.0.1:" + SFTP.getPort());
        registry.add("corridor.partners.USSMUS.directory", () -> "incoming");
        registry.add("corridor.partners.USSMUS.username", () -> SFTP_USER);
        registry.add("corridor.partners.USSMUS.password", () -> SFTP_PASSWORD);
        // the test server's host key is generated per run; production partners set known-hosts-file instead
        registry.add("corridor.partners.USSMUS.strict-host-key-checking", () -> "no");
        registry.add("corridor.partners.FWOPK.channel", () -> "JMS");
        registry.add("corridor.partners.FWOPK.queue", () -> QUEUE);
        registry.add("corridor.partners.USBROKER.channel", () -> "JMS");
        registry.add("corridor.partners.USBROKER.url", PartnerChannelsTest::partnerBrokerUrl);
        registry.add("corridor.partners.USBROKER.queue", () -> BROKER_QUEUE);
        registry.add("corridor.intake.read-lock-min-age-ms", () -> "200");
        registry.add("corridor.intake.read-lock-check-interval-ms", () -> "100");
        registry.add("corridor.intake.poll-delay-ms", () -> "100");
        registry.add("corridor.delivery.redelivery-delay-ms", () -> "100");
        registry.add("corridor.delivery.maximum-redelivery-delay-ms", () -> "200");
        registry.add("corridor.delivery.maximum-redeliveries", () -> "1");
        registry.add("corridor.delivery.sftp-connect-timeout-ms", () -> "5000");
    }

    @AfterAll
    static void stopSftpServer() throws Exception {
        SFTP.stop(true);
        PARTNER_BROKER.stop();
    }

    @Test
    void deliversToAQueueOnThePartnersOwnBroker() throws Exception {
        byte[] content = Files.readAllBytes(Path.of("sample-docs/packing/FWO-PL-2025-0147.txt"));
        String documentId = drop("shipping", "CH-PL-0001.txt", content);

        awaitStatus(documentId, "DELIVERED");

        try (ActiveMQConnectionFactory partnerSide = new ActiveMQConnectionFactory(partnerBrokerUrl())) {
            JmsTemplate template = new JmsTemplate(partnerSide);
            template.setReceiveTimeout(10_000);
            Message message = template.receiveSelected(BROKER_QUEUE, "JMSCorrelationID = '" + documentId + "'");
            assertThat(message)
                    .as("message on the partner's broker for %s", documentId)
                    .isNotNull();
            assertThat(message.getStringProperty("IdempotencyKey")).isEqualTo(documentId + ":USBROKER");
            assertThat(bodyOf(message)).contains("\"kind\" : \"PACKING_LIST\"").contains(documentId);
        }
        assertThat(tracking.deliveries(documentId))
                .filteredOn(d -> "USBROKER".equals(d.get("partner_id")))
                .singleElement()
                .satisfies(d -> assertThat(d)
                        .containsEntry("status", "DELIVERED")
                        .containsEntry("channel", "JMS")
                        .containsEntry("target", partnerBrokerUrl() + " jms:queue:" + BROKER_QUEUE));
    }

    private static String partnerBrokerUrl() {
        return "tcp://127.0.0.1:" + PARTNER_BROKER_PORT;
    }

    private static int PARTNER_BROKER_PORT;

    private static EmbeddedActiveMQ startPartnerBroker() {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            PARTNER_BROKER_PORT = free.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
            broker.setConfiguration(new ConfigurationImpl()
                    .setPersistenceEnabled(false)
                    .setSecurityEnabled(false)
                    .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + PARTNER_BROKER_PORT));
            broker.start();
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("the partner's broker did not start", e);
        }
    }

    @Test
    void deliversOverSftpAndToJmsQueue() throws Exception {
        byte[] content = sample("CH-CU-0001");
        String documentId = drop("assay", "CH-CU-0001.csv", content);

        awaitStatus(documentId, "DELIVERED");

        // SFTP: the canonical JSON under the folder channel's name, renamed from its temporary name
        Path delivered = SFTP_ROOT.resolve("incoming").resolve(documentId + ".json");
        assertThat(delivered).exists();
        JsonNode json = CanonicalJson.mapper().readTree(delivered.toFile());
        // the certificate number is the test's own (also in the findings' texts); the gateway files every document in
        // its shipment's dossier, which the command line cannot know
        JsonNode expected = CanonicalJson.mapper()
                .readTree(Files.readString(Path.of("sample-docs/assay/expected/" + CU + ".json"))
                        .replace(CU, "CH-CU-0001"))
                .get(0);
        assertThat(json.path("shipmentRef").asText()).isNotBlank();
        ((ObjectNode) expected).put("shipmentRef", json.get("shipmentRef").asText());
        ((ObjectNode) expected).put("documentId", documentId);
        ((ObjectNode) expected.get("source")).put("fileName", "CH-CU-0001.csv");
        ((ObjectNode) expected.get("source")).put("sha256", Hashing.sha256Hex(content));
        ((ObjectNode) expected.get("body")).put("certificateNo", "CH-CU-0001");
        assertThat(json).isEqualTo(expected);
        try (Stream<Path> files = Files.list(delivered.getParent())) {
            // this document's own: another test's delivery to the same folder may be in flight now
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(".inflight-") && n.contains(documentId));
        }

        // JMS: the same bytes, correlated by the document id, with a stable idempotency key and no internal headers
        Message message = receive(documentId);
        assertThat(message).as("message on %s for %s", QUEUE, documentId).isNotNull();
        assertThat(message.getJMSCorrelationID()).isEqualTo(documentId);
        assertThat(message.getStringProperty("IdempotencyKey")).isEqualTo(documentId + ":FWOPK");
        assertThat(java.util.Collections.list((java.util.Enumeration<?>) message.getPropertyNames()))
                .map(Object::toString)
                .noneMatch(n -> n.toLowerCase().startsWith("corridor"));
        assertThat(bodyOf(message)).isEqualTo(Files.readString(delivered, StandardCharsets.UTF_8));

        assertThat(tracking.deliveries(documentId))
                .extracting(d -> d.get("partner_id") + "=" + d.get("status") + "/" + d.get("channel") + "/"
                        + d.get("attempts") + "/" + d.get("target"))
                .containsExactly(
                        "FWOPK=DELIVERED/JMS/1/jms:queue:" + QUEUE,
                        "USSMUS=DELIVERED/SFTP/1/sftp://127.0.0.1:" + SFTP.getPort() + "/incoming");
        assertThat(tracking.deliveries(documentId))
                .allSatisfy(d -> assertThat(String.valueOf(d)).doesNotContain(SFTP_PASSWORD));
    }

    @Test
    void wrongSftpPasswordEndsFailedWithAuthenticationReason() throws Exception {
        acceptedPassword = "rotated-by-the-partner";
        try {
            String documentId = drop("assay", "CH-CU-0002.csv", sample("CH-CU-0002"));

            awaitStatus(documentId, "FAILED");
            await().atMost(TIMEOUT).until(() -> tracking.isDelivered(documentId, "FWOPK"));

            List<Map<String, Object>> deliveries = tracking.deliveries(documentId);
            assertThat(deliveries)
                    .extracting(d -> d.get("partner_id") + "=" + d.get("status") + "/" + d.get("channel"))
                    .containsExactly("FWOPK=DELIVERED/JMS", "USSMUS=FAILED/SFTP");
            Map<String, Object> sftp = deliveries.get(1);
            assertThat((String) sftp.get("last_error"))
                    .containsIgnoringCase("auth")
                    .doesNotContain(SFTP_PASSWORD);
            // a refused login is permanent: not retried although one retry is configured
            assertThat(sftp.get("attempts")).isEqualTo(1);
            assertThat(SFTP_ROOT.resolve("incoming").resolve(documentId + ".json"))
                    .doesNotExist();
            assertThat(receive(documentId)).isNotNull();
        } finally {
            acceptedPassword = SFTP_PASSWORD;
        }
    }

    @Test
    void takesDocumentsFromAPartnersSftpFolderLikeDroppedFiles() throws Exception {
        byte[] content = sample("CH-SFTP-IN-0001");
        Path outgoing = SFTP_ROOT.resolve("outgoing");
        // uploaded under a temporary name, then renamed, as partners are asked to
        Files.write(outgoing.resolve("CH-SFTP-IN-0001.csv.tmp"), content);
        Files.move(outgoing.resolve("CH-SFTP-IN-0001.csv.tmp"), outgoing.resolve("CH-SFTP-IN-0001.csv"));

        String documentId = await().atMost(TIMEOUT)
                .until(
                        () -> jdbc
                                .queryForList(
                                        "SELECT document_id FROM documents" + " WHERE file_name = ?",
                                        String.class,
                                        "CH-SFTP-IN-0001.csv")
                                .stream()
                                .findFirst()
                                .orElse(null),
                        id -> id != null);
        awaitStatus(documentId, "DELIVERED");

        Map<String, Object> row = tracking.document(documentId).orElseThrow();
        assertThat(row).containsEntry("intake", "sftp:KHILAB").containsEntry("sha256", Hashing.sha256Hex(content));
        assertThat(Files.readAllBytes(Path.of((String) row.get("archive_path"))))
                .isEqualTo(content);
        // taken once, and moved aside on the server after the hand-off
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(outgoing.resolve("CH-SFTP-IN-0001.csv")).doesNotExist());
        assertThat(outgoing.resolve(".done/CH-SFTP-IN-0001.csv")).hasBinaryContent(content);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM documents WHERE file_name = 'CH-SFTP-IN-0001.csv'", Integer.class))
                .isEqualTo(1);
    }

    private static SshServer startSftpServer() {
        try {
            Files.createDirectories(SFTP_ROOT);
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(SFTP_ROOT.resolveSibling(RUN + ".hostkey")));
            server.setPasswordAuthenticator(
                    (user, password, session) -> SFTP_USER.equals(user) && acceptedPassword.equals(password));
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.setFileSystemFactory(new VirtualFileSystemFactory(SFTP_ROOT));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Message receive(String documentId) {
        JmsTemplate template = new JmsTemplate(connectionFactory);
        template.setReceiveTimeout(10_000);
        return template.receiveSelected(QUEUE, "JMSCorrelationID = '" + documentId + "'");
    }

    private static String bodyOf(Message message) throws Exception {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        BytesMessage bytes = (BytesMessage) message;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] sample(String certificateNo) {
        try {
            return Files.readString(Path.of("sample-docs", "assay", CU + ".csv"))
                    .replace(CU, certificateNo)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String drop(String inbox, String name, byte[] content) throws IOException {
        Files.write(HOME.resolve("inbox").resolve(inbox).resolve(name), content);
        return await().atMost(TIMEOUT)
                .until(
                        () -> jdbc
                                .queryForList(
                                        "SELECT document_id FROM documents"
                                                + " WHERE file_name = ? AND parent_id IS NULL ORDER BY received_at DESC",
                                        String.class,
                                        name)
                                .stream()
                                .findFirst()
                                .orElse(null),
                        id -> id != null);
    }

    private void awaitStatus(String documentId, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", status));
    }
}
