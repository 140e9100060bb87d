package org.corridor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.corridor.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The grants of docs/audit-grants.postgresql.sql, run as documented: the gateway's user appends to the audit log and
 * reads it, and PostgreSQL refuses it any UPDATE, DELETE or TRUNCATE of it.
 */
class AuditGrantsPostgresTest {

    @Test
    void theApplicationsUserMayAppendToTheAuditLogButNeverChangeIt() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        String database = "grants_" + suffix;
        String app = "corridor_app_" + suffix;
        JdbcTemplate server = new JdbcTemplate(TestPostgres.server().getPostgresDatabase());
        server.execute("CREATE DATABASE " + database);
        server.execute("CREATE ROLE " + app + " LOGIN");
        DataSource owner = TestPostgres.server().getDatabase("postgres", database);
        Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        String grants =
                Files.readString(Path.of("docs", "audit-grants.postgresql.sql")).replace("corridor_app", app);
        new JdbcTemplate(owner).execute(grants);

        DataSource gateway = TestPostgres.server().getDatabase(app, database);
        AuditLog audit = TestAudit.on(gateway);
        audit.append("document.received", "D-1", "as the gateway's user");
        audit.append("document.parsed", "D-1", "as the gateway's user");
        JdbcTemplate jdbc = new JdbcTemplate(gateway);

        assertThat(AuditVerifier.verify(gateway, List.of()).entries()).isEqualTo(2);
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET details = 'changed' WHERE seq = 1"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied for table audit_log");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_log WHERE seq = 2"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied for table audit_log");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_log"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied for table audit_log");
        // the rest of the gateway's tables stay writable
        assertThat(jdbc.update("DELETE FROM inbound_refusals")).isZero();
        assertThat(AuditVerifier.verify(gateway, List.of()).intact()).isTrue();
    }
}
