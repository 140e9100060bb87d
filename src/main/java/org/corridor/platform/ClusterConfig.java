package org.corridor.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.corridor.base.ClusterSettings;
import org.corridor.base.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What changes when the gateway is one node of several ({@link ClusterSettings}), each part the one Camel, Artemis
 * and PostgreSQL already provide:
 * <ul>
 * <li>the shared inbox: each file is taken by one node, under camel-file's {@code idempotent-changed} read lock kept
 * in the shared database ({@link ClusterReadLocks}, table {@code intake_read_locks}); a node renews the locks it
 * holds, and a lock left by a node that died is taken over by one other node once it is older than
 * {@code intake-lock-max-age};</li>
 * <li>the leader: camel-file's {@link FileLockClusterService} on the shared home elects one node, which runs the
 * routes started as {@code master:corridor-leader:...} (SFTP polling) and the jobs that ask {@link Leadership}
 * (the acknowledgement-overdue check, the settlement sweep); the operating system frees the lock file when its
 * holder dies, even by {@code kill -9}, and another node takes it at its next try;</li>
 * <li>the start: nodes starting together would load the same agreements, partner files and first staff user into
 * the one database at once; a PostgreSQL advisory lock lets one node start at a time (held from the database
 * migration until the node is ready, freed by PostgreSQL when a node dies while starting).</li>
 * </ul>
 * The broker is the external Artemis of {@code spring.artemis.*} (profile {@code cluster}); control numbers and quota
 * counts were already taken with row locks in the database, so they stay unique and exact across nodes.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfig.class);
    /** The advisory lock's key: any constant the deployment's other PostgreSQL users do not pick. */
    private static final long STARTUP_LOCK = 0x436f727269646f72L; // "Corridor"

    /** The leader election of a cluster; a gateway alone always leads. */
    @Bean
    Leadership leadership(ClusterSettings cluster, MeterRegistry meters) {
        if (!cluster.enabled()) {
            return Leadership.ALONE;
        }
        return new FileLockLeadership(cluster, meters);
    }

    /** Registers a cluster's leader election with the Camel context (alone: nothing to register). */
    @Bean
    CamelContextConfiguration leaderElection(Leadership leadership) {
        FileLockLeadership election = leadership instanceof FileLockLeadership f ? f : null;
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                if (election != null) {
                    election.register(camelContext);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                if (election != null) {
                    election.join(camelContext);
                }
            }
        };
    }

    /**
     * The read locks of the folder inboxes ({@code idempotentRepository} of the intake-folder route): in the shared
     * database in a cluster; alone, the inbox uses the {@code changed} read lock, which never asks this one.
     */
    @Bean(name = "intakeReadLocks", destroyMethod = "stop")
    IdempotentRepository intakeReadLocks(ClusterSettings cluster, DataSource dataSource) {
        if (!cluster.enabled()) {
            MemoryIdempotentRepository unused = new MemoryIdempotentRepository();
            unused.start();
            return unused;
        }
        ClusterReadLocks locks = new ClusterReadLocks(
                new JdbcTemplate(dataSource),
                cluster.nodeId(),
                cluster.intakeLockMaxAge(),
                cluster.intakeLockKeepAlive());
        // started here: the file consumer's read lock uses it but does not start it
        locks.start();
        return locks;
    }

    /** Frees the start lock once this node is ready, or has failed to start. */
    @Bean
    static ApplicationListener<SpringApplicationEvent> startupLockRelease() {
        return event -> {
            if (event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent) {
                StartupLock.release();
            }
        };
    }

    /**
     * The PostgreSQL session lock held while this node starts, on a connection of its own: taken before the database
     * migration ({@link TrackingStoreRecovery#migrate}), freed when the node is ready or has failed.
     */
    static final class StartupLock {

        private static Connection held;

        private StartupLock() {}

        static synchronized void take(DataSource dataSource, String nodeId) {
            if (held != null) {
                return;
            }
            long began = System.nanoTime();
            try {
                Connection connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                LOG.info("Node {} waits its turn to start (nodes start one at a time)", nodeId);
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    lock.setLong(1, STARTUP_LOCK);
                    lock.execute();
                }
                held = connection;
                LOG.info(
                        "Node {} starts (waited {} ms for the nodes starting before it)",
                        nodeId,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "the cluster's start lock could not be taken in the database (cluster mode needs PostgreSQL): "
                                + e.getMessage(),
                        e);
            }
        }

        static synchronized void release() {
            if (held == null) {
                return;
            }
            try (Connection connection = held) {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, STARTUP_LOCK);
                    unlock.execute();
                }
            } catch (SQLException e) {
                // closing the session frees the lock too
                LOG.warn("The cluster's start lock was freed by closing its connection: {}", e.getMessage());
            } finally {
                held = null;
            }
        }
    }

    /**
     * Leadership by camel-file's {@link FileLockClusterService}: a lock on {@code <lock-folder>/corridor-leader},
     * tried every {@code leader-check-interval}. Registered with the Camel context before it starts, so the
     * {@code master:} routes find it; this node joins the election once the context has started.
     */
    static final class FileLockLeadership implements Leadership {

        private final ClusterSettings cluster;
        private final MeterRegistry meters;
        private volatile CamelClusterView view;

        FileLockLeadership(ClusterSettings cluster, MeterRegistry meters) {
            this.cluster = cluster;
            this.meters = meters;
        }

        /** Before the context starts, so that the {@code master:} routes find the service. */
        void register(CamelContext camelContext) {
            FileLockClusterService service = new FileLockClusterService();
            service.setId(cluster.nodeId());
            service.setRoot(cluster.lockFolder().toAbsolutePath().toString());
            service.setAcquireLockDelay(cluster.leaderCheckInterval().toMillis(), TimeUnit.MILLISECONDS);
            service.setAcquireLockInterval(cluster.leaderCheckInterval().toMillis(), TimeUnit.MILLISECONDS);
            try {
                camelContext.addService(service);
            } catch (Exception e) {
                throw new IllegalStateException("the leader election could not be set up: " + e.getMessage(), e);
            }
        }

        /** This node's candidacy, once the context has started. */
        void join(CamelContext camelContext) {
            FileLockClusterService service = camelContext.hasService(FileLockClusterService.class);
            try {
                view = service.getView(NAMESPACE);
            } catch (Exception e) {
                throw new IllegalStateException("this node could not join the leader election: " + e.getMessage(), e);
            }
            view.addEventListener((CamelClusterEventListener.Leadership)
                    (CamelClusterView v, CamelClusterMember leader) -> {
                        if (leader != null && leader.isLocal()) {
                            LOG.info(
                                    "Node {} now leads the cluster: it polls the partners' SFTP folders and runs"
                                            + " the acknowledgement-overdue check and the settlement sweep",
                                    cluster.nodeId());
                        } else {
                            LOG.info("Node {} does not lead the cluster (now)", cluster.nodeId());
                        }
                    });
            Gauge.builder("corridor.cluster.leader", this, l -> l.leads() ? 1 : 0)
                    .description("1 while this node leads the cluster (SFTP polling, periodic checks)")
                    .tag("node", cluster.nodeId())
                    .register(meters);
            LOG.info(
                    "Node {} joined the cluster: leader election on {}, file read locks in the database",
                    cluster.nodeId(),
                    cluster.lockFolder().toAbsolutePath());
        }

        @Override
        public boolean leads() {
            CamelClusterView v = view;
            return v != null && v.getLocalMember().isLeader();
        }
    }
}
