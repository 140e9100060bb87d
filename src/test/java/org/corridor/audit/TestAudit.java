package org.corridor.audit;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The audit log on a given (migrated) database, for tests that build the gateway's stores by hand. */
public final class TestAudit {

    private TestAudit() {}

    public static AuditLog on(DataSource ds) {
        return new AuditLog(new JdbcTemplate(ds), new DataSourceTransactionManager(ds), Clock.systemUTC());
    }
}
