package org.corridor.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.corridor.track.H2Files;
import org.corridor.track.H2Leftovers;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;

/**
 * Opens the embedded H2 tracking store the way a store cut off by {@code kill -9} needs, before Flyway and so before
 * anything else uses it: when its last stop was not an orderly one, rows of transactions the kill cut off are rolled
 * back ({@link H2Leftovers}). An orderly stop leaves {@code <file>.closed-cleanly} beside the database, written only
 * once H2 has let go of its file (the connection pool closes before this bean: the data source depends on it, see
 * {@link PlatformConfig}); a start removes it. So the scan, which reads every table once (about 1 ms per document
 * tracked), runs after a crash, a power cut or a database left by an older version, never after a clean stop.
 * On PostgreSQL it does nothing: PostgreSQL's own recovery needs no help.
 */
final class TrackingStoreRecovery implements FlywayMigrationStrategy, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingStoreRecovery.class);

    private final Optional<Path> databaseFile;
    private final String clusterNode;

    /**
     * No data source here: the data source depends on this bean, and Flyway hands over its own at migration.
     * {@code clusterNode}: this node's id when it is one of a cluster (it then waits for its turn to start, see
     * {@link ClusterConfig.StartupLock}), else null.
     */
    TrackingStoreRecovery(String url, String clusterNode) {
        this.databaseFile = H2Files.of(url);
        this.clusterNode = clusterNode;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (clusterNode != null) {
            ClusterConfig.StartupLock.take(flyway.getConfiguration().getDataSource(), clusterNode);
        }
        databaseFile.ifPresent(file -> recover(flyway.getConfiguration().getDataSource(), file));
        flyway.migrate();
    }

    private static void recover(DataSource dataSource, Path file) {
        Path cleanStop = cleanStopMarker(file);
        boolean closedCleanly = Files.isRegularFile(cleanStop);
        try (Connection connection = dataSource.getConnection()) {
            // from here on the store is in use: a kill now must find no marker
            Files.deleteIfExists(cleanStop);
            noReusedResults(connection);
            if (closedCleanly || !migratedBefore(connection)) {
                return;
            }
            long started = System.nanoTime();
            int rolledBack = H2Leftovers.rollBack(connection);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (rolledBack > 0) {
                LOG.warn(
                        "The tracking store was not closed cleanly: rolled back {} row version(s) of transactions"
                                + " cut off when the gateway stopped ({} ms)",
                        rolledBack,
                        millis);
            } else if (rolledBack == 0) {
                LOG.info(
                        "The tracking store was not closed cleanly: checked for rows of transactions cut off when the"
                                + " gateway stopped, none found ({} ms)",
                        millis);
            } else {
                LOG.info("The tracking store was not closed cleanly but is in use by another transaction at start:"
                        + " rows left by the unclean stop, if any, are left to H2");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the tracking store " + file + " could not be checked after an unclean stop: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + cleanStop, e);
        }
    }

    /**
     * H2 answers a query repeated with the same parameters from its last result while it thinks the tables unchanged,
     * and a commit landing while that query ran can leave it thinking so (H2 #3894): a transaction then misses a row
     * committed before it looked again (it split a shipment into two dossiers). The default URL says
     * {@code OPTIMIZE_REUSE_RESULTS=0}; this covers an H2 URL of the operator's own. It holds for the database while
     * it is open in this process, which the connection pool keeps it.
     */
    static void noReusedResults(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET OPTIMIZE_REUSE_RESULTS 0");
        }
    }

    /** A new database (Flyway has not yet run on it) has nothing a kill could have cut off. */
    private static boolean migratedBefore(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            return tables.next();
        }
    }

    /**
     * Runs after the connection pool has closed: if H2 has let go of its file (it holds a lock on it while open), the
     * stop was orderly and the next start need not scan.
     */
    @Override
    public void destroy() {
        databaseFile.filter(TrackingStoreRecovery::closed).ifPresent(file -> {
            try {
                Files.writeString(
                        cleanStopMarker(file),
                        "H2 closed this database in an orderly stop; the next start removes this file\n",
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
            } catch (IOException e) {
                LOG.warn(
                        "Could not note the tracking store's orderly stop ({}): the next start checks it",
                        e.toString());
            }
        });
    }

    private static boolean closed(Path file) {
        try {
            return Files.isRegularFile(file) && released(file);
        } catch (IOException e) {
            return false;
        }
    }

    static Path cleanStopMarker(Path file) {
        return file.resolveSibling(file.getFileName() + ".closed-cleanly");
    }

    /** Whether no process, this one included, holds H2's lock on {@code file}: H2 has it while the database is open. */
    static boolean released(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException heldHere) {
            return false;
        }
    }
}
