package org.corridor.track;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 tracking store's file from growing without end. With {@code WRITE_DELAY=0} (each commit in
 * the file before it returns) H2 runs no background writer, and so none of its own compaction: every store writes its
 * changed pages to a new chunk, and the chunks left behind keep a few live pages each. In {@code bench/run.sh} 4,000
 * documents grew the file to 2.3 GB with 6 % of it live, and it kept growing until the gateway stopped. This job does
 * what H2's background writer would: now and then it rewrites the live pages of the emptiest chunks, so their space is
 * reused. On PostgreSQL (or an in-memory H2) it does nothing.
 */
@Component
public class TrackingStoreCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingStoreCompaction.class);

    private final DataSource dataSource;
    private final boolean h2File;
    private final int belowFillRate;
    private final int targetFillRate;
    private final int writeBytes;
    private volatile MVStore store;

    TrackingStoreCompaction(
            DataSource dataSource,
            @Value("${spring.datasource.url:}") String url,
            @Value("${corridor.tracking.compact-below-fill-rate:60}") int belowFillRate,
            @Value("${corridor.tracking.compact-target-fill-rate:80}") int targetFillRate,
            @Value("${corridor.tracking.compact-write-mb:16}") int writeMb) {
        this.dataSource = dataSource;
        this.h2File = H2Files.of(url).isPresent();
        this.belowFillRate = belowFillRate;
        this.targetFillRate = targetFillRate;
        this.writeBytes = writeMb * 1024 * 1024;
    }

    /**
     * Rewrites live pages out of the emptiest chunks while the chunks hold less than the threshold of live data, at
     * most about {@code compact-write-mb} per run. Returns whether it rewrote anything.
     */
    @Scheduled(
            initialDelayString = "${corridor.tracking.compact-interval-ms:10000}",
            fixedDelayString = "${corridor.tracking.compact-interval-ms:10000}")
    public boolean compact() {
        if (!h2File) {
            return false;
        }
        MVStore s = store();
        FileStore<?> file = s.getFileStore();
        if (s.isClosed() || file == null || file.isReadOnly()) {
            return false;
        }
        int before = file.getChunksFillRate();
        if (before >= belowFillRate) {
            return false;
        }
        boolean rewrote;
        try {
            rewrote = s.compact(targetFillRate, writeBytes);
        } catch (MVStoreException e) {
            if (s.isClosed()) {
                // the gateway is stopping: H2 compacts what it can as it closes
                return false;
            }
            throw e;
        }
        LOG.debug(
                "Tracking store: chunks {} % live before compaction, {} % after ({} MB file)",
                before, file.getChunksFillRate(), file.size() / (1024 * 1024));
        return rewrote;
    }

    private MVStore store() {
        MVStore s = store;
        if (s == null) {
            try (Connection connection = dataSource.getConnection()) {
                s = H2Files.store(connection)
                        .orElseThrow(() ->
                                new IllegalStateException("the H2 tracking store is not embedded in this process"))
                        .getMvStore();
                store = s;
            } catch (SQLException e) {
                throw new IllegalStateException("could not reach the H2 tracking store: " + e.getMessage(), e);
            }
        }
        return s;
    }
}
