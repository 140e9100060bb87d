package org.corridor.parse.csv;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
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
 * Reads the lab assay CSV in long form (one row per sample and analyte; see docs/mig/assay-lab-csv-long.md) into one
 * ASSAY_CERTIFICATE per certificate number. Bindy splits and unquotes the rows; this class checks every field and
 * names the line, column and column name of the first fault.
 */
public final class AssayCsvParser implements DocumentParser {

    static final List<String> STANDARD_COLUMNS = List.of(
            "certificate_no",
            "lab",
            "lot_no",
            "sample_id",
            "sample_role",
            "analyte",
            "value",
            "qualifier",
            "unit",
            "basis",
            "method",
            "analysis_date");
    static final List<String> OPTIONAL_COLUMNS = List.of("contract_ref", "commodity", "issue_date");
    /** All fifteen columns, for naming the field of a fault. */
    private static final List<String> ALL_COLUMNS =
            Stream.concat(STANDARD_COLUMNS.stream(), OPTIONAL_COLUMNS.stream()).toList();

    /** A result or limit: up to 15 digits either side of the point (none is longer; a longer one is a mistake). */
    static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,15})?");

    static final Set<String> ROLES = Set.of("SELLER", "BUYER", "UMPIRE", "CUSTOMS");
    static final Set<String> COMMODITIES = Set.of("CU_CONC", "SB_CONC", "SB_INGOT", "NDPR_OXIDE", "REE_CONC", "OTHER");
    static final int MAX_REF = 35;
    static final int MAX_TEXT = 70;

    private final BindyCsv bindy;

    private final ReferenceData reference;

    /** Bindy reads the rows within {@code camelContext}; analytes and units are checked against {@code reference}. */
    public AssayCsvParser(CamelContext camelContext, ReferenceData reference) {
        this.bindy = new BindyCsv(camelContext, AssayCsvRow.class);
        this.reference = reference;
    }

    /**
     * The long form is recognised by its first column, unless line 2 is a {@code #} header row of the wide form; the
     * parser checks the rest of the header.
     */
    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        if (!Detection.CSV.equals(format.format())) {
            return Optional.empty();
        }
        List<String> lines = head.lines().limit(2).toList();
        String first = firstCell(lines.isEmpty() ? "" : lines.get(0));
        // a second line starting with # is a header row (#unit, ...) of the wide form: AssayWideCsvParser reads it
        boolean wide = lines.size() > 1 && firstCell(lines.get(1)).startsWith("#");
        return first.equals(STANDARD_COLUMNS.get(0)) && !wide
                ? Optional.of(new Detection(Detection.CSV, Detection.LAB_CSV, "long"))
                : Optional.empty();
    }

    static String firstCell(String line) {
        return line.split(",", -1)[0].replace("\"", "").trim().toLowerCase(Locale.ROOT);
    }

    /** A field no longer than its maximum (both CSV forms share the rule and its wording). */
    static String withinLength(String value, int maxLength, Location where) {
        if (value.length() > maxLength) {
            throw new RejectedException(
                    ErrorCode.CSV_TOO_LONG,
                    where,
                    "The value has " + value.length() + " characters; at most " + maxLength + " are allowed.");
        }
        return value;
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.CSV.equals(detection.format())
                && Detection.LAB_CSV.equals(detection.messageType())
                && !AssayWideCsvParser.VERSION.equals(detection.version());
    }

    @Override
    public String version(Detection detection) {
        return "long";
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        String text = ContentDetector.stripBom(decode(content));
        List<String> lines = new ArrayList<>(text.lines().toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new RejectedException(ErrorCode.CSV_EMPTY, Location.line(1), "The file holds no lines at all.");
        }
        int columns = checkHeader(lines.get(0));
        if (lines.size() == 1) {
            throw new RejectedException(
                    ErrorCode.CSV_NO_ROWS, Location.line(2), "The file has a header line but no results below it.");
        }
        for (int i = 1; i < lines.size(); i++) {
            BindyCsv.checkShape(lines.get(i), i + 1, columns, "Results");
        }
        List<AssayCsvRow> rows = bindy.rows(String.join("\n", lines) + "\n", AssayCsvRow.class);
        if (rows.size() != lines.size() - 1) {
            throw new IllegalStateException(
                    "Bindy returned " + rows.size() + " rows for " + (lines.size() - 1) + " data lines");
        }
        Map<String, CertificateBuilder> certificates = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = new Row(rows.get(i), i + 2, reference);
            String certificateNo = row.required(0, MAX_REF);
            certificates.computeIfAbsent(certificateNo, CertificateBuilder::new).add(row);
        }
        return certificates.values().stream()
                .map(b -> ParsedMessage.of(b.build()))
                .toList();
    }

    /** Strict UTF-8: a bad byte is reported with its line rather than replaced; the wide form reads the same way. */
    static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            int line = 1 + (int) countNewlinesBeforeFirstBadByte(content);
            throw new RejectedException(
                    ErrorCode.BAD_ENCODING,
                    Location.line(line),
                    "The file is not UTF-8 text (a byte on this line is not valid UTF-8). Save it as UTF-8 and send"
                            + " it again.");
        }
    }

    private static long countNewlinesBeforeFirstBadByte(byte[] content) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        var out = java.nio.CharBuffer.allocate(content.length + 1);
        decoder.decode(buffer, out, true);
        long newlines = 0;
        for (int i = 0; i < buffer.position(); i++) {
            if (content[i] == '\n') {
                newlines++;
            }
        }
        return newlines;
    }

    /** Checks the header and returns how many columns the rows must have (12, or 15 with the optional ones). */
    private static int checkHeader(String header) {
        String[] names = ContentDetector.stripBom(header).split(",", -1);
        List<String> expected = ALL_COLUMNS;
        for (int i = 0; i < Math.min(names.length, expected.size()); i++) {
            String name = names[i].replace("\"", "").trim().toLowerCase(Locale.ROOT);
            if (!name.equals(expected.get(i))) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.at(1, i + 1, names[i].trim()),
                        "The header names column " + (i + 1) + " \"" + names[i].trim() + "\" where \""
                                + expected.get(i) + "\" was expected. The header must be: "
                                + String.join(",", STANDARD_COLUMNS) + " (optionally followed by "
                                + String.join(",", OPTIONAL_COLUMNS) + ").");
            }
        }
        if (names.length != STANDARD_COLUMNS.size() && names.length != expected.size()) {
            // the first column position that is missing, or the first one too many
            int differs = names.length < expected.size() ? names.length + 1 : expected.size() + 1;
            throw new RejectedException(
                    ErrorCode.CSV_HEADER,
                    Location.at(1, differs, null),
                    "The header has " + names.length + " columns; it must have " + STANDARD_COLUMNS.size()
                            + " (" + String.join(",", STANDARD_COLUMNS) + ") or " + expected.size()
                            + " (the same followed by " + String.join(",", OPTIONAL_COLUMNS) + ").");
        }
        return names.length;
    }

    /** One data row with its line number, checking and converting fields by column. */
    private static final class Row {
        private final String[] fields;
        private final int line;
        private final ReferenceData reference;

        Row(AssayCsvRow row, int line, ReferenceData reference) {
            this.fields = row.fields();
            this.line = line;
            this.reference = reference;
        }

        private String raw(int index) {
            String v = fields[index];
            return v == null ? "" : v.trim();
        }

        private Location at(int index) {
            return Location.at(line, index + 1, ALL_COLUMNS.get(index));
        }

        String required(int index, int maxLength) {
            String v = raw(index);
            if (v.isEmpty()) {
                throw new RejectedException(
                        ErrorCode.CSV_REQUIRED,
                        at(index),
                        "This field is empty, but every result must have its " + describe(index) + ".");
            }
            return checkLength(index, v, maxLength);
        }

        String optional(int index, int maxLength) {
            String v = raw(index);
            return v.isEmpty() ? null : checkLength(index, v, maxLength);
        }

        private String checkLength(int index, String v, int maxLength) {
            return withinLength(v, maxLength, at(index));
        }

        String code(int index, Set<String> allowed, boolean required) {
            String v = required ? required(index, MAX_TEXT) : optional(index, MAX_TEXT);
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

        LocalDate date(int index, boolean required) {
            String v = required ? required(index, MAX_TEXT) : optional(index, MAX_TEXT);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new RejectedException(
                        ErrorCode.CSV_DATE,
                        at(index),
                        "\"" + v + "\" is not a valid date. Write dates as YYYY-MM-DD, for example 2025-10-06.");
            }
        }

        String analyte() {
            String v = required(5, MAX_TEXT);
            if (!reference.isAnalyte(v)) {
                throw new RejectedException(
                        ErrorCode.CSV_ANALYTE,
                        at(5),
                        "\"" + v + "\" is not an analyte Corridor knows. Write it as chemists do, case-sensitive"
                                + " (Cu, Au, As, H2O, Nd2O3), or as a ratio such as Nd2O3/TREO.");
            }
            return v;
        }

        /** The value and its detection-limit qualifier, taken from either the value or the qualifier column. */
        Object[] valueAndQualifier() {
            String v = required(6, MAX_TEXT);
            String inline = null;
            if (v.startsWith("<") || v.startsWith(">")) {
                inline = v.substring(0, 1);
                v = v.substring(1).trim();
            }
            if (!DECIMAL.matcher(v).matches()) {
                throw new RejectedException(
                        ErrorCode.CSV_NUMBER,
                        at(6),
                        "\"" + raw(6) + "\" is not a number. Write a decimal number with a point, such as 24.12,"
                                + " optionally preceded by < or > for a detection limit.");
            }
            String column = optional(7, MAX_TEXT);
            if (column != null && !column.equals("<") && !column.equals(">")) {
                throw new RejectedException(
                        ErrorCode.CSV_CODE,
                        at(7),
                        "\"" + column + "\" is not an allowed qualifier. Use < or >, or leave it empty.");
            }
            if (inline != null && column != null && !inline.equals(column)) {
                throw new RejectedException(
                        ErrorCode.CSV_CONFLICT,
                        at(7),
                        "The qualifier \"" + column + "\" contradicts the value \"" + raw(6) + "\".");
            }
            return new Object[] {new BigDecimal(v), inline != null ? inline : column};
        }

        String unit() {
            String v = required(8, MAX_TEXT);
            return reference
                    .canonicalUnit(v)
                    .orElseThrow(() -> new RejectedException(
                            ErrorCode.CSV_CODE,
                            at(8),
                            "\"" + v + "\" is not a unit Corridor knows. Use %, g/t, ppm or Bq/g."
                                    + ("DMT".equalsIgnoreCase(v)
                                            ? " (DMT is the UN/ECE code for decimetre, not dry metric tonne.)"
                                            : "")));
        }

        String basis() {
            String v = code(9, Set.of("DRY", "AS_RECEIVED"), true);
            return v;
        }

        private static String describe(int index) {
            return ALL_COLUMNS.get(index).replace('_', ' ').replace("no", "number");
        }
    }

    /** Collects the rows of one certificate and checks that header-like fields agree across them. */
    private static final class CertificateBuilder {
        private final CertificateCollector certificate;

        CertificateBuilder(String certificateNo) {
            this.certificate = new CertificateCollector(certificateNo);
        }

        void add(Row row) {
            certificate.lab(row.required(1, MAX_TEXT), row.at(1));
            String lotNo = row.required(2, MAX_REF);
            String sampleId = row.required(3, MAX_REF);
            String role = row.code(4, ROLES, false);
            String analyte = row.analyte();
            Object[] vq = row.valueAndQualifier();
            String unit = row.unit();
            String basis = row.basis();
            String method = row.optional(10, MAX_TEXT);
            LocalDate analysisDate = row.date(11, true);
            certificate.contractRef(row.optional(12, MAX_REF), row.at(12));
            certificate.commodity(row.code(13, COMMODITIES, false), row.at(13));
            certificate.issueDate(row.date(14, false), row.at(14));
            certificate.add(new AssayResult(
                    lotNo,
                    sampleId,
                    role,
                    analyte,
                    (BigDecimal) vq[0],
                    (String) vq[1],
                    unit,
                    basis,
                    method,
                    analysisDate));
        }

        AssayCertificate build() {
            return certificate.build();
        }
    }
}
