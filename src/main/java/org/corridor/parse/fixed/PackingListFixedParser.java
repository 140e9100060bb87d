package org.corridor.parse.fixed;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.dataformat.bindy.fixed.BindyFixedLengthDataFormat;
import org.apache.camel.support.DefaultExchange;
import org.corridor.canonical.PackingList;
import org.corridor.detect.ContentDetector;
import org.corridor.detect.Detection;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.PackingListRules;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Reads the exporter's fixed-width packing list (FWO weighbridge export, layout {@code fwo-1}; see
 * docs/mig/packing-list-fixed.md) into one PACKING_LIST. Every record is 80 characters: a header (H), one detail per
 * package (D), a trailer (T). The record type decides which Bindy binding splits the line, since one Bindy pass with
 * header and footer classes would take the first and last lines as header and trailer whatever they hold; this class
 * checks order and every field and names line, character position and field of the first fault.
 */
public final class PackingListFixedParser implements DocumentParser {

    /** Length of every record, without the line break. */
    public static final int RECORD_LENGTH = 80;

    static final String VERSION = "fwo-1";

    private static final Pattern LIST_NO = Pattern.compile("[A-Z0-9][A-Z0-9./-]{2,19}");
    private static final Pattern WEIGHT = Pattern.compile("\\d{1,9}\\.\\d{1,2}");
    private static final Pattern COUNT = Pattern.compile("\\d{1,5}");

    // field name, start position (1-based) and length, as in the DTOs and the guide
    static final Field RECORD_TYPE = new Field("record_type", 1, 1);
    static final Field PACKING_LIST_NO = new Field("packing_list_no", 2, 20);
    static final Field LIST_DATE = new Field("list_date", 22, 8);
    static final Field EXPORTER_CODE = new Field("exporter_code", 30, 5);
    static final Field CONTRACT_REF = new Field("contract_ref", 35, 25);
    static final Field SHIPMENT_REF = new Field("shipment_ref", 60, 20);
    static final Field PACKAGE_NO = new Field("package_no", 2, 6);
    static final Field LOT_NO = new Field("lot_no", 8, 12);
    static final Field CONTAINER_NO = new Field("container_no", 20, 11);
    static final Field SEAL_NO = new Field("seal_no", 31, 10);
    static final Field GROSS_KG = new Field("gross_kg", 41, 10);
    static final Field TARE_KG = new Field("tare_kg", 51, 10);
    static final Field NET_KG = new Field("net_kg", 61, 10);
    static final Field PACKAGE_COUNT = new Field("package_count", 2, 5);
    static final Field TOTAL_GROSS_KG = new Field("total_gross_kg", 7, 12);
    static final Field TOTAL_NET_KG = new Field("total_net_kg", 19, 12);

    private final CamelContext camelContext;
    private final BindyFixedLengthDataFormat headerFormat;
    private final BindyFixedLengthDataFormat detailFormat;
    private final BindyFixedLengthDataFormat trailerFormat;

    public PackingListFixedParser(CamelContext camelContext) {
        this.camelContext = camelContext;
        this.headerFormat = bindy(camelContext, PackingListHeaderRecord.class);
        this.detailFormat = bindy(camelContext, PackingListDetailRecord.class);
        this.trailerFormat = bindy(camelContext, PackingListTrailerRecord.class);
    }

    private static BindyFixedLengthDataFormat bindy(CamelContext camelContext, Class<?> type) {
        BindyFixedLengthDataFormat format = new BindyFixedLengthDataFormat(type);
        format.setCamelContext(camelContext);
        format.start();
        return format;
    }

