package org.corridor.parse.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.canonical.PackingList;
import org.corridor.detect.Detection;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PackingListCsvParserTest {

    private static final String HEADER =
            "packing_list_no,package_no,lot_no,container_no,seal_no,gross_kg,tare_kg," + "net_kg";
    private static final Detection DETECTION = new Detection(Detection.CSV, Detection.PACKING_LIST_CSV, "1");

    private static CamelContext camelContext;
    private static PackingListCsvParser parser;

    @BeforeAll
    static void startParser() {
        camelContext = new DefaultCamelContext();
        parser = new PackingListCsvParser(camelContext);
    }

    @AfterAll
    static void stopCamel() {
        camelContext.stop();
    }

    private static String row(
            String packageNo, String lotNo, String containerNo, String gross, String tare, String net) {
        return String.join(",", "FWO-PL-2025-0147", packageNo, lotNo, containerNo, "PK4120731", gross, tare, net);
    }

    private static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static List<ParsedMessage> parse(String text) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), DETECTION);
    }

    private static void assertProblem(String text, ErrorCode code, int line, Integer column, String field) {
        Problem p;
        try {
            parse(text);
            throw new AssertionError("expected the packing list to be refused");
        } catch (RejectedException e) {
            p = e.problem();
        }
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.location().line()).isEqualTo(line);
        assertThat(p.location().column()).isEqualTo(column);
        assertThat(p.location().field()).isEqualTo(field);
    }

    @Test
    void readsPackagesWithExactDecimalsAndSumsTheTotals() {
        List<ParsedMessage> messages = parse(csv(
                HEADER,
                row("BB-001", "FWO-CU-L01", "TGHU8144721", "1526.40", "4.20", "1522.20"),
                row("BB-002", "FWO-CU-L02", "MSKU6039155", "1519.8", "4.2", "1515.6")));

        assertThat(messages).hasSize(1);
        PackingList list = (PackingList) messages.get(0).body();
        assertThat(list.packingListNo()).isEqualTo("FWO-PL-2025-0147");
        assertThat(list.packages().get(1))
                .isEqualTo(new PackingList.Package(
                        "BB-002",
                        "FWO-CU-L02",
                        "MSKU6039155",
                        "PK4120731",
                        new BigDecimal("1519.8"),
                        new BigDecimal("4.2"),
                        new BigDecimal("1515.6")));
        assertThat(list.totals())
                .isEqualTo(new PackingList.Totals(2, new BigDecimal("3046.20"), new BigDecimal("3037.80")));
    }

    @Test
    void refusesALineWhereAQuoteInsideAFieldLeavesAnExtraComma() {
        // a quote inside a field (not around it) protects nothing: Bindy splits on the comma after it (fuzz-found)
        assertProblem(
                csv(
                        HEADER,
                        row("BB-001", "FWO-CU-L01", "TGHU8144721", "1526.40", "4.20", "1522.20"),
                        row("B\"\"\",E\"\"\"B-002", "FWO-CU-L01", "TGHU8144721", "1519.8", "4.2", "1515.6")),
                ErrorCode.CSV_COLUMNS,
                3,
                null,
                null);
    }

    @Test
    void recognisesTheHeaderByItsFirstColumn() {
        Detection csvFormat = new Detection(Detection.CSV, null, null);
        assertThat(parser.recognise(csvFormat, HEADER + "\n")).contains(DETECTION);
        assertThat(parser.recognise(csvFormat, "certificate_no,lab\n")).isEmpty();
        assertThat(parser.recognise(new Detection(Detection.UNKNOWN, null, null), HEADER))
                .isEmpty();
    }

    @Test
    void oneDocumentPerPackingListNumber() {
        List<ParsedMessage> messages = parse(csv(
                HEADER,
                row("BB-001", "FWO-CU-L01", "TGHU8144721", "1526.40", "4.20", "1522.20"),
                row("BB-002", "FWO-CU-L01", "TGHU8144721", "1519.8", "4.2", "1515.6")
                        .replace("0147", "0148")));
        assertThat(messages).hasSize(2);
        assertThat(((PackingList) messages.get(1).body()).totals().packages()).isEqualTo(1);
    }

    @Test
    void rejectsWrongHeader() {
        assertProblem(
                csv(
                        HEADER.replace("seal_no", "seal"),
                        row("BB-001", "FWO-CU-L01", "TGHU8144721", "1.00", "0.50", "0.50")),
                ErrorCode.CSV_HEADER,
                1,
                5,
                "seal");
    }

    @Test
    void rejectsLetterInWeight() {
        assertProblem(
                csv(HEADER, row("BB-001", "FWO-CU-L01", "TGHU8144721", "1526.40", "4.2O", "1522.20")),
                ErrorCode.CSV_NUMBER,
                2,
                7,
                "tare_kg");
    }

    @Test
    void rejectsNetThatIsNotGrossMinusTare() {
        assertProblem(
                csv(
                        HEADER,
                        row("BB-001", "FWO-CU-L01", "TGHU8144721", "1526.40", "4.20", "1522.20"),
                        row("BB-002", "FWO-CU-L01", "TGHU8144721", "1519.8", "4.2", "1515.58")),
                ErrorCode.WEIGHT_MISMATCH,
                3,
                8,
                "net_kg");
    }

    @Test
    void acceptsNetWithinTheTolerance() {
        assertThat(parse(csv(HEADER, row("BB-001", "FWO-CU-L01", "TGHU8144721", "1526.40", "4.20", "1522.21"))))
                .hasSize(1);
    }

    @Test
    void rejectsContainerWithWrongCheckDigit() {
        assertProblem(
                csv(HEADER, row("BB-001", "FWO-CU-L01", "TGHU8144720", "1526.40", "4.20", "1522.20")),
                ErrorCode.CONTAINER_CHECK_DIGIT,
                2,
                4,
                "container_no");
    }

    @Test
    void rejectsEmptyLotNumber() {
        assertProblem(
                csv(HEADER, row("BB-001", "", "TGHU8144721", "1526.40", "4.20", "1522.20")),
                ErrorCode.CSV_REQUIRED,
                2,
                3,
                "lot_no");
    }

    @Test
    void rejectsRowWithMissingField() {
        assertProblem(
                csv(HEADER, "FWO-PL-2025-0147,BB-001,FWO-CU-L01,TGHU8144721,PK4120731,1526.40,4.20"),
                ErrorCode.CSV_COLUMNS,
                2,
                null,
                null);
    }

    @Test
    void rejectsHeaderWithoutRows() {
        assertProblem(csv(HEADER), ErrorCode.CSV_NO_ROWS, 2, null, null);
    }
}
