package org.corridor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Each closed day's last entry is written to its own file once, and the check holds the log to those files. */
class AuditHeadsTest {

    @TempDir
    Path home;

    /** A clock the test moves on. */
    private static final class Moving extends Clock {
        Instant now;

        Moving(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void writesTheLastEntryOfEachClosedDayOnceAndNeverTheOpenDay() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:heads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Moving clock = new Moving(Instant.parse("2026-11-30T23:59:00Z"));
        AuditLog audit = new AuditLog(jdbc, new DataSourceTransactionManager(ds), clock);
        AuditHeads heads = AuditHeads.in(jdbc, AuditHeads.folderOf(home), clock);
        audit.append("document.received", "D-1", "");
        audit.append("document.parsed", "D-1", "");
        clock.now = Instant.parse("2026-12-02T10:00:00Z");
        audit.append("document.received", "D-2", "");

        heads.writeClosedDays();

        Path folder = AuditHeads.folderOf(home);
        String hashOf2 = jdbc.queryForObject("SELECT hash FROM audit_log WHERE seq = 2", String.class);
        assertThat(Files.readString(folder.resolve("2026-11-30.txt")))
                .isEqualTo("2026-11-30 2 " + hashOf2 + " 2026-11-30T23:59:00.000000Z\n");
        // 1 December had no entry, 2 December is not over
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("2026-11-30.txt");
        }
        assertThat(heads.published()).extracting(AuditHeads.Published::seq).containsExactly(2L);
        assertThat(AuditVerifier.verify(ds, heads.published()).intact()).isTrue();
        assertThat(AuditVerifier.verify(ds, heads.published()).publishedHeads()).isEqualTo(1);

        clock.now = Instant.parse("2026-12-03T00:00:30Z");
        heads.writeClosedDays();
        assertThat(heads.published())
                .extracting(AuditHeads.Published::date)
                .containsExactly(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-02"));

        // a head kept elsewhere names an entry the log no longer has: deleted
        jdbc.update("DELETE FROM audit_log WHERE seq = 3");
        jdbc.update("UPDATE audit_head SET last_seq = 2, last_hash = ?", hashOf2);
        AuditVerifier.Verification v = AuditVerifier.verify(ds, heads.published());
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.DELETED);
        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(List.of(v.firstBreak().message())).allMatch(m -> m.contains("2026-12-02"));
    }
}
