package org.corridor.parse.csv;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
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
 * Reads the packing list CSV (one row per package; see docs/mig/packing-list-fixed.md) into one PACKING_LIST per
 * packing list number. The CSV has no trailer: the totals are the sums of the rows. Bindy splits and unquotes the
 * rows; this class checks every field and names the line, column number and column name of the first fault.
 */
public final class PackingListCsvParser implements DocumentParser {

    static final List<String> COLUMNS = List.of(
            "packing_list_no", "package_no", "lot_no", "container_no", "seal_no", "gross_kg", "tare_kg", "net_kg");
    static final String VERSION = "1";

    private static final Pattern WEIGHT = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");
    private static final int MAX_REF = 35;

    private final BindyCsv bindy;

    public PackingListCsvParser(CamelContext camelContext) {
        this.bindy = new BindyCsv(camelContext, PackingListCsvRow.class);
    }

    /** Recognised by its first column; the parser checks the rest of the header. */
    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        if (!Detection.CSV.equals(format.format())) {
            return Optional.empty();
        }
        String firstLine = head.lines().findFirst().orElse("");
        String first = firstLine.split(",", -1)[0].replace("\"", "").trim().toLowerCase(Locale.ROOT);
        return first.equals(COLUMNS.get(0))
                ? Optional.of(new Detection(Detection.CSV, Detection.PACKING_LIST_CSV, VERSION))
                : Optional.empty();
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.CSV.equals(detection.format()) && Detection.PACKING_LIST_CSV.equals(detection.messageType());
    }

    @Override
    public String version(Detection detection) {
        return VERSION;
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        String text = ContentDetector.stripBom(new String(content, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>(text.lines().toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new RejectedException(ErrorCode.CSV_EMPTY, Location.line(1), "The file holds no lines at all.");
        }
        checkHeader(lines.get(0));
        if (lines.size() == 1) {
            throw new RejectedException(
                    ErrorCode.CSV_NO_ROWS, Location.line(2), "The file has a header line but no packages below it.");
        }
        for (int i = 1; i < lines.size(); i++) {
            BindyCsv.checkShape(lines.get(i), i + 1, COLUMNS.size(), "Packages");
        }
        List<PackingListCsvRow> rows = bindy.rows(String.join("\n", lines) + "\n", PackingListCsvRow.class);
        if (rows.size() != lines.size() - 1) {
            throw new IllegalStateException(
                    "Bindy returned " + rows.size() + " rows for " + (lines.size() - 1) + " data lines");
        }
        Map<String, List<PackingList.Package>> lists = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = new Row(rows.get(i).fields(), i + 2);
            String listNo = row.required(0);
            lists.computeIfAbsent(listNo, k -> new ArrayList<>()).add(row.toPackage());
        }
        List<ParsedMessage> messages = new ArrayList<>();
        lists.forEach((listNo, packages) -> {
            BigDecimal gross =
                    packages.stream().map(PackingList.Package::grossKg).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal net = packages.stream().map(PackingList.Package::netKg).reduce(BigDecimal.ZERO, BigDecimal::add);
            messages.add(ParsedMessage.of(
                    new PackingList(listNo, packages, new PackingList.Totals(packages.size(), gross, net))));
        });
        return messages;
    }

    private static void checkHeader(String header) {
        String[] names = ContentDetector.stripBom(header).split(",", -1);
        for (int i = 0; i < Math.min(names.length, COLUMNS.size()); i++) {
            String name = names[i].replace("\"", "").trim().toLowerCase(Locale.ROOT);
            if (!name.equals(COLUMNS.get(i))) {
                throw new RejectedException(
                        ErrorCode.CSV_HEADER,
                        Location.at(1, i + 1, names[i].trim()),
                        "The header names column " + (i + 1) + " \"" + names[i].trim() + "\" where \""
                                + COLUMNS.get(i) + "\" was expected. The header must be: "
                                + String.join(",", COLUMNS) + ".");
            }
        }
        if (names.length != COLUMNS.size()) {
            throw new RejectedException(
                    ErrorCode.CSV_HEADER,
                    Location.at(1, Math.min(names.length, COLUMNS.size()) + 1, null),
                    "The header has " + names.length + " columns; it must have " + COLUMNS.size() + ": "
                            + String.join(",", COLUMNS) + ".");
        }
    }

    /** One data row with its line number, checking and converting fields by column. */
    private record Row(String[] fields, int line) {

        private Location at(int index) {
            return Location.at(line, index + 1, COLUMNS.get(index));
        }

        String required(int index) {
            String v = fields[index] == null ? "" : fields[index].trim();
            if (v.isEmpty()) {
                throw new RejectedException(
                        ErrorCode.CSV_REQUIRED,
                        at(index),
                        "This field is empty, but every"
                                + " package must have its "
                                + COLUMNS.get(index).replace('_', ' ').replace(" no", " number")
                                + ".");
            }
            if (v.length() > MAX_REF) {
                throw new RejectedException(
                        ErrorCode.CSV_TOO_LONG,
                        at(index),
                        "The value has " + v.length() + " characters; at most " + MAX_REF + " are allowed.");
            }
            return v;
        }

        BigDecimal weight(int index) {
            String v = required(index);
            if (!WEIGHT.matcher(v).matches()) {
                throw new RejectedException(
                        ErrorCode.CSV_NUMBER,
                        at(index),
                        "\"" + v + "\" is not a weight. Write"
                                + " kilograms with a decimal point and at most 2 decimals, such as 1525.40.");
            }
            return new BigDecimal(v);
        }

        PackingList.Package toPackage() {
            String packageNo = required(1);
            String lotNo = required(2);
            String containerNo = required(3);
            String problem = PackingListRules.containerProblem(containerNo);
            if (problem != null) {
                throw new RejectedException(ErrorCode.CONTAINER_CHECK_DIGIT, at(3), problem);
            }
            String sealNo = required(4);
            BigDecimal gross = weight(5);
            BigDecimal tare = weight(6);
            BigDecimal net = weight(7);
            if (PackingListRules.netMismatch(gross, tare, net)) {
                throw new RejectedException(
                        ErrorCode.WEIGHT_MISMATCH,
                        at(7),
                        "Package " + packageNo + ": net " + net.toPlainString() + " kg is not gross "
                                + gross.toPlainString() + " kg minus tare " + tare.toPlainString() + " kg, which is "
                                + gross.subtract(tare).toPlainString() + " kg.");
            }
            return new PackingList.Package(packageNo, lotNo, containerNo, sealNo, gross, tare, net);
        }
    }
}
