package org.corridor.render.psw;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Party;
import org.corridor.render.Renderer;

/**
 * Writes a Pakistan CUSTOMS_DECLARATION as the CSV the clearing agent's desk opens in a spreadsheet
 * (docs/mig/psw-worksheet-csv.md): a header row, then one row per declaration line with the declaration's own
 * fields repeated, containers and seals joined with {@code ;}.
 *
 * <p>RFC 4180 (comma, CRLF, a field quoted only when it holds a comma, a quote, CR or LF, or is empty at the
 * start of a row), UTF-8 with a byte order mark so that Excel does not read it as the ANSI code page.
 * Formula injection: a cell whose first character is {@code =}, {@code +}, {@code -}, {@code @}, tab or CR is
 * prefixed with a single quote {@code '} so a spreadsheet shows it as text instead of evaluating it. Weights,
 * quantities and values are never negative in a valid declaration, so no number is ever altered.
 */
public class PswWorksheetCsvRenderer implements Renderer {

    static final OutputFormat FORMAT = OutputFormat.PSW_WORKSHEET_CSV;

    /** The byte order mark written before the header row. */
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private record Column(String header, Function<Row, String> value) {}

    private record Row(CustomsDeclaration d, CustomsDeclaration.Line l) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("GD Number", r -> r.d().declarationNo()),
            new Column(
                    "GD Date",
                    r -> r.d().declarationDate() == null
                            ? null
                            : r.d().declarationDate().toString()),
            new Column("Exporter", r -> name(r.d().exporter())),
            new Column("Exporter NTN", r -> PswDeclarations.id(r.d().exporter(), "NTN")),
            new Column("Exporter STRN", r -> PswDeclarations.id(r.d().exporter(), "STRN")),
            new Column("Consignee", r -> name(r.d().consignee())),
            new Column(
                    "Consignee Country",
                    r -> r.d().consignee() == null ? null : r.d().consignee().country()),
            new Column("Port of Loading", r -> r.d().portOfLoading()),
            new Column("Port of Discharge", r -> r.d().portOfDischarge()),
            new Column(
                    "Incoterm",
                    r -> r.d().incoterm() == null ? null : r.d().incoterm().rule()),
            new Column(
                    "Incoterm Place",
                    r -> r.d().incoterm() == null ? null : r.d().incoterm().place()),
            new Column(
                    "Incoterm Edition",
                    r -> r.d().incoterm() == null ? null : r.d().incoterm().version()),
            new Column("Currency", r -> r.d().currency()),
            new Column("Invoice No", r -> r.d().invoiceNo()),
            new Column("Instrument Type", r -> instrument(r.d(), CustomsDeclaration.FinancialInstrument::type)),
            new Column("Instrument No", r -> instrument(r.d(), CustomsDeclaration.FinancialInstrument::number)),
            new Column("Instrument Bank", r -> instrument(r.d(), CustomsDeclaration.FinancialInstrument::bank)),
            new Column(
                    "Line No",
                    r -> r.l().lineNo() == null ? null : r.l().lineNo().toString()),
            new Column("HS Code", r -> r.l().hsCode()),
            new Column("Description", r -> r.l().description()),
            new Column(
                    "Quantity",
                    r -> r.l().quantity() == null
                            ? null
                            : plain(r.l().quantity().value())),
            new Column(
                    "Unit",
                    r -> r.l().quantity() == null ? null : r.l().quantity().unit()),
            new Column(
                    "Basis",
                    r -> r.l().quantity() == null ? null : r.l().quantity().basis()),
            new Column("Gross Weight kg", r -> plain(r.l().grossWeightKg())),
            new Column("Net Weight kg", r -> plain(r.l().netWeightKg())),
            new Column("Value", r -> plain(r.l().value())),
            new Column("Origin", r -> r.l().originCountry()),
            new Column("Containers", r -> joined(r.d(), CustomsDeclaration.Container::containerNo)),
            new Column("Seals", r -> joined(r.d(), CustomsDeclaration.Container::sealNo)));

    /** The header row, in column order. */
    public static final List<String> HEADERS =
            COLUMNS.stream().map(Column::header).toList();

    private static final CSVFormat CSV = CSVFormat.RFC4180;

    @Override
    public OutputFormat format() {
        return FORMAT;
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public String contentType() {
        return "text/csv";
    }

    @Override
    public byte[] render(CanonicalDocument document) {
        CustomsDeclaration d = PswDeclarations.pakistanDeclaration(document, FORMAT);
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSV)) {
            printer.printRecord(
                    HEADERS.stream().map(PswWorksheetCsvRenderer::neutralise).toList());
            for (CustomsDeclaration.Line line : d.lines()) {
                Row row = new Row(d, line);
                List<String> cells = new ArrayList<>(COLUMNS.size());
                for (Column column : COLUMNS) {
                    cells.add(neutralise(column.value().apply(row)));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }

    /**
     * Formula-injection guard: a cell a spreadsheet would evaluate (first character {@code = + - @}, tab or CR)
     * gets a leading single quote. Null becomes the empty cell.
     */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }

    private static String name(Party party) {
        return party == null ? null : party.name();
    }

    private static String instrument(
            CustomsDeclaration d, Function<CustomsDeclaration.FinancialInstrument, String> field) {
        return d.financialInstrument() == null ? null : field.apply(d.financialInstrument());
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String joined(CustomsDeclaration d, Function<CustomsDeclaration.Container, String> field) {
        return d.containers().stream().map(field).map(v -> v == null ? "" : v).collect(Collectors.joining(";"));
    }
}
