package org.corridor.support;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** An H2 database for tests, with the project's Flyway migrations applied (see {@link TestPostgres} for PostgreSQL). */
public final class TestH2 {

    private TestH2() {}

    /** The database at {@code url} (user {@code sa}), migrated. */
    public static JdbcDataSource migrated(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return h2;
    }
}
