package org.corridor.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Random;
import java.util.UUID;
import org.corridor.support.H2Database;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The compaction job on a real H2 file with the gateway's per-commit stores ({@code WRITE_DELAY=0}): commits that
 * touch random places of an index leave chunks with little live data in them, which H2 cannot reuse (the gateway's
 * file grew by 0.4 MB per document, see docs/BENCHMARKS.md); the job rewrites their live pages so they empty and can
 * be reused, and leaves a store alone that is dense enough. (Retention time 0 here: H2 rewrites no chunk younger than
 * it, 45 s by default.)
 */
class TrackingStoreCompactionTest {

    private static final int COMMITS = 1_500;

    @Test
    void sparseChunksAreRewrittenUntilTheStoreIsDenseAgain() throws Exception {
        Path dir =
                Path.of("target", "tracking-store-compaction", UUID.randomUUID().toString());
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("corridor")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        try (Connection open = dataSource.getConnection()) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE facts (id VARCHAR(40) PRIMARY KEY, detail VARCHAR(400), at TIMESTAMP)");
            jdbc.execute("CREATE INDEX facts_detail ON facts (detail)");
            Random random = new Random(11);
            for (int i = 0; i < COMMITS; i++) {
                // one row each at a random place of both indexes, as documents' ids and search terms go
                jdbc.update(
                        "INSERT INTO facts VALUES (?, ?, CURRENT_TIMESTAMP)",
                        UUID.randomUUID().toString(),
                        Long.toHexString(random.nextLong()).repeat(10));
            }
            TrackingStoreCompaction compaction = new TrackingStoreCompaction(dataSource, url, 60, 80, 16);
            int sparse = H2Database.chunksFillRate(open);
            assertThat(sparse)
                    .as("live data in the chunks after per-commit stores")
                    .isLessThan(60);

            int runs = 0;
            while (runs < 20 && compaction.compact()) {
                runs++;
                // the rewritten pages go to the file with the next store, as with the gateway's next commit
                jdbc.execute("CHECKPOINT");
            }

            assertThat(runs).isPositive();
            assertThat(H2Database.chunksFillRate(open))
                    .as("after %d runs (was %d %%)", runs, sparse)
                    .isGreaterThanOrEqualTo(60);
            assertThat(compaction.compact()).as("a dense store is left alone").isFalse();
        }
    }

    @Test
    void onPostgresqlOrAnInMemoryDatabaseItDoesNothing() {
        assertThat(new TrackingStoreCompaction(null, "jdbc:postgresql://127.0.0.1/corridor", 60, 80, 16).compact())
                .isFalse();
        assertThat(new TrackingStoreCompaction(null, "jdbc:h2:mem:x", 60, 80, 16).compact())
                .isFalse();
    }
}
