package org.corridor.settlement.price;

import java.util.List;

/**
 * Published (as a Spring application event) once a price file's rows are committed: settlement listens to it to
 * finish invoices that waited for a price of one of these metals. Published even when every row was already stored.
 */
public record PricesStored(List<String> metals) {

    public PricesStored {
        metals = List.copyOf(metals);
    }
}
