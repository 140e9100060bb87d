package org.corridor.base;

import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Whether this gateway is one node of several ({@code corridor.cluster.*}, switched on by the {@code cluster}
 * profile): the nodes share one PostgreSQL database, one external Artemis broker and one {@code corridor.home} (a
 * shared disk). Every node takes files from the shared inbox (each file by exactly one node: a read lock in the
 * database), answers HTTP, processes and delivers; one node, the leader, also polls partners' SFTP folders and runs
 * the periodic checks, and another node takes that over within seconds when it dies (a lock file under
 * {@code lock-folder}). See docs/DEPLOY.md.
 *
 * @param enabled              off: one gateway owns its home, database and (embedded) broker
 * @param nodeId               this node's name in the tracking store's events and the logs; default the host name
 * @param lockFolder           where the leader's lock file lives: a folder every node sees (the shared home)
 * @param leaderCheckInterval  how often a node tries to become leader; all nodes must use the same value
 * @param intakeLockMaxAge     a file's read lock not renewed for this long belongs to a node that died: another
 *                             node may take the file
 * @param intakeLockKeepAlive  how often a node renews the read locks of the files it is taking in
 */
@Validated
@ConfigurationProperties(prefix = "corridor.cluster")
public record ClusterSettings(
        boolean enabled,
        String nodeId,
        @NotNull Path lockFolder,
        @NotNull Duration leaderCheckInterval,
        @NotNull Duration intakeLockMaxAge,
        @NotNull Duration intakeLockKeepAlive) {

    /** At most this long: the node id is stored beside every event. */
    public static final int MAX_NODE_ID = 64;

    public ClusterSettings {
        nodeId = nodeId == null || nodeId.isBlank() ? hostName() : nodeId.strip();
        if (nodeId.length() > MAX_NODE_ID || !nodeId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("corridor.cluster.node-id '" + nodeId + "' must be at most "
                    + MAX_NODE_ID + " letters, digits, dots, dashes or underscores");
        }
        if (intakeLockMaxAge.compareTo(intakeLockKeepAlive.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("corridor.cluster.intake-lock-max-age (" + intakeLockMaxAge
                    + ") must be at least twice corridor.cluster.intake-lock-keep-alive (" + intakeLockKeepAlive
                    + "), or a live node's read locks would be taken from it");
        }
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return clip(fromEnvironment.strip());
        }
        try {
            return clip(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    private static String clip(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return safe.length() <= MAX_NODE_ID ? safe : safe.substring(0, MAX_NODE_ID);
    }
}
