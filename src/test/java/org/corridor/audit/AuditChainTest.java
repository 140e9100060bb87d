package org.corridor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.corridor.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log's chain on H2 and on PostgreSQL: entries commit with their fact or not at all, and whoever edits,
 * deletes, inserts or reorders rows directly in the table (as a database administrator could) is named by the check,
 * at the first entry touched.
 */
class AuditChainTest {

    /** A database to tamper with: a fresh H2 in memory, or a fresh database on the test PostgreSQL server. */
    static Stream<String> databases() {
        return Stream.of("H2", "PostgreSQL");
    }

    private static DataSource fresh(String kind) {
        DataSource ds;
        if (kind.equals("H2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            h2.setUser("sa");
            ds = h2;
        } else {
            // each test its own database: the tampering must not break the chain other tests on the server append to
            String name =
                    "audit_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
            new JdbcTemplate(TestPostgres.server().getPostgresDatabase()).execute("CREATE DATABASE " + name);
            ds = TestPostgres.server().getDatabase("postgres", name);
        }
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return ds;
    }

    /** Six entries, each in its own transaction, as the gateway writes them. */
    private static DataSource logOfSix(String kind) {
        DataSource ds = fresh(kind);
        AuditLog audit = TestAudit.on(ds);
        for (int i = 1; i <= 6; i++) {
            audit.append(i % 2 == 0 ? "operator" : AuditLog.SYSTEM, "document.received", "D-" + i, "entry " + i);
        }
        assertThat(verify(ds).intact()).isTrue();
        assertThat(verify(ds).entries()).isEqualTo(6);
        return ds;
    }

    private static AuditVerifier.Verification verify(DataSource ds) {
        return AuditVerifier.verify(ds, List.of());
    }

    private static void sql(DataSource ds, String... statements) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namesAnEditedEntry(String kind) {
        DataSource ds = logOfSix(kind);

        sql(ds, "UPDATE audit_log SET details = 'entry 3, quietly changed' WHERE seq = 3");

        AuditVerifier.Verification v = verify(ds);
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.EDITED);
        assertThat(v.firstBreak().message()).contains("entry #3");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namesADeletedEntry(String kind) {
        DataSource ds = logOfSix(kind);

        sql(ds, "DELETE FROM audit_log WHERE seq = 3");

        AuditVerifier.Verification v = verify(ds);
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.DELETED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namesADeletedEntryEvenWhenTheNumbersWereClosedUp(String kind) {
        DataSource ds = logOfSix(kind);

        sql(
                ds,
                "DELETE FROM audit_log WHERE seq = 3",
                "UPDATE audit_log SET seq = seq + 100 WHERE seq > 3",
                "UPDATE audit_log SET seq = seq - 101 WHERE seq > 100",
                "UPDATE audit_head SET last_seq = 5");

        AuditVerifier.Verification v = verify(ds);
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.DELETED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namesTheLastEntryDeleted(String kind) {
        DataSource ds = logOfSix(kind);

        sql(ds, "DELETE FROM audit_log WHERE seq = 6");

        AuditVerifier.Verification v = verify(ds);
        assertThat(v.firstBreak().seq()).isEqualTo(6);
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.DELETED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namesAnInsertedEntryThatHashesCorrectly(String kind) {
        DataSource ds = logOfSix(kind);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        // a careful forger: the new entry follows #3 and carries a correct hash of its own
        String prev = jdbc.queryForObject("SELECT hash FROM audit_log WHERE seq = 3", String.class);
        Instant at = jdbc.queryForObject(
                "SELECT recorded_at FROM audit_log WHERE seq = 3",
                (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant());
        String hash = AuditHashing.hash(prev, at, "operator", "quota.counted", "D-X", "never happened");

        sql(
                ds,
                "UPDATE audit_log SET seq = seq + 100 WHERE seq > 3",
                "UPDATE audit_log SET seq = seq - 99 WHERE seq > 100");
        jdbc.update(
                "INSERT INTO audit_log (seq, recorded_at, actor, action, subject, details, prev_hash, hash)"
                        + " VALUES (4, ?, 'operator', 'quota.counted', 'D-X', 'never happened', ?, ?)",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                prev,
                hash);
        sql(ds, "UPDATE audit_head SET last_seq = 7");

        AuditVerifier.Verification v = verify(ds);
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(4);
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.INSERTED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namesAnEntryAppendedBehindTheGatewaysBack(String kind) {
        DataSource ds = logOfSix(kind);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        String prev = jdbc.queryForObject("SELECT hash FROM audit_log WHERE seq = 6", String.class);
        Instant at = Instant.now();

        jdbc.update(
                "INSERT INTO audit_log (seq, recorded_at, actor, action, subject, details, prev_hash, hash)"
                        + " VALUES (7, ?, 'operator', 'quota.counted', 'D-X', 'never happened', ?, ?)",
                OffsetDateTime.ofInstant(AuditHashing.truncate(at), ZoneOffset.UTC),
                prev,
                AuditHashing.hash(prev, at, "operator", "quota.counted", "D-X", "never happened"));

        AuditVerifier.Verification v = verify(ds);
        assertThat(v.firstBreak().seq()).isEqualTo(7);
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.INSERTED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namesReorderedEntries(String kind) {
        DataSource ds = logOfSix(kind);

        sql(
                ds,
                "UPDATE audit_log SET seq = 103 WHERE seq = 4",
                "UPDATE audit_log SET seq = 4 WHERE seq = 3",
                "UPDATE audit_log SET seq = 3 WHERE seq = 103");

        AuditVerifier.Verification v = verify(ds);
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.REORDERED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRewriteWithEveryHashRecomputedIsCaughtByThePublishedHead(String kind) {
        DataSource ds = logOfSix(kind);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        AuditHeads.Published head = jdbc.queryForObject(
                "SELECT seq, hash, recorded_at FROM audit_log WHERE seq = 6",
                (rs, n) -> new AuditHeads.Published(
                        LocalDate.now(ZoneOffset.UTC),
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()));

        // the whole chain rewritten from #2 on, head row and all: only a head kept elsewhere can tell
        jdbc.update("UPDATE audit_log SET details = 'rewritten' WHERE seq = 2");
        List<AuditEntry> rows = jdbc.query(
                "SELECT seq, recorded_at, actor, action, subject, details, prev_hash, hash"
                        + " FROM audit_log ORDER BY seq",
                (rs, n) -> new AuditEntry(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)));
        String prev = AuditHashing.GENESIS;
        for (AuditEntry e : rows) {
            String hash = AuditHashing.hash(prev, e.recordedAt(), e.actor(), e.action(), e.subject(), e.details());
            jdbc.update("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, e.seq());
            prev = hash;
        }
        jdbc.update("UPDATE audit_head SET last_hash = ?", prev);

        assertThat(verify(ds).intact()).isTrue();
        AuditVerifier.Verification v = AuditVerifier.verify(ds, List.of(head));
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(6);
        assertThat(v.firstBreak().kind()).isEqualTo(AuditVerifier.Kind.EDITED);
        assertThat(v.firstBreak().message()).contains("published for");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEntryCommitsWithItsFactOrNotAtAll(String kind) {
        DataSource ds = fresh(kind);
        AuditLog audit = TestAudit.on(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        JdbcTemplate jdbc = new JdbcTemplate(ds);

        try {
            tx.executeWithoutResult(s -> {
                audit.append("document.received", "D-1", "rolled back");
                throw new IllegalStateException("the fact failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back, entry and all
        }
        tx.executeWithoutResult(s -> {
            audit.append("document.received", "D-2", "committed");
            audit.append("document.parsed", "D-2", "committed too");
        });

        assertThat(jdbc.queryForList("SELECT subject || ' ' || details FROM audit_log ORDER BY seq", String.class))
                .containsExactly("D-2 committed", "D-2 committed too");
        assertThat(audit.head().seq()).isEqualTo(2);
        assertThat(verify(ds).intact()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentTransactionsChainOneAfterTheOther(String kind) throws Exception {
        DataSource ds = fresh(kind);
        // two gateways' worth of writers on one database: each its own AuditLog, so only the head row serialises them
        AuditLog first = TestAudit.on(ds);
        AuditLog second = new AuditLog(new JdbcTemplate(ds), new DataSourceTransactionManager(ds), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                AuditLog audit = t % 2 == 0 ? first : second;
                int thread = t;
                Callable<Void> writer = () -> {
                    for (int i = 0; i < 25; i++) {
                        audit.append("document.received", "D-" + thread + "-" + i, "");
                    }
                    return null;
                };
                done.add(pool.submit(writer));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        AuditVerifier.Verification v = verify(ds);
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(100);
        assertThat(v.headSeq()).isEqualTo(100);
    }
}
