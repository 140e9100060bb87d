package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.corridor.base.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Other systems send documents on the intake queue through the broker's network acceptor
 * ({@code corridor.broker.acceptor}), here with Artemis's own JMS client over TCP, as an ERP would. The configured
 * sender's document is processed like a dropped file (through the gateway's own in-process connection, which keeps
 * working with security on); a wrong password or none is refused, and the sender may neither read a queue nor send
 * anywhere but the intake queue.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CorridorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BrokerAcceptorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path HOME =
            Path.of("target", "test-homes", "acceptor-" + UUID.randomUUID()).toAbsolutePath();
    private static final int PORT = freePort();
    private static final String SENDER = "erp-sender";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final ActiveMQConnectionFactory NETWORK =
            new ActiveMQConnectionFactory("tcp://127.0.0.1:" + PORT + "?reconnectAttempts=0");

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("corridor.home", HOME::toString);
        registry.add("corridor.broker.acceptor", () -> "tcp://127.0.0.1:" + PORT);
        registry.add("corridor.broker.user", () -> SENDER);
        registry.add("corridor.broker.password", () -> PASSWORD);
    }

    @AfterAll
    static void closeClient() {
        NETWORK.close();
    }

    @Test
    void aDocumentSentWithTheSendersLoginIsProcessedLikeADroppedFile() throws Exception {
        byte[] certificate = Files.readString(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv"))
                .replace("KHILAB-CU-2025-0147", "ACCEPTOR-CU-0001")
                .getBytes(StandardCharsets.UTF_8);
        try (Connection connection = NETWORK.createConnection(SENDER, PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("corridor.inbound"));
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(certificate);
            message.setStringProperty(Headers.FILE_NAME, "ACCEPTOR-CU-0001.csv");
            producer.send(message);
        }

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT intake || ' ' || status"
                                        + " FROM documents WHERE file_name = 'ACCEPTOR-CU-0001.csv'",
                                String.class))
                        .containsExactly("jms:corridor.inbound DELIVERED"));
        try (Stream<Path> delivered = Files.list(HOME.resolve("outbox/FWOPK"))) {
            assertThat(delivered
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(f -> read(f).contains("\"ACCEPTOR-CU-0001\"")))
                    .hasSize(1);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() ->
                        NETWORK.createConnection(SENDER, "not-" + PASSWORD).close())
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aConnectionWithoutLoginIsRefused() {
        assertThatThrownBy(() -> NETWORK.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> NETWORK.createConnection("", "").close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void theSenderMayNeitherReadAQueueNorSendAnywhereButTheIntakeQueue() throws Exception {
        try (Connection connection = NETWORK.createConnection(SENDER, PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("corridor.inbound")))
                    .isInstanceOf(JMSSecurityException.class);
            for (String queue : new String[] {"corridor.process", "corridor.deliver.FWOPK", "corridor.dead"}) {
                MessageProducer producer = session.createProducer(session.createQueue(queue));
                assertThatThrownBy(() -> producer.send(session.createTextMessage("not for you")))
                        .as("a send to %s", queue)
                        .isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
