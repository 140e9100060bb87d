package org.corridor.track;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.mvstore.tx.VersionedValueType;
import org.h2.value.VersionedValue;

/**
 * Rolls back, when the embedded H2 file is opened, the row versions a {@code kill -9} left behind without their undo
 * log: issue 15.
 *
 * <p>Why: H2 writes each map of a chunk from its own snapshot, so a chunk can hold a row written by a transaction that
 * was still open while its undo-log record did not make it in. H2's recovery rolls back only what the undo logs name;
 * such a "leftover" stays in the file marked uncommitted by a transaction id the next process hands out again. While a
 * live transaction has that id, the row is that transaction's own (an insert sees it as existing, a commit does not
 * keep it), other transactions wait on it (lock timeouts, "concurrent update"), and once that transaction ends it is
 * gone again. H2 rolls a leftover back by itself only when it meets one while no transaction has the id; this does
 * it for every leftover, before any other transaction runs, as H2 would.
 *
 * <p>Run when the database has just been opened and nothing else has used it: H2 has then finished its own recovery
 * and no transaction is open, so every uncommitted row version is a leftover. While any transaction is open (the
 * database is in use, or holds a prepared two-phase transaction) it does nothing, since it could not tell a
 * leftover from a row being written.
 */
public final class H2Leftovers {

    private H2Leftovers() {}

    /**
     * Rolls back every uncommitted row version in the H2 database behind {@code connection} and stores the result;
     * returns how many it rolled back, or -1 when it left them alone because a transaction is open (0 on another
     * database).
     */
    public static int rollBack(Connection connection) throws SQLException {
        Store store = H2Files.store(connection).orElse(null);
        if (store == null) {
            return 0;
        }
        MVStore mvStore = store.getMvStore();
        TransactionStore transactions = store.getTransactionStore();
        if (!transactions.getOpenTransactions().isEmpty()) {
            return -1;
        }
        Map<String, String> meta = mvStore.getMetaMap();
        int rolledBack = 0;
        for (String name : mvStore.getMapNames()) {
            // a table's or an index's map is open once the database is; the others (undo logs, LOB data, meta) are
            // not transactional and are skipped
            String id = meta.get("name." + name);
            MVMap<Object, Object> map = id == null ? null : mvStore.getMap(Integer.parseInt(id, 16));
            if (map != null && map.getValueType() instanceof VersionedValueType) {
                rolledBack += rollBack(map);
            }
        }
        if (rolledBack > 0) {
            mvStore.commit();
        }
        return rolledBack;
    }

    private static int rollBack(MVMap<Object, Object> map) {
        int rolledBack = 0;
        for (Cursor<Object, Object> cursor = map.cursor(null); cursor.hasNext(); ) {
            Object key = cursor.next();
            if (!(cursor.getValue() instanceof VersionedValue<?> value) || value.getOperationId() == 0) {
                continue;
            }
            Object committed = value.getCommittedValue();
            // a committed version is stored as the bare value (H2's Value is its own VersionedValue)
            if (committed == null) {
                map.remove(key);
            } else {
                map.put(key, committed);
            }
            rolledBack++;
        }
        return rolledBack;
    }
}
