package org.corridor.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.corridor.base.CorridorProperties;

/**
 * An Apache Artemis broker in a process of its own, with Corridor's settings ({@link ArtemisSettings}), for the nodes
 * of a cluster to share ({@code java -jar corridor.jar broker}): what scripts/cluster-up.sh, the compose file and the
 * cluster test run. One login, which the nodes use, may do everything; nobody else may connect. Production runs the
 * Artemis distribution as a primary/backup pair with the same settings (docs/DEPLOY.md).
 */
public final class StandaloneBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();

    private StandaloneBroker() {}

    /**
     * Starts a broker keeping its journal under {@code data}, accepting Artemis core connections on
     * {@code tcp://host:port} from {@code user} with {@code password}.
     */
    public static StandaloneBroker start(Path data, String host, int port, String user, String password)
            throws Exception {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the broker needs a login for the nodes: set CORRIDOR_BROKER_USER and"
                    + " CORRIDOR_BROKER_PASSWORD (there is no default password)");
        }
        Path home = data.toAbsolutePath();
        Configuration configuration = new ConfigurationImpl()
                .setName("corridor-broker")
                .setPersistenceEnabled(true)
                .setJournalDirectory(home.resolve("journal").toString())
                .setBindingsDirectory(home.resolve("bindings").toString())
                .setPagingDirectory(home.resolve("paging").toString())
                .setLargeMessagesDirectory(home.resolve("large-messages").toString())
                .setSecurityEnabled(true)
                .setAuthenticationCacheSize(0);
        configuration.addAcceptorConfiguration("corridor", "tcp://" + host + ":" + port + "?protocols=CORE");
        // the broker has a process of its own: more memory for queued messages than the embedded broker's share
        ArtemisSettings.durability(configuration, 500_000, 512);
        ArtemisSettings.deadLetters(
                configuration,
                new CorridorProperties.Queues(
                        "corridor.inbound", "corridor.process", "corridor.deliver", "corridor.dead"));
        StandaloneBroker broker = new StandaloneBroker();
        broker.server.setConfiguration(configuration);
        broker.server.setSecurityManager(new NodeLogin(user, password));
        broker.server.start();
        return broker;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The nodes' one login; it may do everything (the nodes create their per-partner queues as partners appear). */
    private static final class NodeLogin extends SubjectSecurity {

        private static final String NODE = "corridor-node";

        private final String user;
        private final byte[] password;

        NodeLogin(String user, String password) {
            this.user = user;
            this.password = password.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Subject authenticate(
                String user, String password, RemotingConnection connection, String securityDomain) {
            return this.user.equals(user) && matches(this.password, password) ? subject(NODE) : null;
        }

        @Override
        public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
            return is(subject, NODE);
        }
    }
}
