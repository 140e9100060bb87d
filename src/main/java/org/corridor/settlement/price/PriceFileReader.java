package org.corridor.settlement.price;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Reads a price file ({@code date,metal,price,unit,source}, UTF-8, header required; docs/mig/prices.md) whole and
 * checks every field, or refuses it at its first fault, naming line, column and field. Bounded (4 MB, 100,000 rows,
 * lines of 1,000 characters) so a partner's POST cannot make the gateway hold more than that.
 */
public final class PriceFileReader {

    /** The header, exactly. */
    public static final String HEADER = "date,metal,price,unit,source";
    /** At most this many bytes. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** At most this many data rows. */
    public static final int MAX_ROWS = 100_000;
    /** At most this many characters on a line. */
    public static final int MAX_LINE = 1_000;

    static final int DATE_COLUMN = 1;
    static final int METAL_COLUMN = 2;
    static final int PRICE_COLUMN = 3;
    static final int UNIT_COLUMN = 4;
    /** The column of {@code source}, which a partner's rows are judged by. */
    public static final int SOURCE_COLUMN = 5;

    private static final String[] FIELDS = HEADER.split(",");
    private static final Pattern METAL = Pattern.compile("[A-Z0-9_]+");
    private static final int MAX_METAL = 16;
    private static final Pattern PRICE = Pattern.compile("\\d{1,15}(\\.\\d+)?");
    private static final int MAX_DECIMALS = 4;
    private static final Pattern UNIT = Pattern.compile("([A-Z]{3})_PER_(T|KG|LB)");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9 _.-]+");
    private static final int MAX_SOURCE = 32;

    private PriceFileReader() {}

    /** The file's rows, checked; a {@link RejectedException} names the first fault. */
    public static PriceFile read(String fileName, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new RejectedException(
                    ErrorCode.PRICE_LIMIT,
                    Location.NONE,
                    "The file is " + content.length + " bytes long; a price file may be at most " + MAX_BYTES
                            + " bytes (4 MB). Split it into several files.");
        }
        if (content.length == 0) {
            throw new RejectedException(
                    ErrorCode.EMPTY_FILE,
                    Location.NONE,
                    "The file is empty (0 bytes). A price file starts with the header line " + HEADER + ".");
        }
        String text = decode(content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a BOM some spreadsheets write; not part of the header
        }
        String[] lines = text.split("\n", -1);
        int last = lines.length;
        // one line break after the last row is usual; the empty "line" after it is not a line
        if (last > 1 && lines[last - 1].isEmpty()) {
            last--;
        }
        checkHeader(line(lines, 0));
        if (last < 2) {
            throw new RejectedException(
                    ErrorCode.CSV_NO_ROWS,
                    Location.line(1),
                    "The file has the header but no price lines. Write one price per line after the header, such as"
                            + " 2025-11-03,CU,9512.50,USD_PER_T,LME.");
        }
        if (last - 1 > MAX_ROWS) {
            throw new RejectedException(
                    ErrorCode.PRICE_LIMIT,
                    Location.line(MAX_ROWS + 2),
                    "The file has " + (last - 1) + " price lines; a price file may hold at most " + MAX_ROWS
                            + ". Split it into several files.");
        }
        List<PriceFile.Row> rows = new ArrayList<>(last - 1);
        Map<Key, PriceFile.Row> seen = new HashMap<>();
        for (int i = 1; i < last; i++) {
            PriceFile.Row row = row(i + 1, line(lines, i));
            PricePoint p = row.point();
            Key key = new Key(p.date(), p.metal(), p.unit(), p.source());
            PriceFile.Row earlier = seen.putIfAbsent(key, row);
            if (earlier != null && earlier.point().price().compareTo(p.price()) != 0) {
                throw new RejectedException(
                        ErrorCode.PRICE_CONFLICT,
                        Location.at(row.line(), PRICE_COLUMN, "price"),
                        "Line " + earlier.line() + " gives the " + p.source() + " price of " + p.metal() + " in "
                                + p.unit() + " on " + p.date() + " as "
                                + earlier.point().price().toPlainString()
                                + "; this line gives " + p.price().toPlainString()
                                + ". A day's price from one source can have only one value.");
            }
            rows.add(row);
        }
        return new PriceFile(fileName, rows);
    }

    private record Key(LocalDate date, String metal, String unit, String source) {}

    private static String decode(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            // the line of the first byte that is not UTF-8, so the sender can find it
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            throw new RejectedException(
                    ErrorCode.BAD_ENCODING,
                    Location.line(line),
                    "The line holds a byte that is not UTF-8 text (at byte " + (in.position() + 1)
                            + " of the file). Save the file as CSV UTF-8 (a plain ASCII file is fine too).");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Line {@code index} (0-based) without its carriage return, refused when longer than {@link #MAX_LINE}. */
    private static String line(String[] lines, int index) {
        String line = lines[index];
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.length() > MAX_LINE) {
            throw new RejectedException(
                    ErrorCode.PRICE_LIMIT,
                    Location.line(index + 1),
                    "The line is " + line.length() + " characters long; a line of a price file may be at most "
                            + MAX_LINE + ".");
        }
        return line;
    }

    private static void checkHeader(String header) {
        String[] names = header.split(",", -1);
        for (int i = 0; i < FIELDS.length; i++) {
            String name = i < names.length ? names[i].trim() : "";
            if (!FIELDS[i].equals(name.toLowerCase(Locale.ROOT))) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.at(1, i + 1, i < names.length ? name : FIELDS[i]),
                        (i < names.length
                                        ? "The header names column " + (i + 1) + " \"" + name + "\" where \""
                                                + FIELDS[i] + "\" was expected."
                                        : "The header has no column " + (i + 1) + " \"" + FIELDS[i] + "\".")
                                + " The header must be: " + HEADER + ".");
            }
        }
        if (names.length > FIELDS.length) {
            throw new RejectedException(
                    ErrorCode.CSV_HEADER,
                    Location.at(1, FIELDS.length + 1, names[FIELDS.length].trim()),
                    "The header has more than " + FIELDS.length + " columns. The header must be: " + HEADER + ".");
        }
    }

    private static PriceFile.Row row(int lineNo, String line) {
        String[] f = line.split(",", -1);
        if (f.length != FIELDS.length) {
            throw new RejectedException(
                    ErrorCode.CSV_COLUMNS,
                    Location.line(lineNo),
                    line.isBlank()
                            ? "The line is empty. Remove blank lines between prices."
                            : "The line has " + f.length + " fields where " + FIELDS.length + " are expected (" + HEADER
                                    + ").");
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].trim();
            if (f[i].isEmpty()) {
                throw new RejectedException(
                        ErrorCode.CSV_REQUIRED,
                        Location.at(lineNo, i + 1, FIELDS[i]),
                        "The " + FIELDS[i] + " is empty; every line needs a date, metal, price, unit and source.");
            }
        }
        // checked in column order, so the first fault named is the leftmost
        LocalDate date = date(lineNo, f[0]);
        String metal = metal(lineNo, f[1]);
        BigDecimal price = price(lineNo, f[2]);
        String unit = unit(lineNo, f[3]);
        String source = source(lineNo, f[4]);
        return new PriceFile.Row(lineNo, new PricePoint(date, metal, unit, source, price));
    }

    private static LocalDate date(int lineNo, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new RejectedException(
                    ErrorCode.CSV_DATE,
                    Location.at(lineNo, DATE_COLUMN, "date"),
                    "\"" + value + "\" is not a date. Write the date as YYYY-MM-DD, such as 2025-11-03.");
        }
    }

    private static String metal(int lineNo, String value) {
        if (value.length() > MAX_METAL) {
            throw new RejectedException(
                    ErrorCode.CSV_TOO_LONG,
                    Location.at(lineNo, METAL_COLUMN, "metal"),
                    "The metal code \"" + value + "\" is " + value.length() + " characters long; at most " + MAX_METAL
                            + " are allowed.");
        }
        if (!METAL.matcher(value).matches()) {
            throw new RejectedException(
                    ErrorCode.CSV_CODE,
                    Location.at(lineNo, METAL_COLUMN, "metal"),
                    "\"" + value + "\" is not a metal code. Write capital letters, digits and underscores, such as"
                            + " CU, SB or NDPR_OXIDE.");
        }
        return value;
    }

    private static BigDecimal price(int lineNo, String value) {
        Location at = Location.at(lineNo, PRICE_COLUMN, "price");
        if (!PRICE.matcher(value).matches()) {
            throw new RejectedException(
                    ErrorCode.CSV_NUMBER,
                    at,
                    "\"" + value + "\" is not a price. Write a positive decimal number with a point and no"
                            + " thousands separator, such as 9512.50.");
        }
        BigDecimal price = new BigDecimal(value);
        if (price.scale() > MAX_DECIMALS) {
            throw new RejectedException(
                    ErrorCode.CSV_NUMBER,
                    at,
                    "\"" + value + "\" has " + price.scale() + " decimals; a price may have at most " + MAX_DECIMALS
                            + ".");
        }
        if (price.signum() <= 0) {
            throw new RejectedException(
                    ErrorCode.CSV_NUMBER, at, "The price is " + value + "; a price must be greater than zero.");
        }
        return price;
    }

    private static String unit(int lineNo, String value) {
        Matcher m = UNIT.matcher(value);
        boolean known = m.matches();
        if (known) {
            try {
                Currency.getInstance(m.group(1));
            } catch (IllegalArgumentException e) {
                known = false;
            }
        }
        if (!known) {
            throw new RejectedException(
                    ErrorCode.CSV_CODE,
                    Location.at(lineNo, UNIT_COLUMN, "unit"),
                    "\"" + value + "\" is not a price unit. Write an ISO 4217 currency, _PER_ and T (tonne), KG or"
                            + " LB (pound), such as USD_PER_T, USD_PER_LB or EUR_PER_KG.");
        }
        return value;
    }

    private static String source(int lineNo, String value) {
        if (value.length() > MAX_SOURCE) {
            throw new RejectedException(
                    ErrorCode.CSV_TOO_LONG,
                    Location.at(lineNo, SOURCE_COLUMN, "source"),
                    "The source \"" + value + "\" is " + value.length() + " characters long; at most " + MAX_SOURCE
                            + " are allowed.");
        }
        if (!SOURCE.matcher(value).matches()) {
            throw new RejectedException(
                    ErrorCode.CSV_CODE,
                    Location.at(lineNo, SOURCE_COLUMN, "source"),
                    "\"" + value + "\" is not a price source. Write letters, digits, spaces, '_', '.' or '-', such"
                            + " as LME, FASTMARKETS or a partner id.");
        }
        return value;
    }
}
