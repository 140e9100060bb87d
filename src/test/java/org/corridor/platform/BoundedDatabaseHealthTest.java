package org.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class BoundedDatabaseHealthTest {

    @Test
    void aDatabaseThatAnswersIsUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bounded-health;DB_CLOSE_DELAY=-1");
        BoundedDatabaseHealth health = new BoundedDatabaseHealth(h2, Duration.ofSeconds(10));
        try {
            Health answer = health.health();

            assertThat(answer.getStatus()).isEqualTo(Status.UP);
            assertThat(answer.getDetails()).containsEntry("database", "H2");
        } finally {
            health.destroy();
        }
    }

    /**
     * A PostgreSQL that takes connections and never answers (what a pool sees while the server is stopped and its
     * address still routes, or hung): Spring Boot's check would wait with the driver. This one says DOWN and why, and
     * a second ask while the first check still waits starts no second connection.
     */
    @Test
    void aDatabaseThatDoesNotAnswerIsDownWithinTheBoundAndIsAskedOnceAtATime() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setServerNames(new String[] {"127.0.0.1"});
            postgres.setPortNumbers(new int[] {silent.port()});
            postgres.setDatabaseName("corridor");
            postgres.setUser("corridor");
            BoundedDatabaseHealth health = new BoundedDatabaseHealth(postgres, Duration.ofMillis(300));
            try {
                Health first = health.health();
                Health second = health.health();

                assertThat(first.getStatus()).isEqualTo(Status.DOWN);
                assertThat(first.getDetails().get("error"))
                        .asString()
                        .startsWith("the database did not answer within 300 ms");
                assertThat(second.getStatus()).isEqualTo(Status.DOWN);
                assertThat(silent.connections())
                        .as("connections the checks opened")
                        .hasSize(1);
            } finally {
                health.destroy();
            }
        }
    }

    /** Accepts TCP connections and reads nothing, writes nothing. */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-postgres");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<Socket> connections() {
            return accepted;
        }

        private void accept() {
            try {
                while (!socket.isClosed()) {
                    accepted.add(socket.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
