package org.corridor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;
import org.corridor.support.H2Database;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The scan for rows a kill cut off ({@code track.H2Leftovers}, tested there) runs when the H2 file was not closed by
 * an orderly stop, and only then; an orderly stop is noted only once H2 has let go of its file.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrackingStoreRecoveryTest {

    private static final String UNCLEAN = "The tracking store was not closed cleanly";

    private Path file;
    private String url;
    private JdbcDataSource dataSource;

    @BeforeEach
    void aDatabaseFile() throws Exception {
        Path dir =
                Path.of("target", "tracking-store-recovery", UUID.randomUUID().toString());
        Files.createDirectories(dir);
        url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("corridor")
                + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=16384;WRITE_DELAY=0";
        file = dir.toAbsolutePath().resolve("corridor.mv.db");
        dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("CREATE TABLE docs (id VARCHAR(40) PRIMARY KEY)");
        }
        // a store the gateway has used before
        flyway().migrate();
    }

    @Test
    void aStoreNotClosedInAnOrderlyStopIsScannedBeforeFlywayMigrates(CapturedOutput output) {
        new TrackingStoreRecovery(url, null).migrate(flyway());

        assertThat(output.getOut()).contains(UNCLEAN);
        assertThat(TrackingStoreRecovery.cleanStopMarker(file)).doesNotExist();
    }

    @Test
    void aStoreClosedInAnOrderlyStopIsNotScannedAndTheNoteIsRemovedOnceInUse(CapturedOutput output) {
        TrackingStoreRecovery stopped = new TrackingStoreRecovery(url, null);
        stopped.destroy();
        assertThat(TrackingStoreRecovery.cleanStopMarker(file)).isRegularFile();

        new TrackingStoreRecovery(url, null).migrate(flyway());

        assertThat(output.getOut()).doesNotContain(UNCLEAN);
        assertThat(TrackingStoreRecovery.cleanStopMarker(file))
                .as("a kill from now on must find no note of an orderly stop")
                .doesNotExist();
    }

    @Test
    void h2ReusesNoQueryResultsEvenWithAnOperatorsUrlWithoutTheSetting() throws Exception {
        // url (the gateway's options but OPTIMIZE_REUSE_RESULTS=0, as an operator's own URL might be): the database
        // stays open on this connection, as the pool keeps it
        try (Connection open = dataSource.getConnection()) {
            assertThat(H2Database.reusesResults(open)).as("H2's default").isTrue();

            new TrackingStoreRecovery(url, null).migrate(flyway());

            assertThat(H2Database.reusesResults(open))
                    .as("a repeated query must be evaluated again (H2 #3894)")
                    .isFalse();
        }
    }

    @Test
    void aNewDatabaseIsNotScanned(CapturedOutput output) throws Exception {
        Path fresh =
                Path.of("target", "tracking-store-recovery", UUID.randomUUID().toString(), "corridor");
        JdbcDataSource created = new JdbcDataSource();
        created.setURL("jdbc:h2:file:" + fresh.toAbsolutePath());
        created.setUser("sa");

        new TrackingStoreRecovery("jdbc:h2:file:" + fresh.toAbsolutePath(), null).migrate(flyway(created));

        assertThat(output.getOut()).doesNotContain(UNCLEAN);
    }

    @Test
    void noOrderlyStopIsNotedWhileTheDatabaseIsStillOpen() throws Exception {
        try (Connection stillOpen = dataSource.getConnection()) {
            stillOpen.createStatement().execute("SELECT COUNT(*) FROM docs");

            new TrackingStoreRecovery(url, null).destroy();

            assertThat(TrackingStoreRecovery.cleanStopMarker(file)).doesNotExist();
        }
    }

    @Test
    void onPostgresqlNothingIsScannedOrNoted(CapturedOutput output) {
        TrackingStoreRecovery recovery = new TrackingStoreRecovery("jdbc:postgresql://127.0.0.1:5432/corridor", null);

        recovery.migrate(flyway());
        recovery.destroy();

        assertThat(output.getOut()).doesNotContain(UNCLEAN);
        assertThat(TrackingStoreRecovery.cleanStopMarker(file)).doesNotExist();
    }

    private Flyway flyway() {
        return flyway(dataSource);
    }

    private static Flyway flyway(JdbcDataSource dataSource) {
        // no migrations of its own: what is tested is what happens before Flyway's
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:tracking-store-recovery-none")
                .failOnMissingLocations(false)
                .baselineOnMigrate(true)
                .load();
    }
}