    /** A header record of the layout's length with a plausible packing list number and a numeric date. */
    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        if (!Detection.UNKNOWN.equals(format.format())) {
            return Optional.empty();
        }
        String first = head.lines().findFirst().orElse("");
        boolean header = first.length() == RECORD_LENGTH
                && first.charAt(0) == 'H'
                && LIST_NO.matcher(PACKING_LIST_NO.of(first).trim()).matches()
                && LIST_DATE.of(first).chars().allMatch(Character::isDigit);
        return header ? Optional.of(new Detection(Detection.FIXED, Detection.PACKING_LIST, VERSION)) : Optional.empty();
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.FIXED.equals(detection.format()) && Detection.PACKING_LIST.equals(detection.messageType());
    }

    @Override
    public String version(Detection detection) {
        return VERSION;
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        List<String> lines = new ArrayList<>(
                ContentDetector.stripBom(decode(content)).lines().toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new RejectedException(
                    ErrorCode.FIXED_RECORD,
                    Location.at(1, 1, RECORD_TYPE.name()),
                    "The file holds no records. A packing list starts with a header record (H).");
        }
        for (int i = 0; i < lines.size(); i++) {
            checkLength(lines.get(i), i + 1);
        }
        ListBuilder list = null;
        PackingList.Totals totals = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            char type = line.charAt(0);
            if (totals != null) {
                throw new RejectedException(
                        ErrorCode.FIXED_RECORD,
                        Location.at(lineNo, 1, RECORD_TYPE.name()),
                        "A record follows the trailer (T) of line " + i + ". The trailer must be the last record,"
                                + " and a file holds one packing list.");
            }
            switch (type) {
                case 'H' -> {
                    if (list != null) {
                        throw new RejectedException(
                                ErrorCode.FIXED_RECORD,
                                Location.at(lineNo, 1, RECORD_TYPE.name()),
                                "A second header (H) record before the trailer (T). A file"
                                        + " holds one packing list: one header, its details, one trailer.");
                    }
                    list = header(unmarshal(headerFormat, line, PackingListHeaderRecord.class), lineNo);
                }
                case 'D' -> {
                    if (list == null) {
                        throw new RejectedException(
                                ErrorCode.FIXED_RECORD,
                                Location.at(lineNo, 1, RECORD_TYPE.name()),
                                "A detail record (D) comes before the header record (H). The"
                                        + " file must start with the header.");
                    }
                    list.add(unmarshal(detailFormat, line, PackingListDetailRecord.class), lineNo);
                }
                case 'T' -> {
                    if (list == null) {
                        throw new RejectedException(
                                ErrorCode.FIXED_RECORD,
                                Location.at(lineNo, 1, RECORD_TYPE.name()),
                                "A trailer record (T) comes before the header record (H). The"
                                        + " file must start with the header.");
                    }
                    totals = list.trailer(unmarshal(trailerFormat, line, PackingListTrailerRecord.class), lineNo);
                }
                default ->
                    throw new RejectedException(
                            ErrorCode.FIXED_RECORD,
                            Location.at(lineNo, 1, RECORD_TYPE.name()),
                            "\"" + type + "\" is not a record type of the"
                                    + " packing list. Each record starts with H (header), D (package) or T (trailer).");
            }
        }
        if (totals == null) {
            throw new RejectedException(
                    ErrorCode.FIXED_RECORD,
                    Location.at(lines.size() + 1, 1, RECORD_TYPE.name()),
                    "The file ends without a trailer record (T). The last record must be the trailer with the number"
                            + " of packages and the totals; the file may be cut short.");
        }
        return List.of(new ParsedMessage(list.build(totals), null, list.exporterCode, null, null, null)
                .withShipmentRef(list.shipmentRef));
    }

    private static void checkLength(String line, int lineNo) {
        // String.lines() ends a line at CR and LF only; Bindy also at NEL, LINE and PARAGRAPH SEPARATOR, and would read
        // such a record as two of the wrong length
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
                throw new RejectedException(
                        ErrorCode.FIXED_LENGTH,
                        Location.at(lineNo, i + 1, "record_length"),
                        String.format(
                                Locale.ROOT,
                                "Position %d holds a line separator character (U+%04X), which ends the record there;"
                                        + " every record must be one line of exactly %d characters. Replace it with a"
                                        + " space.",
                                i + 1,
                                (int) c,
                                RECORD_LENGTH));
            }
        }
        if (line.length() != RECORD_LENGTH) {
            int column = Math.min(line.length(), RECORD_LENGTH) + 1;
            throw new RejectedException(
                    ErrorCode.FIXED_LENGTH,
                    Location.at(lineNo, column, "record_length"),
                    "The record has " + line.length() + " characters; every record must have exactly "
                            + RECORD_LENGTH + " (pad with spaces to the end). "
                            + (line.length() < RECORD_LENGTH
                                    ? "Characters are missing from position " + column
                                            + " on; an editor may have removed trailing spaces."
                                    : "Position " + column + " and after are too many."));
        }
    }

    private static String decode(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += content[i] == '\n' ? 1 : 0;
            }
            throw new RejectedException(
                    ErrorCode.BAD_ENCODING,
                    Location.line(line),
                    "The file is not UTF-8 text (a byte on this line is not valid UTF-8). The packing list must be"
                            + " plain ASCII or UTF-8 text.");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private <T> T unmarshal(BindyFixedLengthDataFormat format, String line, Class<T> type) {
        try {
            Object result = format.unmarshal(
                    new DefaultExchange(camelContext),
                    new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
            if (result instanceof List<?> list && list.size() == 1) {
                return type.cast(list.get(0));
            }
            return type.cast(result);
        } catch (RejectedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Bindy could not split the record: " + e.getMessage(), e);
        }
    }

    /** A field of the layout: its name in error messages, start position (1-based) and length. */
    record Field(String name, int start, int length) {

        String of(String record) {
            return record.substring(start - 1, start - 1 + length);
        }

        Location at(int line) {
            return Location.at(line, start, name);
        }
    }

    private static String text(String bound) {
        return bound == null ? "" : bound.trim();
    }

    private static String required(String bound, Field field, int line, String what) {
        String v = text(bound);
        if (v.isEmpty()) {
            throw new RejectedException(
                    ErrorCode.FIXED_REQUIRED,
                    field.at(line),
                    "Positions " + field.start() + "–" + (field.start() + field.length() - 1) + " are blank, but"
                            + " every " + what + " must have its "
                            + field.name().replace('_', ' ').replace(" no", " number") + ".");
        }
        return v;
    }

    private static BigDecimal weight(String bound, Field field, int line) {
        String v = text(bound);
        if (!WEIGHT.matcher(v).matches()) {
            throw new RejectedException(
                    ErrorCode.FIXED_NUMBER,
                    field.at(line),
                    "\"" + v + "\" in positions " + field.start() + "–" + (field.start() + field.length() - 1)
                            + " is not a weight. Write kilograms with a decimal point and 1 or 2 decimals,"
                            + " right-aligned, for example \"   1525.40\".");
        }
        return new BigDecimal(v);
    }

    private static ListBuilder header(PackingListHeaderRecord record, int line) {
        String listNo = required(record.packingListNo, PACKING_LIST_NO, line, "packing list");
        String date = required(record.listDate, LIST_DATE, line, "packing list");
        try {
            LocalDate.parse(date, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new RejectedException(
                    ErrorCode.FIXED_DATE,
                    LIST_DATE.at(line),
                    "\"" + date + "\" is not a valid date. Write the date as YYYYMMDD, for example 20251008.");
        }
        String exporter = required(record.exporterCode, EXPORTER_CODE, line, "packing list");
        return new ListBuilder(listNo, exporter, text(record.shipmentRef));
    }

    /** Collects the details of the packing list and checks the trailer against them. */
    private static final class ListBuilder {
        private final String packingListNo;
        private final String exporterCode;
        private final String shipmentRef;
        private final List<PackingList.Package> packages = new ArrayList<>();
        private BigDecimal grossSum = BigDecimal.ZERO;
        private BigDecimal netSum = BigDecimal.ZERO;

        ListBuilder(String packingListNo, String exporterCode, String shipmentRef) {
            this.packingListNo = packingListNo;
            this.exporterCode = exporterCode;
            this.shipmentRef = shipmentRef;
        }

        void add(PackingListDetailRecord record, int line) {
            String packageNo = required(record.packageNo, PACKAGE_NO, line, "package");
            String lotNo = required(record.lotNo, LOT_NO, line, "package");
            String containerNo = required(record.containerNo, CONTAINER_NO, line, "package");
            String problem = PackingListRules.containerProblem(containerNo);
            if (problem != null) {
                throw new RejectedException(ErrorCode.CONTAINER_CHECK_DIGIT, CONTAINER_NO.at(line), problem);
            }
            String sealNo = required(record.sealNo, SEAL_NO, line, "package");
            BigDecimal gross = weight(record.grossKg, GROSS_KG, line);
            BigDecimal tare = weight(record.tareKg, TARE_KG, line);
            BigDecimal net = weight(record.netKg, NET_KG, line);
            if (PackingListRules.netMismatch(gross, tare, net)) {
                throw new RejectedException(
                        ErrorCode.WEIGHT_MISMATCH,
                        NET_KG.at(line),
                        "Package " + packageNo + ": net " + net.toPlainString() + " kg is not gross "
                                + gross.toPlainString() + " kg minus tare " + tare.toPlainString() + " kg, which is "
                                + gross.subtract(tare).toPlainString() + " kg.");
            }
            packages.add(new PackingList.Package(packageNo, lotNo, containerNo, sealNo, gross, tare, net));
            grossSum = grossSum.add(gross);
            netSum = netSum.add(net);
        }

        PackingList.Totals trailer(PackingListTrailerRecord record, int line) {
            if (packages.isEmpty()) {
                throw new RejectedException(
                        ErrorCode.FIXED_RECORD,
                        Location.at(line, 1, RECORD_TYPE.name()),
                        "The trailer (T) follows the header directly: the packing list has no package records (D).");
            }
            String count = text(record.packageCount);
            if (!COUNT.matcher(count).matches()) {
                throw new RejectedException(
                        ErrorCode.FIXED_NUMBER,
                        PACKAGE_COUNT.at(line),
                        "\"" + count + "\" in positions 2–6 is not a number of packages. Write a whole number,"
                                + " right-aligned, for example \"   14\".");
            }
            BigDecimal gross = weight(record.totalGrossKg, TOTAL_GROSS_KG, line);
            BigDecimal net = weight(record.totalNetKg, TOTAL_NET_KG, line);
            if (Integer.parseInt(count) != packages.size()) {
                throw new RejectedException(
                        ErrorCode.TOTALS_MISMATCH,
                        PACKAGE_COUNT.at(line),
                        "The trailer declares " + Integer.parseInt(count) + " packages but the file has "
                                + packages.size() + " package records.");
            }
            if (gross.compareTo(grossSum) != 0) {
                throw new RejectedException(
                        ErrorCode.TOTALS_MISMATCH,
                        TOTAL_GROSS_KG.at(line),
                        "The trailer declares a total gross weight of " + gross.toPlainString()
                                + " kg but the packages add up to " + grossSum.toPlainString() + " kg.");
            }
            if (net.compareTo(netSum) != 0) {
                throw new RejectedException(
                        ErrorCode.TOTALS_MISMATCH,
                        TOTAL_NET_KG.at(line),
                        "The trailer declares a total net weight of " + net.toPlainString()
                                + " kg but the packages add up to " + netSum.toPlainString() + " kg.");
            }
            return new PackingList.Totals(packages.size(), gross, net);
        }

        PackingList build(PackingList.Totals totals) {
            return new PackingList(packingListNo, packages, totals);
        }
    }
}
