package org.corridor.parse.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.canonical.PackingList;
import org.corridor.detect.ContentDetector;
import org.corridor.detect.Detection;
import org.corridor.parse.PackingListRules;
import org.corridor.parse.ParsedMessage;
import org.corridor.parse.csv.PackingListCsvParser;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PackingListFixedParserTest {

    private static final Path SAMPLE = Path.of("sample-docs/packing/FWO-PL-2025-0147.txt");
    private static final Detection DETECTION = new Detection(Detection.FIXED, Detection.PACKING_LIST, "fwo-1");

    private static CamelContext camelContext;
    private static PackingListFixedParser parser;

    @BeforeAll
    static void startParser() {
        camelContext = new DefaultCamelContext();
        parser = new PackingListFixedParser(camelContext);
    }

    @AfterAll
    static void stopCamel() {
        camelContext.stop();
    }

    private static String header() {
        return pad("HFWO-PL-2025-0147    20251008FWOPKUSSM-FWO-2025-CU-001");
    }

    private static String detail(
            String packageNo, String lotNo, String containerNo, String gross, String tare, String net) {
        return pad("D" + left(packageNo, 6) + left(lotNo, 12) + left(containerNo, 11) + left("PK4120731", 10)
                + right(gross, 10) + right(tare, 10) + right(net, 10));
    }

    private static String trailer(String count, String gross, String net) {
        return pad("T" + right(count, 5) + right(gross, 12) + right(net, 12));
    }

    private static String pad(String s) {
        return left(s, PackingListFixedParser.RECORD_LENGTH);
    }

    private static String left(String s, int n) {
        return String.format("%-" + n + "s", s);
    }

    private static String right(String s, int n) {
        return String.format("%" + n + "s", s);
    }

    private static String twoBags(String secondNet) {
        return String.join(
                        "\n",
                        header(),
                        detail("BB-001", "FWO-CU-L01", "TGHU8144721", "1526.40", "4.20", "1522.20"),
                        detail("BB-002", "FWO-CU-L01", "TGHU8144721", "1519.8", "4.2", secondNet),
                        trailer("2", "3046.20", "3037.80"))
                + "\n";
    }

    private static List<ParsedMessage> parse(String text) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), DETECTION);
    }

    private static Problem problemOf(String text) {
        try {
            parse(text);
        } catch (RejectedException e) {
            return e.problem();
        }
        throw new AssertionError("expected the packing list to be refused");
    }

    private static void assertProblem(String text, ErrorCode code, int line, Integer column, String field) {
        Problem p = problemOf(text);
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.location().line()).isEqualTo(line);
        assertThat(p.location().column()).isEqualTo(column);
        assertThat(p.location().field()).isEqualTo(field);
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }

    @Test
    void readsPackagesWithExactDecimalsAndDeclaredTotals() {
        List<ParsedMessage> messages = parse(twoBags("1515.6"));

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).sender()).isEqualTo("FWOPK");
        PackingList list = (PackingList) messages.get(0).body();
        assertThat(list.packingListNo()).isEqualTo("FWO-PL-2025-0147");
        assertThat(list.packages())
                .containsExactly(
                        new PackingList.Package(
                                "BB-001",
                                "FWO-CU-L01",
                                "TGHU8144721",
                                "PK4120731",
                                new BigDecimal("1526.40"),
                                new BigDecimal("4.20"),
                                new BigDecimal("1522.20")),
                        new PackingList.Package(
                                "BB-002",
                                "FWO-CU-L01",
                                "TGHU8144721",
                                "PK4120731",
                                new BigDecimal("1519.8"),
                                new BigDecimal("4.2"),
                                new BigDecimal("1515.6")));
        assertThat(list.totals())
                .isEqualTo(new PackingList.Totals(2, new BigDecimal("3046.20"), new BigDecimal("3037.80")));
    }

    @Test
    void recognisesTheHeaderRecordThatContentDetectionCallsUnknown() throws IOException {
        byte[] content = Files.readAllBytes(SAMPLE);
        Detection format = new ContentDetector().detect(content);

        assertThat(format.format()).isEqualTo(Detection.UNKNOWN);
        assertThat(parser.recognise(format, ContentDetector.head(content))).contains(DETECTION);
        assertThat(parser.recognise(format, "HELLO WORLD\n")).isEmpty();
        assertThat(parser.recognise(new Detection(Detection.CSV, null, null), ContentDetector.head(content)))
                .isEmpty();
    }

    @Test
    void fixedWidthAndCsvFormsOfTheSameListGiveEqualBodies() throws IOException {
        PackingList fixed = (PackingList)
                parser.parse(Files.readAllBytes(SAMPLE), DETECTION).get(0).body();
        PackingList csv = (PackingList) new PackingListCsvParser(camelContext)
                .parse(
                        Files.readAllBytes(Path.of("sample-docs/packing/csv/FWO-PL-2025-0147.csv")),
                        new Detection(Detection.CSV, Detection.PACKING_LIST_CSV, "1"))
                .get(0)
                .body();

        assertThat(fixed.packages()).hasSize(14);
        assertThat(csv).isEqualTo(fixed);
    }

    @Test
    void acceptsCrLfLineBreaks() {
        assertThat(parse(twoBags("1515.6").replace("\n", "\r\n"))).hasSize(1);
    }

    @Test
    void refusesARecordBrokenByAUnicodeLineSeparatorAtItsPosition() {
        // 80 characters by count, yet Bindy reads U+2028 as the end of a line: it got a record of 11 (fuzz-found)
        for (String separator : List.of("\u2028", "\u2029", "\u0085")) {
            List<String> l = lines(twoBags("1515.6"));
            l.set(2, l.get(2).substring(0, 11) + separator + l.get(2).substring(12));
            assertProblem(String.join("\n", l), ErrorCode.FIXED_LENGTH, 3, 12, "record_length");
        }
    }

    @Test
    void rejectsRecordOfWrongLength() {
        List<String> l = lines(twoBags("1515.6"));
        l.set(2, l.get(2).stripTrailing());
        assertProblem(String.join("\n", l), ErrorCode.FIXED_LENGTH, 3, 71, "record_length");
        l.set(2, l.get(2) + " ".repeat(20));
        assertProblem(String.join("\n", l), ErrorCode.FIXED_LENGTH, 3, 81, "record_length");
    }

    @Test
    void rejectsUnknownRecordType() {
        List<String> l = lines(twoBags("1515.6"));
        l.add(2, pad("X free text"));
        assertProblem(String.join("\n", l), ErrorCode.FIXED_RECORD, 3, 1, "record_type");
    }

    @Test
    void rejectsDetailBeforeHeader() {
        List<String> l = lines(twoBags("1515.6"));
        l.remove(0);
        assertProblem(String.join("\n", l), ErrorCode.FIXED_RECORD, 1, 1, "record_type");
        assertThat(problemOf(String.join("\n", l)).message()).contains("before the header");
    }

    @Test
    void rejectsMissingHeaderBeforeTrailer() {
        assertProblem(trailer("0", "0.00", "0.00"), ErrorCode.FIXED_RECORD, 1, 1, "record_type");
    }

    @Test
    void rejectsMissingTrailerAtTheLineWhereItWasExpected() {
        List<String> l = lines(twoBags("1515.6"));
        l.remove(3);
        assertProblem(String.join("\n", l), ErrorCode.FIXED_RECORD, 4, 1, "record_type");
    }

    @Test
    void rejectsRecordAfterTrailerAndSecondHeader() {
        List<String> l = lines(twoBags("1515.6"));
        l.add(detail("BB-003", "FWO-CU-L01", "TGHU8144721", "1.00", "0.50", "0.50"));
        assertProblem(String.join("\n", l), ErrorCode.FIXED_RECORD, 5, 1, "record_type");
        List<String> h = lines(twoBags("1515.6"));
        h.add(2, header());
        assertProblem(String.join("\n", h), ErrorCode.FIXED_RECORD, 3, 1, "record_type");
    }

    @Test
    void rejectsNonNumericWeightAtItsPosition() {
        List<String> l = lines(twoBags("1515.6"));
        l.set(1, detail("BB-001", "FWO-CU-L01", "TGHU8144721", "1526.40", "4,20", "1522.20"));
        assertProblem(String.join("\n", l), ErrorCode.FIXED_NUMBER, 2, 51, "tare_kg");
        l.set(1, detail("BB-001", "FWO-CU-L01", "TGHU8144721", "1526", "4.20", "1522.20"));
        assertProblem(String.join("\n", l), ErrorCode.FIXED_NUMBER, 2, 41, "gross_kg");
    }

    @Test
    void rejectsNetThatIsNotGrossMinusTareBeyondTheTolerance() {
        assertProblem(twoBags("1515.5"), ErrorCode.WEIGHT_MISMATCH, 3, 61, "net_kg");
        // 0.01 kg off is within the tolerance, but then the trailer's net total no longer matches
        assertProblem(twoBags("1515.61"), ErrorCode.TOTALS_MISMATCH, 4, 19, "total_net_kg");
    }

    @Test
    void rejectsTrailerCountAndTotalsThatDifferFromTheDetails() {
        List<String> l = lines(twoBags("1515.6"));
        l.set(3, trailer("3", "3046.20", "3037.80"));
        assertProblem(String.join("\n", l), ErrorCode.TOTALS_MISMATCH, 4, 2, "package_count");
        l.set(3, trailer("2", "3046.30", "3037.80"));
        assertProblem(String.join("\n", l), ErrorCode.TOTALS_MISMATCH, 4, 7, "total_gross_kg");
        l.set(3, trailer("2", "3046.2", "3037.90"));
        assertProblem(String.join("\n", l), ErrorCode.TOTALS_MISMATCH, 4, 19, "total_net_kg");
    }

    @Test
    void rejectsTrailerWithoutDetails() {
        assertProblem(header() + "\n" + trailer("0", "0.00", "0.00"), ErrorCode.FIXED_RECORD, 2, 1, "record_type");
    }

    @Test
    void rejectsContainerNumberWithWrongCheckDigitOrForm() {
        List<String> l = lines(twoBags("1515.6"));
        l.set(2, detail("BB-002", "FWO-CU-L01", "TGHU8144722", "1519.8", "4.2", "1515.6"));
        assertProblem(String.join("\n", l), ErrorCode.CONTAINER_CHECK_DIGIT, 3, 20, "container_no");
        assertThat(problemOf(String.join("\n", l)).message()).contains("ISO 6346 gives 1");
        l.set(2, detail("BB-002", "FWO-CU-L01", "TGHX8144721", "1519.8", "4.2", "1515.6"));
        assertProblem(String.join("\n", l), ErrorCode.CONTAINER_CHECK_DIGIT, 3, 20, "container_no");
    }

    @Test
    void rejectsEmptyLotNumber() {
        List<String> l = lines(twoBags("1515.6"));
        l.set(1, detail("BB-001", "", "TGHU8144721", "1526.40", "4.20", "1522.20"));
        assertProblem(String.join("\n", l), ErrorCode.FIXED_REQUIRED, 2, 8, "lot_no");
    }

    @Test
    void rejectsImpossibleHeaderDate() {
        List<String> l = lines(twoBags("1515.6"));
        l.set(0, pad("HFWO-PL-2025-0147    20251308FWOPK"));
        assertProblem(String.join("\n", l), ErrorCode.FIXED_DATE, 1, 22, "list_date");
    }

    @Test
    void computesIso6346CheckDigits() {
        // CSQU3054383 is the worked example of ISO 6346
        assertThat(PackingListRules.checkDigit("CSQU305438")).isEqualTo(3);
        assertThat(PackingListRules.containerProblem("CSQU3054383")).isNull();
        assertThat(PackingListRules.containerProblem("TGHU8144721")).isNull();
        assertThat(PackingListRules.containerProblem("MSKU6039155")).isNull();
    }

    @Test
    void refusesWithExceptionNamingThePlace() {
        assertThatThrownBy(() -> parse(twoBags("1515.5")))
                .isInstanceOf(RejectedException.class)
                .hasMessageContaining("line 3");
    }
}
