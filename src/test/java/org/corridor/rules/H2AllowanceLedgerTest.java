package org.corridor.rules;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;

/** The allowance ledger on H2, the embedded default database, with the project's migrations. */
class H2AllowanceLedgerTest extends AllowanceLedgerContract {

    private static JdbcDataSource database;

    @BeforeAll
    static void migrate() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @Override
    DataSource dataSource() {
        return database;
    }
}
