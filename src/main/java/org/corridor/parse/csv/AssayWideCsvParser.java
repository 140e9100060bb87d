package org.corridor.parse.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.ReferenceData;
import org.corridor.detect.ContentDetector;
import org.corridor.detect.Detection;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Reads the lab assay CSV in wide form (one row per sample, one column per analyte, with {@code #unit}, {@code #basis}
 * and other header rows; see docs/mig/assay-lab-csv-wide.md) into the same ASSAY_CERTIFICATE the long form gives.
 * Commons CSV splits and unquotes the lines, since Bindy cannot bind a column count that varies per file; this class
 * checks every field and names the line, column and column name of the first fault.
 */
public final class AssayWideCsvParser implements DocumentParser {

    /** Layout version written into {@code source.version}. */
    static final String VERSION = "wide";

    static final List<String> FIXED_COLUMNS = List.of(
            "certificate_no",
            "lab",
            "lot_no",
            "sample_id",
            "sample_role",
            "analysis_date",
            "contract_ref",
            "commodity",
            "issue_date");
    static final String UNIT_ROW = "#unit";
    static final String BASIS_ROW = "#basis";
    static final String METHOD_ROW = "#method";
    static final String DATE_ROW = "#analysis_date";
    static final String LIMIT_ROW = "#detection_limit";
    static final List<String> HEADER_ROWS = List.of(UNIT_ROW, BASIS_ROW, METHOD_ROW, DATE_ROW, LIMIT_ROW);

    private static final int CERTIFICATE_NO = 0;
    private static final int LAB = 1;
    private static final int LOT_NO = 2;
    private static final int SAMPLE_ID = 3;
    private static final int SAMPLE_ROLE = 4;
    private static final int ANALYSIS_DATE = 5;
    private static final int CONTRACT_REF = 6;
    private static final int COMMODITY = 7;
    private static final int ISSUE_DATE = 8;
    private static final Set<String> BASES = Set.of("DRY", "AS_RECEIVED");
    private static final String LOD = "LOD";
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final ReferenceData reference;

    /** Checks codes against {@code reference}. */
    public AssayWideCsvParser(ReferenceData reference) {
        this.reference = reference;
    }

    /** Recognised by its first column and a {@code #} header row on line 2, which the long form never has. */
    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        if (!Detection.CSV.equals(format.format())) {
            return Optional.empty();
        }
        List<String> lines = head.lines().limit(2).toList();
        boolean wide = lines.size() == 2
                && AssayCsvParser.firstCell(lines.get(0)).equals(FIXED_COLUMNS.get(0))
                && AssayCsvParser.firstCell(lines.get(1)).startsWith("#");
        return wide ? Optional.of(new Detection(Detection.CSV, Detection.LAB_CSV, VERSION)) : Optional.empty();
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.CSV.equals(detection.format())
                && Detection.LAB_CSV.equals(detection.messageType())
                && VERSION.equals(detection.version());
    }

    @Override
    public String version(Detection detection) {
        return VERSION;
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        String text = ContentDetector.stripBom(AssayCsvParser.decode(content));
        List<String> lines = new ArrayList<>(text.lines().toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new RejectedException(ErrorCode.CSV_EMPTY, Location.line(1), "The file holds no lines at all.");
        }
        List<List<String>> records = split(String.join("\n", lines));
        Columns columns = Columns.of(records.get(0), reference);
        int line = 2;
        while (line <= records.size() && isHeaderRow(records.get(line - 1))) {
            columns.headerRow(records.get(line - 1), line);
            line++;
        }
        columns.checkComplete(line);
        if (line > records.size()) {
            throw new RejectedException(
                    ErrorCode.CSV_NO_ROWS,
                    Location.line(line),
                    "The file has its header lines but no sample rows below them.");
        }
        Map<String, CertificateBuilder> certificates = new LinkedHashMap<>();
        for (; line <= records.size(); line++) {
            Row row = new Row(records.get(line - 1), line, columns);
            String certificateNo = row.required(CERTIFICATE_NO, AssayCsvParser.MAX_REF);
            certificates.computeIfAbsent(certificateNo, CertificateBuilder::new).add(row);
        }
        return certificates.values().stream()
                .map(b -> ParsedMessage.of(b.build()))
                .toList();
    }

    /** One list of fields per line; a field must not span lines, so record n is line n. */
    private static List<List<String>> split(String csv) {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(csv))
                .setFormat(FORMAT)
                .get()) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new RejectedException(
                            ErrorCode.CSV_COLUMNS,
                            Location.line(records.size() + 1),
                            "A quote (\") on this line is never closed, or is followed by more text before the"
                                    + " next comma. Enclose the whole field in quotes and write a quote inside it as"
                                    + " two quotes (\"\").");
                }
                List<String> fields = record.toList();
                if (fields.stream().anyMatch(f -> f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0)) {
                    throw new RejectedException(
                            ErrorCode.CSV_COLUMNS,
                            Location.line(records.size() + 1),
                            "A quoted field on this line holds a line break, which the layout does not allow.");
                }
                records.add(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static boolean isHeaderRow(List<String> fields) {
        return fields.get(0).trim().startsWith("#");
    }

    /** The header: the fixed columns, then one column per analyte with its unit, basis, method, date and limit. */
    private static final class Columns {
        private final List<String> names;
        private final Map<String, List<String>> headerRows = new HashMap<>();
        private final Map<String, Integer> headerLines = new HashMap<>();
        private final ReferenceData reference;

        private Columns(List<String> names, ReferenceData reference) {
            this.names = names;
            this.reference = reference;
        }

        static Columns of(List<String> header, ReferenceData reference) {
            List<String> names = header.stream().map(String::trim).toList();
            for (int i = 0; i < Math.min(names.size(), FIXED_COLUMNS.size()); i++) {
                if (!names.get(i).toLowerCase(Locale.ROOT).equals(FIXED_COLUMNS.get(i))) {
                    throw new RejectedException(
                            ErrorCode.CSV_HEADER,
                            Location.at(1, i + 1, names.get(i)),
                            "The header names column " + (i + 1) + " \"" + names.get(i) + "\" where \""
                                    + FIXED_COLUMNS.get(i) + "\" was expected. The header must start with: "
                                    + String.join(",", FIXED_COLUMNS) + ", followed by one column per analyte.");
                }
            }
            if (names.size() <= FIXED_COLUMNS.size()) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.at(1, names.size() + 1, null),
                        "The header has " + names.size() + " columns; it must have the " + FIXED_COLUMNS.size()
                                + " columns " + String.join(",", FIXED_COLUMNS)
                                + " followed by at least one analyte column such as Cu.");
            }
            for (int i = FIXED_COLUMNS.size(); i < names.size(); i++) {
                String analyte = names.get(i);
                if (analyte.isEmpty()) {
                    throw new RejectedException(
                            ErrorCode.CSV_HEADER,
                            Location.at(1, i + 1, null),
                            "Column " + (i + 1) + " has no name. Name every analyte column, such as Cu or Au.");
                }
                if (!reference.isAnalyte(analyte)) {
                    throw new RejectedException(
                            ErrorCode.CSV_ANALYTE,
                            Location.at(1, i + 1, analyte),
                            "\"" + analyte + "\" is not an analyte Corridor knows. Name analyte columns as chemists"
                                    + " write them, case-sensitive (Cu, Au, As, H2O, Nd2O3), or as a ratio such as"
                                    + " Nd2O3/TREO.");
                }
            }
            return new Columns(names, reference);
        }

        int size() {
            return names.size();
        }

        String name(int index) {
            return index < FIXED_COLUMNS.size() ? FIXED_COLUMNS.get(index) : names.get(index);
        }

        /** Reads one {@code #} row: the first header row must be {@code #unit}; each row may come once. */
        void headerRow(List<String> fields, int line) {
            String raw = fields.get(0).trim();
            String kind = raw.toLowerCase(Locale.ROOT);
            if (line == 2 && !kind.equals(UNIT_ROW)) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.at(line, 1, raw),
                        "Line 2 is \"" + raw + "\" but must be the " + UNIT_ROW + " row, giving the unit of every"
                                + " analyte column (%, g/t, ppm).");
            }
            if (!HEADER_ROWS.contains(kind)) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.at(line, 1, raw),
                        "\"" + raw + "\" is not a header row Corridor knows. Use " + String.join(", ", HEADER_ROWS)
                                + ".");
            }
            if (headerRows.containsKey(kind)) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.at(line, 1, raw),
                        "The " + kind + " row already came on line " + headerLines.get(kind) + "; send it once.");
            }
            checkFieldCount(fields, line, this);
            for (int i = 1; i < FIXED_COLUMNS.size(); i++) {
                if (!fields.get(i).isBlank()) {
                    throw new RejectedException(
                            ErrorCode.CSV_HEADER,
                            Location.at(line, i + 1, name(i)),
                            "A " + kind + " row gives values for analyte columns only; leave the " + name(i)
                                    + " column empty here.");
                }
            }
            List<String> values = fields.stream().map(String::trim).toList();
            headerRows.put(kind, values);
            headerLines.put(kind, line);
            for (int i = FIXED_COLUMNS.size(); i < names.size(); i++) {
                switch (kind) {
                    case UNIT_ROW -> unit(i);
                    case BASIS_ROW -> basis(i);
                    case METHOD_ROW -> method(i);
                    case DATE_ROW -> date(i);
                    default -> limit(i);
                }
            }
        }

        /** The header rows end at {@code firstDataLine}; the unit and basis rows are required. */
        void checkComplete(int firstDataLine) {
            if (!headerRows.containsKey(BASIS_ROW)) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.line(firstDataLine),
                        "The header rows end before line " + firstDataLine + " without a " + BASIS_ROW
                                + " row. Give every analyte column its basis (DRY or AS_RECEIVED) in a "
                                + BASIS_ROW + " row.");
            }
        }

        private String cell(String kind, int index) {
            List<String> row = headerRows.get(kind);
            return row == null ? "" : row.get(index);
        }

        private Location at(String kind, int index) {
            return Location.at(headerLines.get(kind), index + 1, names.get(index));
        }

        String unit(int index) {
            String v = cell(UNIT_ROW, index);
            if (v.isEmpty()) {
                throw new RejectedException(
                        ErrorCode.CSV_REQUIRED,
                        at(UNIT_ROW, index),
                        "The " + UNIT_ROW + " row gives no unit for " + names.get(index) + ". Use %, g/t, ppm or"
                                + " Bq/g.");
            }
            return reference
                    .canonicalUnit(v)
                    .orElseThrow(() -> new RejectedException(
                            ErrorCode.CSV_CODE,
                            at(UNIT_ROW, index),
                            "\"" + v + "\" is not a unit Corridor knows. Use %, g/t, ppm or Bq/g."
                                    + ("DMT".equalsIgnoreCase(v)
                                            ? " (DMT is the UN/ECE code for decimetre, not dry metric tonne.)"
                                            : "")));
        }

        String basis(int index) {
            String v = cell(BASIS_ROW, index);
            if (v.isEmpty()) {
                throw new RejectedException(
                        ErrorCode.CSV_REQUIRED,
                        at(BASIS_ROW, index),
                        "The " + BASIS_ROW + " row gives no basis for " + names.get(index)
                                + ". Write DRY or AS_RECEIVED.");
            }
            String normalised = v.toUpperCase(Locale.ROOT).replace(' ', '_');
            if (!BASES.contains(normalised)) {
                throw new RejectedException(
                        ErrorCode.CSV_CODE,
                        at(BASIS_ROW, index),
                        "\"" + v + "\" is not an allowed value. Use one of: AS_RECEIVED, DRY.");
            }
            return normalised;
        }

        String method(int index) {
            String v = cell(METHOD_ROW, index);
            if (v.length() > AssayCsvParser.MAX_TEXT) {
                throw new RejectedException(
                        ErrorCode.CSV_TOO_LONG,
                        at(METHOD_ROW, index),
                        "The value has " + v.length() + " characters; at most " + AssayCsvParser.MAX_TEXT
                                + " are allowed.");
            }
            return v.isEmpty() ? null : v;
        }

        LocalDate date(int index) {
            String v = cell(DATE_ROW, index);
            return v.isEmpty() ? null : parseDate(v, at(DATE_ROW, index));
        }

        BigDecimal limit(int index) {
            String v = cell(LIMIT_ROW, index);
            if (v.isEmpty()) {
                return null;
            }
            if (!AssayCsvParser.DECIMAL.matcher(v).matches()) {
                throw new RejectedException(
                        ErrorCode.CSV_NUMBER,
                        at(LIMIT_ROW, index),
                        "\"" + v + "\" is not a number. Write the detection limit as a decimal number with a point,"
                                + " such as 0.5.");
            }
            return new BigDecimal(v);
        }
    }

    private static void checkFieldCount(List<String> fields, int line, Columns columns) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            throw new RejectedException(
                    ErrorCode.CSV_COLUMNS,
                    Location.line(line),
                    "The line is empty. Sample rows must follow each other without blank lines.");
        }
        if (fields.size() < columns.size()) {
            throw new RejectedException(
                    ErrorCode.CSV_COLUMNS,
                    Location.at(line, fields.size() + 1, columns.name(fields.size())),
                    "The line has " + fields.size() + " fields but the header has " + columns.size()
                            + " columns: it ends before column " + (fields.size() + 1) + " (\""
                            + columns.name(fields.size()) + "\"). Write an empty field (two commas) for an analyte"
                            + " that was not analysed.");
        }
        if (fields.size() > columns.size()) {
            throw new RejectedException(
                    ErrorCode.CSV_COLUMNS,
                    Location.at(line, columns.size() + 1, null),
                    "The line has " + fields.size() + " fields but the header has " + columns.size() + " columns.");
        }
    }

    private static LocalDate parseDate(String v, Location at) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new RejectedException(
                    ErrorCode.CSV_DATE,
                    at,
                    "\"" + v + "\" is not a valid date. Write dates as YYYY-MM-DD, for example 2025-10-06.");
        }
    }

    /** One sample row with its line number, checking and converting fields by column. */
    private static final class Row {
        private final List<String> fields;
        private final int line;
        private final Columns columns;

        Row(List<String> fields, int line, Columns columns) {
            checkFieldCount(fields, line, columns);
            if (isHeaderRow(fields)) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.at(line, 1, fields.get(0).trim()),
                        "The header row \"" + fields.get(0).trim() + "\" comes after sample rows; all # rows must"
                                + " come directly below line 1.");
            }
            this.fields = fields;
            this.line = line;
            this.columns = columns;
        }

        String raw(int index) {
            return fields.get(index).trim();
        }

        Location at(int index) {
            return Location.at(line, index + 1, columns.name(index));
        }

        String required(int index, int maxLength) {
            String v = raw(index);
            if (v.isEmpty()) {
                throw new RejectedException(
                        ErrorCode.CSV_REQUIRED,
                        at(index),
                        "This field is empty, but every sample row must have its "
                                + columns.name(index).replace('_', ' ').replace("no", "number") + ".");
            }
            return checkLength(index, v, maxLength);
        }

        String optional(int index, int maxLength) {
            String v = raw(index);
            return v.isEmpty() ? null : checkLength(index, v, maxLength);
        }

        private String checkLength(int index, String v, int maxLength) {
            return AssayCsvParser.withinLength(v, maxLength, at(index));
        }

        String code(int index, Set<String> allowed) {
            String v = optional(index, AssayCsvParser.MAX_TEXT);
            if (v == null) {
                return null;
            }
            String normalised = v.toUpperCase(Locale.ROOT).replace(' ', '_');
            if (!allowed.contains(normalised)) {
                throw new RejectedException(
                        ErrorCode.CSV_CODE,
                        at(index),
                        "\"" + v + "\" is not an allowed value. Use one of: "
                                + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
            return normalised;
        }

        LocalDate date(int index) {
            String v = optional(index, AssayCsvParser.MAX_TEXT);
            return v == null ? null : parseDate(v, at(index));
        }

        /** The results of this sample, analyte columns left to right; an empty cell was not analysed. */
        List<AssayResult> results(String lotNo, String sampleId, String role, LocalDate rowDate) {
            List<AssayResult> results = new ArrayList<>();
            for (int i = FIXED_COLUMNS.size(); i < columns.size(); i++) {
                String v = raw(i);
                if (v.isEmpty()) {
                    continue;
                }
                String qualifier = null;
                BigDecimal value;
                BigDecimal limit = columns.limit(i);
                if (v.startsWith("<") || v.startsWith(">")) {
                    qualifier = v.substring(0, 1);
                    v = v.substring(1).trim();
                }
                if (qualifier != null && v.equalsIgnoreCase(LOD)) {
                    if (limit == null) {
                        throw new RejectedException(
                                ErrorCode.CSV_NUMBER,
                                at(i),
                                "\"" + raw(i) + "\" refers to the detection limit, but the " + LIMIT_ROW
                                        + " row gives none for " + columns.name(i) + ". Write the limit there, or"
                                        + " write it in the value, such as <0.5.");
                    }
                    value = limit;
                } else if (AssayCsvParser.DECIMAL.matcher(v).matches()) {
                    value = new BigDecimal(v);
                } else {
                    throw new RejectedException(
                            ErrorCode.CSV_NUMBER,
                            at(i),
                            "\"" + raw(i) + "\" is not a number. Write a decimal number with a point, such as 24.12,"
                                    + " optionally preceded by < or > for a detection limit, or <LOD.");
                }
                if (qualifier == null && limit != null && value.compareTo(limit) < 0) {
                    throw new RejectedException(
                            ErrorCode.CSV_CONFLICT,
                            at(i),
                            "\"" + raw(i) + "\" is below the detection limit " + limit.toPlainString() + " given for "
                                    + columns.name(i) + " in the " + LIMIT_ROW + " row. Write <"
                                    + limit.toPlainString() + " or <LOD.");
                }
                results.add(new AssayResult(
                        lotNo,
                        sampleId,
                        role,
                        columns.name(i),
                        value,
                        qualifier,
                        columns.unit(i),
                        columns.basis(i),
                        columns.method(i),
                        analysisDate(i, rowDate)));
            }
            if (results.isEmpty()) {
                throw new RejectedException(
                        ErrorCode.CSV_REQUIRED,
                        at(FIXED_COLUMNS.size()),
                        "This sample row has no result in any analyte column; remove the row or fill in its"
                                + " results.");
            }
            return results;
        }

        /** A date in the {@code #analysis_date} row is the date of that analyte's run; the row's date fills the rest. */
        private LocalDate analysisDate(int index, LocalDate rowDate) {
            LocalDate columnDate = columns.date(index);
            if (columnDate == null && rowDate == null) {
                throw new RejectedException(
                        ErrorCode.CSV_REQUIRED,
                        at(ANALYSIS_DATE),
                        "This field is empty and the " + DATE_ROW + " row gives no date for " + columns.name(index)
                                + "; every result must have its analysis date in one of them.");
            }
            return columnDate != null ? columnDate : rowDate;
        }
    }

    /** Collects the rows of one certificate and checks that certificate-level fields agree across them. */
    private static final class CertificateBuilder {
        private final CertificateCollector certificate;

        CertificateBuilder(String certificateNo) {
            this.certificate = new CertificateCollector(certificateNo);
        }

        void add(Row row) {
            certificate.lab(row.required(LAB, AssayCsvParser.MAX_TEXT), row.at(LAB));
            String lotNo = row.required(LOT_NO, AssayCsvParser.MAX_REF);
            String sampleId = row.required(SAMPLE_ID, AssayCsvParser.MAX_REF);
            String role = row.code(SAMPLE_ROLE, AssayCsvParser.ROLES);
            LocalDate rowDate = row.date(ANALYSIS_DATE);
            certificate.contractRef(row.optional(CONTRACT_REF, AssayCsvParser.MAX_REF), row.at(CONTRACT_REF));
            certificate.commodity(row.code(COMMODITY, AssayCsvParser.COMMODITIES), row.at(COMMODITY));
            certificate.issueDate(row.date(ISSUE_DATE), row.at(ISSUE_DATE));
            certificate.addAll(row.results(lotNo, sampleId, role, rowDate));
        }

        AssayCertificate build() {
            return certificate.build();
        }
    }
}
