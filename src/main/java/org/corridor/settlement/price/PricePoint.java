package org.corridor.settlement.price;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One price of one metal on one day, in one unit (such as {@code USD_PER_T}), as one source published it. */
public record PricePoint(LocalDate date, String metal, String unit, String source, BigDecimal price) {

    public PricePoint {
        // one form for one value, whether read from a file (9512.5) or the database (9512.5000): at least 2 decimals
        if (price != null) {
            BigDecimal plain = price.stripTrailingZeros();
            price = plain.scale() < 2 ? plain.setScale(2) : plain;
        }
    }
}
