package org.corridor.track;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.Store;

/**
 * Where an embedded H2 tracking store lives: its file, from the data source URL, and its page store, from a connection
 * to it. The few places that look under H2's JDBC surface (recovery after a kill, compaction) start here.
 */
public final class H2Files {

    private static final String FILE_URL = "jdbc:h2:file:";

    private H2Files() {}

    /** The {@code .mv.db} file of an embedded H2 URL ({@code jdbc:h2:file:PATH;…}), if the URL is one. */
    public static Optional<Path> of(String url) {
        if (url == null || !url.startsWith(FILE_URL)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(url.substring(FILE_URL.length()).split(";", 2)[0] + ".mv.db"));
    }

    /** The page store of the embedded H2 database behind {@code connection}; empty on another database. */
    public static Optional<Store> store(Connection connection) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            return Optional.ofNullable(session.getDatabase().getStore());
        }
        return Optional.empty();
    }
}
