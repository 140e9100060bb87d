package org.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker a cluster's nodes share: only the nodes' login connects, and what it is sent survives a restart. */
class StandaloneBrokerTest {

    @TempDir
    Path data;

    @Test
    void onlyTheNodesLoginConnectsAndASentMessageOutlivesARestart() throws Exception {
        int port = freePort();
        String url = "tcp://127.0.0.1:" + port;
        try (StandaloneBroker broker = StandaloneBroker.start(data, "127.0.0.1", port, "corridor", "s3cret")) {
            for (String[] login : new String[][] {{"corridor", "wrong"}, {"someone", "s3cret"}, {null, null}}) {
                try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url)) {
                    assertThatThrownBy(() ->
                                    factory.createConnection(login[0], login[1]).close())
                            .as("login %s", login[0])
                            .isInstanceOf(JMSSecurityException.class);
                }
            }
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
                    Connection connection = factory.createConnection("corridor", "s3cret")) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                session.createProducer(session.createQueue("corridor.process"))
                        .send(session.createTextMessage("a document"));
                session.commit();
            }
        }
        try (StandaloneBroker broker = StandaloneBroker.start(data, "127.0.0.1", port, "corridor", "s3cret");
                ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
                Connection connection = factory.createConnection("corridor", "s3cret")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("corridor.process"));
            assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("a document");
        }
    }

    @Test
    void refusesToStartWithoutALogin() {
        assertThatThrownBy(() -> StandaloneBroker.start(data, "127.0.0.1", 1, "corridor", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CORRIDOR_BROKER_PASSWORD");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
