package org.corridor.parse.csv;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * Bindy's words for a data line split into more fields than the binding has positions; its line counts data lines
     * (the header skipped), so the file's line is one more.
     */
    private static final Pattern EXTRA_FIELD = Pattern.compile(
            "No position (\\d+) defined for the field: .*, line: (\\d+) must be specified", Pattern.DOTALL);

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
            Matcher extra = EXTRA_FIELD.matcher(String.valueOf(e.getMessage()));
            if (extra.matches()) {
                // checkShape counts a quote anywhere as opening a quoted span; Bindy honours only quotes that open a
                // field, so a quote inside a field (B"",x) can leave a comma that checkShape thought protected
                throw new RejectedException(
                        ErrorCode.CSV_COLUMNS,
                        Location.line(Integer.parseInt(extra.group(2)) + 1),
                        "The line has more fields than the header has columns: a quote (\") inside a field, not around"
                                + " it, does not protect the comma after it. Put the whole field in quotes, or remove"
                                + " the quote.");
            }
            throw new IllegalStateException("Bindy could not split the CSV rows: " + e.getMessage(), e);
        }
    }
}
