package org.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.corridor.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The shared inbox's read locks in PostgreSQL: one node per file, a dead node's lock taken over by exactly one. */
class ClusterReadLocksTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(TestPostgres.migrated());
    private final String file = "/srv/corridor/inbox/any/" + UUID.randomUUID() + ".csv";
    private final List<ClusterReadLocks> nodes = new ArrayList<>();

    private ClusterReadLocks node(String id) {
        ClusterReadLocks locks = new ClusterReadLocks(jdbc, id, Duration.ofSeconds(60), Duration.ofSeconds(10));
        locks.start();
        nodes.add(locks);
        return locks;
    }

    @AfterEach
    void stop() {
        nodes.forEach(ClusterReadLocks::stop);
    }

    @Test
    void aFileIsTakenByOneNodeUntilItLetsGo() {
        String a = "a-" + UUID.randomUUID();
        ClusterReadLocks first = node(a);
        ClusterReadLocks second = node("b-" + UUID.randomUUID());

        assertThat(first.add(file)).isTrue();
        assertThat(second.add(file)).isFalse();
        assertThat(second.contains(file)).isTrue();
        // only the holder lets go
        assertThat(second.remove(file)).isFalse();
        assertThat(first.add(file)).isFalse();

        assertThat(first.remove(file)).isTrue();
        assertThat(second.add(file)).isTrue();
    }

    @Test
    void aLockItsHolderStoppedRenewingIsTakenOverByExactlyOneOfTheNodesThatWantIt() throws Exception {
        ClusterReadLocks dead = node("dead-" + UUID.randomUUID());
        assertThat(dead.add(file)).isTrue();
        dead.stop();
        // its last renewal two minutes ago: older than the max age of a minute
        jdbc.update(
                "UPDATE intake_read_locks SET renewed_at = CURRENT_TIMESTAMP - INTERVAL '2 minutes' WHERE lock_key = ?",
                file);

        List<ClusterReadLocks> contenders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            contenders.add(node("live-" + i + "-" + UUID.randomUUID()));
        }
        CyclicBarrier together = new CyclicBarrier(contenders.size());
        ExecutorService threads = Executors.newFixedThreadPool(contenders.size());
        try {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (ClusterReadLocks c : contenders) {
                takes.add(threads.submit((Callable<Boolean>) () -> {
                    together.await();
                    return c.add(file);
                }));
            }
            int won = 0;
            for (Future<Boolean> take : takes) {
                won += take.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aLockStillRenewedIsNotTakenOverAndRenewalKeepsItFresh() {
        ClusterReadLocks holder = node("holder-" + UUID.randomUUID());
        assertThat(holder.add(file)).isTrue();
        jdbc.update(
                "UPDATE intake_read_locks SET renewed_at = CURRENT_TIMESTAMP - INTERVAL '50 seconds' WHERE lock_key = ?",
                file);
        holder.renew();

        assertThat(node("other-" + UUID.randomUUID()).add(file)).isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT renewed_at > CURRENT_TIMESTAMP - INTERVAL '10 seconds' FROM intake_read_locks"
                                + " WHERE lock_key = ?",
                        Boolean.class,
                        file))
                .isTrue();
    }

    @Test
    void aNodeStartingAgainUnderItsIdFreesTheLocksItHeldWhenItDied() {
        String id = "restarted-" + UUID.randomUUID();
        assertThat(node(id).add(file)).isTrue();

        ClusterReadLocks again = node(id);

        assertThat(node("other-" + UUID.randomUUID()).add(file)).isTrue();
        assertThat(again.contains(file)).isTrue();
    }
}
