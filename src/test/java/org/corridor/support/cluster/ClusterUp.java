package org.corridor.support.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.corridor.support.BrokerProcess;
import org.corridor.support.CampaignMain;
import org.corridor.support.GatewayProcess;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A cluster on this machine for a person to try (scripts/cluster-up.sh N): PostgreSQL (the zonky binaries the tests
 * use, its data kept under {@code var/cluster/postgres}), the broker ({@code corridor.jar broker}) and N gateway nodes
 * in profile {@code cluster}, all on loopback, sharing the home {@code var/cluster/home}. Prints where everything is,
 * then runs until Ctrl-C, which stops the nodes, the broker and PostgreSQL. Started again, it finds its database,
 * journal and home as they were left.
 */
public final class ClusterUp {

    private ClusterUp() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].matches("[1-9]")) {
            System.err.println("usage: ClusterUp N   (N = nodes, 1 to 9)");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        List<GatewayProcess> nodes = new ArrayList<>();
        CampaignMain.prepare(() -> null);
        PrintStream out = System.out;
        Path root = Path.of("var", "cluster").toAbsolutePath();
        Path home = root.resolve("home");
        Files.createDirectories(home);
        String brokerPassword = secret(root.resolve("broker-password"));

        out.println("Starting PostgreSQL (data in " + root.resolve("postgres") + ")...");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(root.resolve("postgres"))
                .setCleanDataDirectory(false)
                .start();
        JdbcTemplate admin = new JdbcTemplate(postgres.getPostgresDatabase());
        if (admin.queryForList("SELECT 1 FROM pg_database WHERE datname = 'corridor'", Integer.class)
                .isEmpty()) {
            admin.execute("CREATE DATABASE corridor");
        }
        String url = postgres.getJdbcUrl("postgres", "corridor");

        out.println("Starting the broker (journal in " + root.resolve("broker") + ")...");
        BrokerProcess broker = new BrokerProcess(root.resolve("broker"), "corridor", brokerPassword);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            nodes.forEach(GatewayProcess::stop);
            broker.close();
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));

        for (int n = 1; n <= count; n++) {
            nodes.add(new GatewayProcess(
                    home,
                    root.resolve("node-" + n + "-logs"),
                    Map.of(),
                    List.of(
                            "--spring.profiles.active=cluster",
                            "--spring.datasource.url=" + url,
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=postgres",
                            "--spring.artemis.broker-url=" + broker.url(),
                            "--spring.artemis.user=corridor",
                            "--spring.artemis.password=" + brokerPassword,
                            "--corridor.cluster.node-id=node-" + n)));
        }
        out.println("Starting " + count + " node(s); they take turns to start...");
        ExecutorService starting = Executors.newFixedThreadPool(count);
        List<Future<?>> started = new ArrayList<>();
        for (GatewayProcess node : nodes) {
            started.add(starting.submit(() -> node.start(Duration.ofMinutes(5))));
        }
        for (Future<?> f : started) {
            f.get();
        }
        starting.shutdown();

        out.println();
        out.println("Corridor cluster up: " + count + " node(s), one broker, one PostgreSQL, one home.");
        for (int n = 0; n < count; n++) {
            GatewayProcess node = nodes.get(n);
            out.printf(
                    "  node-%d  http://127.0.0.1:%d/  (pid %d, log %s)%n",
                    n + 1, node.port(), node.pid(), root.resolve("node-" + (n + 1) + "-logs"));
        }
        out.println("  broker  " + broker.url() + "  (pid " + broker.pid() + ", user corridor, password in "
                + root.resolve("broker-password") + ")");
        out.println("  database " + url + "  (user postgres, password postgres)");
        out.println("  home    " + home + "  (drop files into inbox/any; partners' copies in outbox/)");
        out.println("  console login: user admin, password in " + home.resolve("initial-admin-password"));
        out.println("Try: kill -9 one node's pid while files flow; the others carry on, and one of them takes over the"
                + " leader's jobs (grep 'now leads' in the logs). Ctrl-C stops everything.");
        stopped.await();
    }

    /** A password kept between runs (the broker's journal and the nodes must agree on it). */
    private static String secret(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, UUID.randomUUID().toString());
        }
        return Files.readString(file).strip();
    }
}
