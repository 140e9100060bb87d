package org.corridor.settlement.price;

import java.util.List;

/** A price file read and checked: its name and its rows, each with the line it came from (for refusals). */
public record PriceFile(String fileName, List<Row> rows) {

    public PriceFile {
        rows = List.copyOf(rows);
    }

    /** One data line of the file. */
    public record Row(int line, PricePoint point) {}

    /** The metals the file speaks of, sorted, each once. */
    public List<String> metals() {
        return rows.stream().map(r -> r.point().metal()).distinct().sorted().toList();
    }
}
