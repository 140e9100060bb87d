package org.corridor.track;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Control numbers for the interchanges, groups and messages Corridor sends, per standard and sender/receiver pair,
 * from the database: they survive restarts and are never reused. Each number is taken in its own transaction
 * (committed before the interchange is written), so a delivery rolled back after a crash leaves a gap, never a
 * repeat. Safe under concurrent deliveries: the row is locked by the increment.
 */
@Component
public class ControlNumbers {

    /** The envelope level a number is for. */
    public enum Level {
        INTERCHANGE,
        GROUP,
        MESSAGE
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ControlNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next number for this pair and level: 1 for the first interchange ever sent to a partner. */
    public long next(String standard, String sender, String receiver, Level level) {
        try {
            return tx.execute(s -> increment(standard, sender, receiver, level, true));
        } catch (DuplicateKeyException raced) {
            // another delivery created the row first (PostgreSQL aborts the transaction): take the next one anew
            return tx.execute(s -> increment(standard, sender, receiver, level, false));
        }
    }

    private long increment(String standard, String sender, String receiver, Level level, boolean mayCreate) {
        int updated = jdbc.update(
                "UPDATE edi_control_numbers SET last_value = last_value + 1"
                        + " WHERE standard = ? AND sender = ? AND receiver = ? AND level_name = ?",
                standard,
                sender,
                receiver,
                level.name());
        if (updated == 0 && mayCreate) {
            jdbc.update(
                    "INSERT INTO edi_control_numbers (standard, sender, receiver, level_name, last_value)"
                            + " VALUES (?, ?, ?, ?, 1)",
                    standard,
                    sender,
                    receiver,
                    level.name());
            return 1L;
        }
        return jdbc.queryForObject(
                "SELECT last_value FROM edi_control_numbers"
                        + " WHERE standard = ? AND sender = ? AND receiver = ? AND level_name = ?",
                Long.class,
                standard,
                sender,
                receiver,
                level.name());
    }
}
