package org.corridor.settlement.price;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The prices settlement uses (table {@code prices}): stored a whole file at a time, never changed once stored, read as
 * the latest price on or before a day or as the average over a quotational period.
 */
@Component
public class PriceStore {

    /** The QP average's scale: prices carry at most 4 decimals, and so does their mean. */
    static final int SCALE = 4;

    private static final String COLUMNS = "price_date, metal, unit, source, price";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public PriceStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Stores a file's prices in one transaction, or none of them: a row restating a stored price with another value
     * refuses the whole file ({@link ErrorCode#PRICE_CONFLICT}, naming the line); the same value again is skipped.
     * Publishes {@link PricesStored} once committed. Returns how many rows were newly stored.
     */
    public int store(PriceFile file, String sha256) {
        Integer stored = tx.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            int added = 0;
            for (PriceFile.Row row : file.rows()) {
                PricePoint p = row.point();
                List<BigDecimal> existing = jdbc.queryForList(
                        "SELECT price FROM prices WHERE price_date = ? AND metal = ? AND unit = ? AND source = ?",
                        BigDecimal.class,
                        Date.valueOf(p.date()),
                        p.metal(),
                        p.unit(),
                        p.source());
                if (!existing.isEmpty()) {
                    BigDecimal was = existing.get(0);
                    if (was.compareTo(p.price()) != 0) {
                        throw new RejectedException(
                                ErrorCode.PRICE_CONFLICT,
                                Location.at(row.line(), PriceFileReader.PRICE_COLUMN, "price"),
                                "the " + p.source() + " price of " + p.metal() + " in " + p.unit() + " on " + p.date()
                                        + " is already stored as " + plain(was) + "; this file says "
                                        + plain(p.price()) + ". A stored price never changes: an invoice may have"
                                        + " used it. Send the stored value or leave the line out.");
                    }
                    continue;
                }
                jdbc.update(
                        "INSERT INTO prices (" + COLUMNS + ", file_sha256, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        Date.valueOf(p.date()),
                        p.metal(),
                        p.unit(),
                        p.source(),
                        p.price(),
                        sha256,
                        now);
                added++;
            }
            return added;
        });
        publishAfterCommit(new PricesStored(file.metals()));
        return stored == null ? 0 : stored;
    }

    /**
     * Tells listeners once the rows are committed. When {@link #store} ran its own transaction (the intakes' case):
     * right after the commit, outside any transaction, so a listener may write in transactions of its own. Inside a
     * caller's transaction: when that commits; a listener writing then must use a new transaction (REQUIRES_NEW),
     * since the committed one is still bound to the thread.
     */
    private void publishAfterCommit(PricesStored stored) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        events.publishEvent(stored);
                    }
                }
            });
        } else {
            events.publishEvent(stored);
        }
    }

    /** The price dated {@code date}, else the latest before it; empty when there is none. */
    public Optional<PricePoint> latestOnOrBefore(String metal, String unit, String source, LocalDate date) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM prices WHERE metal = ? AND unit = ? AND source = ?"
                                + " AND price_date <= ? ORDER BY price_date DESC LIMIT 1",
                        PriceStore::point,
                        metal,
                        unit,
                        source,
                        Date.valueOf(date))
                .stream()
                .findFirst();
    }

    /**
     * The arithmetic mean of the prices dated in {@code [from, to]} (both included), 4 decimals HALF_UP; empty when
     * the range holds no price.
     */
    public Optional<QpAverage> average(String metal, String unit, String source, LocalDate from, LocalDate to) {
        List<PricePoint> points = jdbc.query(
                "SELECT " + COLUMNS + " FROM prices WHERE metal = ? AND unit = ? AND source = ?"
                        + " AND price_date >= ? AND price_date <= ? ORDER BY price_date",
                PriceStore::point,
                metal,
                unit,
                source,
                Date.valueOf(from),
                Date.valueOf(to));
        if (points.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal sum = points.stream().map(PricePoint::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(points.size()), SCALE, RoundingMode.HALF_UP);
        return Optional.of(new QpAverage(
                metal,
                unit,
                source,
                from,
                to,
                mean,
                points.size(),
                points.get(0).date(),
                points.get(points.size() - 1).date(),
                points));
    }

    /** The newest {@code limit} prices of a metal (every unit and source), newest first. */
    public List<PricePoint> list(String metal, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM prices WHERE metal = ?"
                        + " ORDER BY price_date DESC, unit, source LIMIT ?",
                PriceStore::point,
                metal,
                Math.max(0, limit));
    }

    private static PricePoint point(ResultSet rs, int row) throws SQLException {
        return new PricePoint(
                rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
