package org.corridor.parse.csv;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.dataformat.bindy.csv.BindyCsvDataFormat;
import org.apache.camel.support.DefaultExchange;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * What the CSV parsers built on camel-bindy share: the line checks Bindy cannot make (it would skip a blank line or
 * misplace a field silently), and the unmarshalling of every row into its binding class.
 */
final class BindyCsv {

    private final CamelContext camelContext;
    private final BindyCsvDataFormat bindy;
    private final Class<?> rowType;

    BindyCsv(CamelContext camelContext, Class<?> rowType) {
        this.camelContext = camelContext;
        this.rowType = rowType;
        this.bindy = new BindyCsvDataFormat(rowType);
        bindy.setCamelContext(camelContext);
        bindy.start();
    }

    /**
     * A blank line, an unclosed quote or a wrong field count, reported with the line number; {@code rows} names what
     * the rows are in the message ("Results", "Packages").
     */
    static void checkShape(String line, int lineNo, int columns, String rows) {
        if (line.isBlank()) {
            throw new RejectedException(
                    ErrorCode.CSV_COLUMNS,
                    Location.line(lineNo),
                    "The line is empty. " + rows + " must follow each other without blank lines.");
        }
        int fields = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields++;
            }
        }
        if (quoted) {
            throw new RejectedException(
                    ErrorCode.CSV_COLUMNS, Location.line(lineNo), "A quote (\") opened on this line is never closed.");
        }
        if (fields != columns) {
            throw new RejectedException(
                    ErrorCode.CSV_COLUMNS,
                    Location.line(lineNo),
                    "The line has " + fields + " fields but the header has " + columns + " columns.");
        }
    }

    /** Every data row (the header line skipped by the binding), in file order; Bindy returns one row unwrapped. */
    <T> List<T> rows(String csv, Class<T> type) {
        if (!type.equals(rowType)) {
            throw new IllegalArgumentException(type + " is not the binding " + rowType);
        }
        try {
            Object result = bindy.unmarshal(
                    new DefaultExchange(camelContext), new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
            if (result instanceof List<?> list) {
                return list.stream().map(type::cast).toList();
            }
            return result == null ? List.of() : List.of(type.cast(result));
        } catch (Exception e) {
            throw new IllegalStateException("Bindy could not split the CSV rows: " + e.getMessage(), e);
        }
    }
}
