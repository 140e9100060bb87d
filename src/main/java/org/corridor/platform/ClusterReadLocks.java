package org.corridor.platform;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read locks of a cluster's shared inbox, in the shared PostgreSQL database (table {@code intake_read_locks}): the
 * {@code idempotentRepository} of the intake-folder route's {@code idempotent-changed} read lock, so that each file is
 * taken by exactly one node. A lock is a row naming the file and the node; the node renews its rows every
 * {@code keepAlive} while it takes the files in, and deletes a row once its file has left the inbox.
 *
 * <p>A node that dies (kill -9, a power cut) leaves its rows. One not renewed for {@code maxAge} is stale: the next
 * node to want the file deletes it, only while it is still stale, and inserts its own; the primary key lets one node
 * win when several try at once. (camel-sql's JdbcOrphanLockAwareIdempotentRepository, tried first, lets every node
 * that finds a stale lock take it, and stops renewing a lock it took over: the cluster test caught files taken by two
 * nodes.) A node that starts again under the same id frees its own rows at once. Times are the database's, so the
 * nodes' clocks need not agree.
 */
final class ClusterReadLocks extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterReadLocks.class);

    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final Duration maxAge;
    private final Duration keepAlive;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService renewal;

    ClusterReadLocks(JdbcTemplate jdbc, String nodeId, Duration maxAge, Duration keepAlive) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.maxAge = maxAge;
        this.keepAlive = keepAlive;
    }

    @Override
    protected void doStart() {
        int left = jdbc.update("DELETE FROM intake_read_locks WHERE node_id = ?", nodeId);
        if (left > 0) {
            LOG.info("Node {} freed {} read lock(s) of files it was taking in when it last stopped", nodeId, left);
        }
        renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "intake-read-lock-renewal");
            t.setDaemon(true);
            return t;
        });
        renewal.scheduleWithFixedDelay(this::renew, keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (renewal != null) {
            renewal.shutdownNow();
        }
    }

    /** Takes the lock on {@code key} (a file's path): free, or stale and still so; false while another node holds it. */
    @Override
    public boolean add(String key) {
        // the common case, a free file, costs one statement
        if (insert(key)) {
            return true;
        }
        List<String> stale = jdbc.queryForList(
                "SELECT node_id FROM intake_read_locks WHERE lock_key = ? AND renewed_at < " + threshold(),
                String.class,
                key,
                maxAge.toMillis());
        if (stale.isEmpty()
                || jdbc.update(
                                "DELETE FROM intake_read_locks WHERE lock_key = ? AND renewed_at < " + threshold(),
                                key,
                                maxAge.toMillis())
                        == 0) {
            return false;
        }
        LOG.warn(
                "Node {} takes over the read lock of {} from node {}, which has not renewed it for {} s (it died"
                        + " while taking the file in; the file keeps its document id)",
                nodeId,
                key,
                stale.get(0),
                maxAge.toSeconds());
        return insert(key);
    }

    /** Inserts this node's lock on {@code key}; false when a lock is there (the primary key picks one winner). */
    private boolean insert(String key) {
        try {
            jdbc.update(
                    "INSERT INTO intake_read_locks (lock_key, node_id, renewed_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
                    key,
                    nodeId);
        } catch (DuplicateKeyException taken) {
            return false;
        }
        held.add(key);
        return true;
    }

    @Override
    public boolean contains(String key) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM intake_read_locks WHERE lock_key = ? AND renewed_at >= " + threshold(),
                        Integer.class,
                        key,
                        maxAge.toMillis())
                .isEmpty();
    }

    /** Lets go of {@code key}: only this node's own lock. */
    @Override
    public boolean remove(String key) {
        held.remove(key);
        return jdbc.update("DELETE FROM intake_read_locks WHERE lock_key = ? AND node_id = ?", key, nodeId) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Lets go of every lock of this node. */
    @Override
    public void clear() {
        held.clear();
        jdbc.update("DELETE FROM intake_read_locks WHERE node_id = ?", nodeId);
    }

    /** Renews this node's locks; a lock another node took over (this node was too slow) is dropped from the list. */
    void renew() {
        for (String key : List.copyOf(held)) {
            try {
                int renewed = jdbc.update(
                        "UPDATE intake_read_locks SET renewed_at = CURRENT_TIMESTAMP WHERE lock_key = ? AND node_id = ?",
                        key,
                        nodeId);
                if (renewed == 0 && held.remove(key)) {
                    LOG.warn("Node {} no longer holds the read lock of {}: another node took it over", nodeId, key);
                }
            } catch (DataAccessException e) {
                // the database is away: the next renewal tries again, well before the lock goes stale
                LOG.warn("Node {} could not renew its read locks this time: {}", nodeId, e.getMessage());
                return;
            }
        }
    }

    /** The database's now, less the lock's max age in milliseconds (the next parameter): before it, a lock is stale. */
    private static String threshold() {
        return "CURRENT_TIMESTAMP - (? * INTERVAL '1 millisecond')";
    }
}
