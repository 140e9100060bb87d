package org.corridor.platform;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;

/**
 * The database's part of {@code /actuator/health}, answered within a bound. Spring Boot's own check borrows a
 * connection from the pool, and while PostgreSQL is down that waits for the pool's connection timeout (30 s): the
 * health endpoint, which load balancers and the console ask every few seconds, stopped answering for the whole outage
 * (the fault campaign's PostgreSQL restart). Here the same check runs on a thread of its own; whoever asks waits at
 * most {@code bound} and is told DOWN, with why, if it has not answered by then. One check at a time: while one is
 * still waiting for the database, later asks wait on that one instead of starting more.
 */
final class BoundedDatabaseHealth implements HealthIndicator, DisposableBean {

    private final HealthIndicator check;
    private final Duration bound;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "corridor-db-health");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Health> pending;

    BoundedDatabaseHealth(DataSource dataSource, Duration bound) {
        this(new DataSourceHealthIndicator(dataSource), bound);
    }

    BoundedDatabaseHealth(HealthIndicator check, Duration bound) {
        this.check = check;
        this.bound = bound;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> running = current();
        try {
            return running.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail(
                            "error",
                            "the database did not answer within " + bound.toMillis()
                                    + " ms (a connection could not be had, or the query did not return)")
                    .build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause() instanceof Exception cause ? cause : e)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("error", "interrupted").build();
        }
    }

    private synchronized CompletableFuture<Health> current() {
        if (pending == null || pending.isDone()) {
            pending = CompletableFuture.supplyAsync(check::health, worker);
        }
        return pending;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
