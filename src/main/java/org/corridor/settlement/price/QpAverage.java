package org.corridor.settlement.price;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The quotational-period average of one metal's prices (one unit, one source) over {@code [from, to]}: the arithmetic
 * mean of the prices dated in the range, rounded to 4 decimals HALF_UP, with the points it was taken over, so an
 * auditor can redo the sum. {@code first} and {@code last} are the dates of the first and last price found.
 */
public record QpAverage(
        String metal,
        String unit,
        String source,
        LocalDate from,
        LocalDate to,
        BigDecimal average,
        int count,
        LocalDate first,
        LocalDate last,
        List<PricePoint> points) {

    public QpAverage {
        points = List.copyOf(points);
    }
}
