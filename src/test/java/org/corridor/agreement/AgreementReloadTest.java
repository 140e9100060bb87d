package org.corridor.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.corridor.audit.TestAudit;
import org.corridor.base.CorridorProperties;
import org.corridor.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agreements reloaded while the store runs, on H2 and on a real PostgreSQL: a new version is served without a restart,
 * a changed file replaces its version, an invalid file is refused with its reason while the version in force stays,
 * and fixing the file clears the refusal. The store polls with a real scheduler, as the gateway does.
 */
class AgreementReloadTest {

    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path folder;

    private ThreadPoolTaskScheduler scheduler;

    static List<DataSource> databases() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:agreements-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return List.of(h2, TestPostgres.migrated());
    }

    @AfterEach
    void stopPolling() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    /** An agreement file; the id is unique per test, as the PostgreSQL server is shared by the whole test run. */
    private static String agreement(String id, int version, String title, LocalDate from, String quotaTonnes) {
        return """
                id: %s
                version: %d
                title: "%s"
                effectiveFrom: %s
                parties:
                  - { id: FWOPK, name: Frontier Works Organisation, country: PK }
                commodities:
                  - { code: CU_CONC, hsExport: ["260300"] }
                quotas:
                  - { id: CU-Q, commodity: CU_CONC, from: 2025-01-01, to: 2027-12-31, tonnes: %s }
                """.formatted(id, version, title, from, quotaTonnes);
    }

    private AgreementStore startedStore(DataSource ds) {
        CorridorProperties properties = new CorridorProperties(folder, List.of(folder), null, null, Map.of());
        AgreementStore store = new AgreementStore(
                new JdbcTemplate(ds),
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                properties,
                Clock.systemUTC(),
                REFERENCE,
                TestAudit.on(ds));
        store.loadAtStart();
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(store::reload, POLL);
        return store;
    }

    /**
     * Writes an agreement file whole or not at all (written aside, then moved into place), as an operator's deployment
     * should: the store polls the folder and must never read it half written.
     */
    private static Path write(Path file, String content) throws IOException {
        Path aside = Files.writeString(file.resolveSibling("." + file.getFileName() + ".tmp"), content);
        return Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** This test's refusals: the PostgreSQL server is shared with other tests that refuse files of their own. */
    private List<AgreementStore.Refusal> refusals(AgreementStore store) {
        String here = folder.toAbsolutePath().normalize().toString();
        return store.refusals().stream().filter(r -> r.file().startsWith(here)).toList();
    }

    private static int versionOn(AgreementStore store, String id, LocalDate date) {
        return store.find(id, date).map(Agreement::version).orElse(0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pricingTermsSurviveTheDatabaseRoundTrip(DataSource ds) throws IOException {
        String id = "PRICING-" + UUID.randomUUID().toString().substring(0, 8);
        // in force only in 2090: the PostgreSQL server is shared with gateway tests, whose 2025 documents would
        // otherwise find two agreements naming their parties
        String sample = Files.readString(Path.of("sample-docs", "agreements", "PK-US-CM-2025.yaml"))
                .replace("id: PK-US-CM-2025", "id: " + id)
                .replace("effectiveFrom: 2025-09-08", "effectiveFrom: 2090-01-01")
                .replace("effectiveTo: 2030-09-07", "effectiveTo: 2090-12-31");
        Path file = Files.writeString(folder.resolve("pricing.yaml"), sample);
        Agreement fromFile = AGREEMENT_FILES.read(file);

        AgreementStore store = startedStore(ds);

        Agreement stored = store.find(id, LocalDate.of(2090, 6, 1)).orElseThrow();
        for (String commodity : List.of("CU_CONC", "SB_CONC", "SB_INGOT", "NDPR_OXIDE")) {
            PricingTerms terms = stored.commodity(commodity).orElseThrow().pricing();
            assertThat(terms).as(commodity).isNotNull();
            assertThat(terms)
                    .isEqualTo(fromFile.commodity(commodity).orElseThrow().pricing());
        }
        assertThat(stored.commodity("CU_CONC").orElseThrow().pricing().payable().percent())
                .isEqualByComparingTo("96.5");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void servesNewAndChangedVersionsAndKeepsTheVersionInForceWhenAFileIsInvalid(DataSource ds) throws IOException {
        String id = "RELOAD-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate before = LocalDate.of(2025, 6, 1);
        LocalDate after = LocalDate.of(2026, 6, 1);
        Path v1 = write(folder.resolve("v1.yaml"), agreement(id, 1, "first", LocalDate.of(2025, 1, 1), "100"));
        AgreementStore store = startedStore(ds);
        assertThat(versionOn(store, id, after)).isEqualTo(1);

        // a new file with a higher version: in force from its date, the old one still before it
        Path v2 = write(folder.resolve("v2.yaml"), agreement(id, 2, "second", LocalDate.of(2026, 1, 1), "100"));
        await().atMost(Duration.ofSeconds(10)).until(() -> versionOn(store, id, after) == 2);
        assertThat(versionOn(store, id, before)).isEqualTo(1);
        assertThat(store.versions(id)).extracting(Agreement::version).containsExactly(1, 2);

        // the same file changed, same version: that version is replaced
        write(v1, agreement(id, 1, "first, corrected", LocalDate.of(2025, 1, 1), "100"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.find(id, before).map(Agreement::title).orElse(""), "first, corrected"::equals);

        // an invalid change is refused with its reason; version 2 as it was stays in force
        write(v2, agreement(id, 2, "second, broken", LocalDate.of(2026, 1, 1), "-5"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !refusals(store).isEmpty());
        assertThat(refusals(store)).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(v2.toAbsolutePath().normalize().toString());
            assertThat(r.reason()).isEqualTo("v2.yaml: quota \"CU-Q\": \"tonnes\" is -5, expected more than 0");
            assertThat(r.sha256()).hasSize(64);
        });
        assertThat(store.find(id, after).map(Agreement::title)).hasValue("second");
        assertThat(store.versions(id)).hasSize(2);

        // fixed: stored, served, and the refusal is gone
        write(v2, agreement(id, 2, "second, fixed", LocalDate.of(2026, 1, 1), "50"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.find(id, after).map(Agreement::title).orElse(""), "second, fixed"::equals);
        assertThat(refusals(store)).isEmpty();
        assertThat(new JdbcTemplate(ds)
                        .queryForObject("SELECT count(*) FROM agreements WHERE agreement_id = ?", Integer.class, id))
                .isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void keepsTheStoredVersionsWhenTheGatewayStartsWithABrokenFile(DataSource ds) throws IOException {
        String id = "RESTART-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = write(folder.resolve("a.yaml"), agreement(id, 1, "good", LocalDate.of(2025, 1, 1), "100"));
        startedStore(ds);
        scheduler.shutdown();
        write(file, "id: " + id + "\nversion: 1\nsurprise: true\n");

        AgreementStore restarted = startedStore(ds);

        assertThat(restarted.find(id).map(Agreement::title)).hasValue("good");
        assertThat(refusals(restarted))
                .extracting(AgreementStore.Refusal::reason)
                .contains("a.yaml: unknown field \"surprise\" at line 3");
    }
}
