package org.corridor.render.psw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.CustomsResponse;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Source;
import org.corridor.detect.Detection;
import org.corridor.parse.json.PswWorksheetParser;
import org.corridor.render.Renderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PswWorksheetRenderersTest {

    private static final Detection SD = new Detection("JSON", "PSW-SD", "1");
    private static final Path SAMPLES = Path.of("sample-docs/customs");
    private static final Path COPPER = SAMPLES.resolve("PSW-SD-FWO-2025-0147.json");
    private static final Source SOURCE = new Source("JSON", "PSW-SD", "1", null, null, null, null, null, null);

    private final PswWorksheetParser parser = new PswWorksheetParser(REFERENCE);
    private final PswWorksheetJsonRenderer json = new PswWorksheetJsonRenderer();
    private final PswWorksheetCsvRenderer csv = new PswWorksheetCsvRenderer();

    static Stream<Path> worksheets() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("PSW-SD-.*\\.json"))
                    .sorted()
                    .toList();
            assertThat(found).isNotEmpty();
            return found.stream();
        }
    }

    private CustomsDeclaration parse(byte[] content) {
        return (CustomsDeclaration) parser.parse(content, SD).get(0).body();
    }

    private static CanonicalDocument document(CustomsDeclaration body) {
        return CanonicalDocument.of("D-test", SOURCE, body);
    }

    private CustomsDeclaration copper() throws IOException {
        return parse(Files.readAllBytes(COPPER));
    }

    private static List<CSVRecord> records(byte[] rendered) throws IOException {
        assertThat(Arrays.copyOf(rendered, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(rendered, 3, rendered.length - 3, StandardCharsets.UTF_8);
        try (CSVParser p = CSVParser.parse(text, CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    // (a) JSON round trip

    @ParameterizedTest
    @MethodSource("worksheets")
    void jsonRoundTripsEverySampleWorksheet(Path sample) throws IOException {
        CustomsDeclaration original = parse(Files.readAllBytes(sample));
        byte[] rendered = json.render(document(original));
        // the parser validates against psw-worksheet-1.schema.json and the cross-field rules before binding
        assertThat(parse(rendered)).isEqualTo(original);
        assertThat(parser.recognise(new Detection("JSON", null, null), new String(rendered, StandardCharsets.UTF_8)))
                .contains(SD);
    }

    @Test
    void jsonKeepsDecimalsAsHeld() throws IOException {
        String rendered = new String(json.render(document(copper())), StandardCharsets.UTF_8);
        assertThat(rendered)
                .startsWith("{\n  \"worksheetVersion\": \"1\",")
                .contains(
                        "\"grossWeightKg\": 21342.00,",
                        "\"netWeightKg\": 21283.40,",
                        "\"value\": 21.283,",
                        "\"totalValue\": 38412.75,",
                        "\"bank\": \"National Bank of Pakistan\",\n    \"currency\": \"USD\"\n")
                .doesNotContain("E+", "address");
        assertThat(json.format()).isEqualTo(OutputFormat.PSW_WORKSHEET_JSON);
        assertThat(json.extension()).isEqualTo("json");
        assertThat(json.contentType()).isEqualTo("application/json");
    }

    @Test
    void jsonOmitsGdNumberBeforeFilingAndStillRoundTrips() throws IOException {
        CustomsDeclaration d = copper();
        CustomsDeclaration unfiled = new CustomsDeclaration(
                d.jurisdiction(),
                d.direction(),
                d.procedure(),
                null,
                null,
                d.exporter(),
                d.consignee(),
                d.declarant(),
                d.portOfLoading(),
                d.portOfDischarge(),
                d.destinationCountry(),
                d.incoterm(),
                d.currency(),
                d.invoiceNo(),
                d.totalValue(),
                d.financialInstrument(),
                d.lines(),
                List.of());
        byte[] rendered = json.render(document(unfiled));
        assertThat(new String(rendered, StandardCharsets.UTF_8)).doesNotContain("gdNumber", "gdDate", "containers");
        assertThat(parse(rendered)).isEqualTo(unfiled);
    }

    @Test
    void jsonRefusesIdsTheWorksheetCannotCarry() throws IOException {
        CustomsDeclaration d = copper();
        Party consignee = new Party(d.consignee().name(), "US", List.of(new PartyId("DUNS", "123456789")));
        CustomsDeclaration withDuns =
                withConsigneeAndDescription(d, consignee, d.lines().get(0).description());
        assertThatThrownBy(() -> json.render(document(withDuns)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DUNS");
    }

    // (b) CSV

    @Test
    void csvHasOneRowPerLineWithTheDeclarationRepeated() throws IOException {
        byte[] rendered = csv.render(document(copper()));
        List<CSVRecord> rows = records(rendered);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).toList())
                .containsExactly(
                        "GD Number",
                        "GD Date",
                        "Exporter",
                        "Exporter NTN",
                        "Exporter STRN",
                        "Consignee",
                        "Consignee Country",
                        "Port of Loading",
                        "Port of Discharge",
                        "Incoterm",
                        "Incoterm Place",
                        "Incoterm Edition",
                        "Currency",
                        "Invoice No",
                        "Instrument Type",
                        "Instrument No",
                        "Instrument Bank",
                        "Line No",
                        "HS Code",
                        "Description",
                        "Quantity",
                        "Unit",
                        "Basis",
                        "Gross Weight kg",
                        "Net Weight kg",
                        "Value",
                        "Origin",
                        "Containers",
                        "Seals");
        assertThat(rows.get(1).toList())
                .containsExactly(
                        "PQEX-SB-0004471-14102025",
                        "2025-10-14",
                        "Frontier Works Organisation",
                        "0786512-4",
                        "0700000312459",
                        "US Strategic Metals",
                        "US",
                        "PKBQM",
                        "USHOU",
                        "CIF",
                        "USHOU",
                        "2020",
                        "USD",
                        "FWO-INV-2025-0147",
                        "LC",
                        "NBP-LC-EXP-2025-00871",
                        "National Bank of Pakistan",
                        "1",
                        "26030000",
                        "Copper ores and concentrates, in 14 bulk bags, lots FWO-CU-L01 and FWO-CU-L02",
                        "21.283",
                        "T",
                        "WET",
                        "21342.00",
                        "21283.40",
                        "38412.75",
                        "PK",
                        "TGHU8144721;MSKU6039155",
                        "PK4120731;PK4120748");
        String text = new String(rendered, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\r\n")
                .doesNotContain("\n\n")
                .contains(",\"Copper ores and concentrates, in 14 bulk bags, lots FWO-CU-L01 and FWO-CU-L02\",");
        assertThat(csv.format()).isEqualTo(OutputFormat.PSW_WORKSHEET_CSV);
        assertThat(csv.extension()).isEqualTo("csv");
        assertThat(csv.contentType()).isEqualTo("text/csv");
    }

    @Test
    void csvRepeatsTheHeaderFieldsOnEveryLineAndLeavesAbsentFieldsEmpty() throws IOException {
        CustomsDeclaration d = parse(Files.readAllBytes(SAMPLES.resolve("PSW-SD-FWO-2025-0161.json")));
        List<CSVRecord> rows = records(csv.render(document(d)));
        assertThat(rows).hasSize(3);
        for (CSVRecord row : rows.subList(1, 3)) {
            assertThat(row.get(0)).isEmpty();
            assertThat(row.get(1)).isEmpty();
            assertThat(row.get(2)).isEqualTo("Frontier Works Organisation");
            assertThat(row.get(22)).isEmpty();
            assertThat(row.get(27)).isEqualTo("TCLU3029813");
            assertThat(row.get(28)).isEqualTo("PK4120802");
        }
        assertThat(rows.get(1).get(17)).isEqualTo("1");
        assertThat(rows.get(2).get(17)).isEqualTo("2");
        assertThat(rows.get(1).get(20)).isEqualTo("250.000");
        assertThat(rows.get(2).get(23)).isEqualTo("248.10");
        assertThat(rows.get(2).get(25)).isEqualTo("17250.00");
    }

    @Test
    void csvNeutralisesFormulaCells() throws IOException {
        CustomsDeclaration d = copper();
        Party consignee = new Party("@SUM(1+1)", "US", d.consignee().ids());
        CustomsDeclaration hostile = withConsigneeAndDescription(d, consignee, "=cmd|' /C calc'!A0");
        byte[] rendered = csv.render(document(hostile));
        List<CSVRecord> rows = records(rendered);
        assertThat(rows.get(0).get(19)).isEqualTo("Description");
        assertThat(rows.get(1).get(19)).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(rows.get(0).get(5)).isEqualTo("Consignee");
        assertThat(rows.get(1).get(5)).isEqualTo("'@SUM(1+1)");
        // the raw text: no comma or quote in the description, so RFC 4180 leaves it unquoted
        assertThat(new String(rendered, StandardCharsets.UTF_8)).contains(",'=cmd|' /C calc'!A0,", ",'@SUM(1+1),");
        assertThat(rows.get(1).get(25)).isEqualTo("38412.75");
    }

    @Test
    void neutralisingRuleCoversEachTrigger() {
        assertThat(PswWorksheetCsvRenderer.neutralise("=1+1")).isEqualTo("'=1+1");
        assertThat(PswWorksheetCsvRenderer.neutralise("+1")).isEqualTo("'+1");
        assertThat(PswWorksheetCsvRenderer.neutralise("-1")).isEqualTo("'-1");
        assertThat(PswWorksheetCsvRenderer.neutralise("@x")).isEqualTo("'@x");
        assertThat(PswWorksheetCsvRenderer.neutralise("\t=x")).isEqualTo("'\t=x");
        assertThat(PswWorksheetCsvRenderer.neutralise("\r=x")).isEqualTo("'\r=x");
        assertThat(PswWorksheetCsvRenderer.neutralise("a=b")).isEqualTo("a=b");
        assertThat(PswWorksheetCsvRenderer.neutralise("21342.00")).isEqualTo("21342.00");
        assertThat(PswWorksheetCsvRenderer.neutralise(null)).isEmpty();
    }

    @Test
    void csvQuotesCellsThatNeedIt() throws IOException {
        CustomsDeclaration d = copper();
        CustomsDeclaration awkward = withConsigneeAndDescription(d, d.consignee(), "Ore \"grade A\", wet\nbags");
        List<CSVRecord> rows = records(csv.render(document(awkward)));
        assertThat(rows.get(1).get(19)).isEqualTo("Ore \"grade A\", wet\nbags");
    }

    @Test
    void guideExampleIsTheRenderedCopperCsvWithoutItsBom() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/psw-worksheet-csv.md"), StandardCharsets.UTF_8);
        String example = guide.substring(guide.indexOf("## Example"));
        int start = example.indexOf("```csv\n") + "```csv\n".length();
        String block = example.substring(start, example.indexOf("```", start));
        byte[] rendered = csv.render(document(copper()));
        assertThat(block).isEqualTo(new String(rendered, 3, rendered.length - 3, StandardCharsets.UTF_8));
    }

    // (c) refusals

    @Test
    void bothRefuseDeclarationsOutsidePakistan() throws IOException {
        CustomsDeclaration d = copper();
        CustomsDeclaration us = new CustomsDeclaration(
                "US",
                d.direction(),
                d.procedure(),
                d.declarationNo(),
                d.declarationDate(),
                d.exporter(),
                d.consignee(),
                d.declarant(),
                d.portOfLoading(),
                d.portOfDischarge(),
                d.destinationCountry(),
                d.incoterm(),
                d.currency(),
                d.invoiceNo(),
                d.totalValue(),
                d.financialInstrument(),
                d.lines(),
                d.containers());
        for (Renderer r : List.<Renderer>of(json, csv)) {
            assertThatThrownBy(() -> r.render(document(us)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PK");
        }
    }

    @Test
    void bothRefuseOtherDocumentKinds() {
        CanonicalDocument status = CanonicalDocument.of(
                "D-status",
                SOURCE,
                new CustomsResponse(
                        "PQEX-SB-0004471-14102025", "RELEASED", LocalDate.of(2025, 10, 16), "Office", List.of()));
        for (Renderer r : List.<Renderer>of(json, csv)) {
            assertThatThrownBy(() -> r.render(status))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CUSTOMS_RESPONSE");
            assertThatThrownBy(() -> r.render(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static CustomsDeclaration withConsigneeAndDescription(
            CustomsDeclaration d, Party consignee, String description) {
        CustomsDeclaration.Line l = d.lines().get(0);
        CustomsDeclaration.Line line = new CustomsDeclaration.Line(
                l.lineNo(),
                l.hsCode(),
                description,
                l.quantity(),
                l.grossWeightKg(),
                l.netWeightKg(),
                l.value(),
                l.originCountry());
        return new CustomsDeclaration(
                d.jurisdiction(),
                d.direction(),
                d.procedure(),
                d.declarationNo(),
                d.declarationDate(),
                d.exporter(),
                consignee,
                d.declarant(),
                d.portOfLoading(),
                d.portOfDischarge(),
                d.destinationCountry(),
                d.incoterm(),
                d.currency(),
                d.invoiceNo(),
                d.totalValue(),
                d.financialInstrument(),
                List.of(line),
                d.containers());
    }
}
