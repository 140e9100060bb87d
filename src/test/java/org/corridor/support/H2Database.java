package org.corridor.support;

import java.sql.Connection;
import java.sql.SQLException;
import org.corridor.track.H2Files;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/** What an embedded H2 database is set to, read from H2's own objects (not all settings are in INFORMATION_SCHEMA). */
public final class H2Database {

    private H2Database() {}

    /** How much of the file's chunks is live data, in percent (what H2 compacts by). */
    public static int chunksFillRate(Connection connection) throws SQLException {
        return H2Files.store(connection)
                .orElseThrow()
                .getMvStore()
                .getFileStore()
                .getChunksFillRate();
    }

    /** Whether H2 may answer a repeated query from its last result (a database setting, not a session's). */
    public static boolean reusesResults(Connection connection) throws SQLException {
        return database(connection).getOptimizeReuseResults();
    }

    private static Database database(Connection connection) throws SQLException {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase();
    }
}
