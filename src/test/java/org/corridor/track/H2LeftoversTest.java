package org.corridor.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A row left in the H2 file by a transaction a kill -9 cut off, without its undo-log record (issue 15), is rolled
 * back at startup by {@link H2Leftovers}, before a transaction of the new process reuses its transaction id.
 */
class H2LeftoversTest {

    private static final String OPTIONS =
            ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=16384;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=0";

    private final List<Connection> open = new ArrayList<>();
    private String url;

    @BeforeEach
    void leaveALeftover() throws Exception {
        Path dir = Path.of("target", "h2-leftovers", UUID.randomUUID().toString());
        Files.createDirectories(dir);
        url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + OPTIONS;
        Connection setup = connection();
        setup.setAutoCommit(true);
        try (Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE docs (id VARCHAR(40) PRIMARY KEY, note VARCHAR(40))");
            s.execute("INSERT INTO docs VALUES ('D-KEPT', 'committed')");
            // two transactions open elsewhere, as in the gateway's pool: the cut-off one gets transaction id 3
            for (int i = 0; i < 2; i++) {
                Connection other = connection();
                other.createStatement().execute("SELECT COUNT(*) FROM docs");
            }
            Connection cutOff = connection();
            cutOff.createStatement().execute("INSERT INTO docs VALUES ('D-CUT-OFF', 'never committed')");
            SessionLocal session =
                    (SessionLocal) cutOff.unwrap(JdbcConnection.class).getSession();
            int transactionId = session.getTransaction().getId();
            MVStore store = session.getDatabase().getStore().getMvStore();
            // what a chunk written between the two map snapshots holds: the row, but not its undo-log record
            String undoLogId = store.getMetaMap().get("name.undoLog." + transactionId);
            store.getMap(Integer.parseInt(undoLogId, 16)).clear();
            store.commit();
            // the kill: files closed as they are, nothing rolled back or written
            s.execute("SHUTDOWN IMMEDIATELY");
        }
        closeAll();
    }

    @AfterEach
    void closeAll() {
        for (Connection c : open) {
            try {
                c.close();
            } catch (SQLException alreadyClosed) {
                // the database was shut down under it
            }
        }
        open.clear();
    }

    @Test
    void rowOfATransactionCutOffByAKillIsRolledBackAtStartup() throws Exception {
        Connection first = connection();
        assertThat(H2Leftovers.rollBack(first))
                .as("the row and its primary-key entry")
                .isEqualTo(2);

        assertThatNoTransactionSeesTheCutOffRow();
        Connection again = connection();
        again.createStatement().execute("INSERT INTO docs VALUES ('D-CUT-OFF', 'received again')");
        again.commit();
        assertThat(ids(connection())).containsExactly("D-CUT-OFF", "D-KEPT");
    }

    @Test
    void withoutTheRepairTheTransactionThatReusesItsIdSeesTheCutOffRow() throws Exception {
        // documents H2's behaviour the repair exists for; if an H2 upgrade makes this fail, the repair may go
        connection();
        List<List<String>> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(ids(connection()));
        }
        assertThat(seen).contains(List.of("D-CUT-OFF", "D-KEPT"));
    }

    @Test
    void aCleanlyClosedDatabaseHasNothingToRollBack() throws Exception {
        Connection first = connection();
        H2Leftovers.rollBack(first);
        first.createStatement().execute("SHUTDOWN");
        closeAll();

        assertThat(H2Leftovers.rollBack(connection())).isZero();
        assertThat(ids(connection())).containsExactly("D-KEPT");
    }

    @Test
    void whileATransactionIsOpenNothingIsRolledBack() throws Exception {
        Connection busy = connection();
        busy.createStatement().execute("INSERT INTO docs VALUES ('D-BEING-WRITTEN', 'in flight')");

        assertThat(H2Leftovers.rollBack(connection())).isEqualTo(-1);
        busy.commit();
        assertThat(ids(connection())).contains("D-BEING-WRITTEN");
    }

    private void assertThatNoTransactionSeesTheCutOffRow() throws SQLException {
        // several transactions open at once take transaction ids 1, 2, 3, ...: one of them is the cut-off one's
        for (int i = 0; i < 4; i++) {
            assertThat(ids(connection())).as("transaction %d", i + 1).containsExactly("D-KEPT");
        }
    }

    private Connection connection() throws SQLException {
        Connection c = DriverManager.getConnection(url, "sa", "");
        c.setAutoCommit(false);
        open.add(c);
        return c;
    }

    private static List<String> ids(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM docs ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
