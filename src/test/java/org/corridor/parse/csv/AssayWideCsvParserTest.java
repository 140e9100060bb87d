package org.corridor.parse.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.detect.Detection;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

class AssayWideCsvParserTest {

    private static final String FIXED =
            "certificate_no,lab,lot_no,sample_id,sample_role,analysis_date,contract_ref," + "commodity,issue_date";
    private static final String E = ",,,,,,,,";
    private static final String HEADER = FIXED + ",Cu,Hg,H2O";
    private static final String UNIT = "#unit" + E + ",%,ppm,%";
    private static final String BASIS = "#basis" + E + ",DRY,DRY,AS_RECEIVED";
    private static final String METHOD = "#method" + E + ",ISO 10258 electrolytic,CV-AAS,\"ISO 10251, 105C\"";
    private static final String DATES = "#analysis_date" + E + ",2025-10-03,2025-10-04,";
    private static final String LIMIT = "#detection_limit" + E + ",0.01,0.50,0.1";
    private static final String SAMPLE = "KHILAB-CU-2025-0147,KHILAB,FWO-CU-L01,KML-25-0147-01,SELLER,2025-10-02,"
            + "USSM-FWO-2025-CU-001,CU_CONC,2025-10-06";
    private static final Detection WIDE = new Detection(Detection.CSV, Detection.LAB_CSV, "wide");

    private final AssayWideCsvParser parser = new AssayWideCsvParser(REFERENCE);

    private static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private AssayCertificate parse(String csv) {
        return (AssayCertificate)
                parser.parse(csv.getBytes(StandardCharsets.UTF_8), WIDE).get(0).body();
    }

    private Problem problemOf(String csv) {
        try {
            parser.parse(csv.getBytes(StandardCharsets.UTF_8), WIDE);
        } catch (RejectedException e) {
            return e.problem();
        }
        throw new AssertionError("expected the file to be rejected");
    }

    private static void assertProblem(Problem p, ErrorCode code, Integer line, Integer column, String field) {
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.location().line()).isEqualTo(line);
        assertThat(p.location().column()).isEqualTo(column);
        assertThat(p.location().field()).isEqualTo(field);
    }

    private static String good(String values) {
        return csv(HEADER, UNIT, BASIS, METHOD, DATES, LIMIT, SAMPLE + "," + values);
    }

    @Test
    void readsOneResultPerFilledCellLeftToRight() {
        AssayCertificate c = parse(good("24.120,<0.5,8.4"));

        assertThat(c.certificateNo()).isEqualTo("KHILAB-CU-2025-0147");
        assertThat(c.issueDate()).isEqualTo(LocalDate.of(2025, 10, 6));
        assertThat(c.commodity()).isEqualTo("CU_CONC");
        assertThat(c.contractRef()).isEqualTo("USSM-FWO-2025-CU-001");
        assertThat(c.results())
                .containsExactly(
                        new AssayResult(
                                "FWO-CU-L01",
                                "KML-25-0147-01",
                                "SELLER",
                                "Cu",
                                new BigDecimal("24.120"),
                                null,
                                "PCT",
                                "DRY",
                                "ISO 10258 electrolytic",
                                LocalDate.of(2025, 10, 3)),
                        new AssayResult(
                                "FWO-CU-L01",
                                "KML-25-0147-01",
                                "SELLER",
                                "Hg",
                                new BigDecimal("0.5"),
                                "<",
                                "PPM",
                                "DRY",
                                "CV-AAS",
                                LocalDate.of(2025, 10, 4)),
                        new AssayResult(
                                "FWO-CU-L01",
                                "KML-25-0147-01",
                                "SELLER",
                                "H2O",
                                new BigDecimal("8.4"),
                                null,
                                "PCT",
                                "AS_RECEIVED",
                                "ISO 10251, 105C",
                                LocalDate.of(2025, 10, 2)));
    }

    @Test
    void keepsTheScaleAsWritten() {
        AssayCertificate c = parse(good("24.120,1,8.40"));

        assertThat(c.results().get(0).value()).isEqualByComparingTo("24.12").hasToString("24.120");
        assertThat(c.results().get(1).value()).hasToString("1");
        assertThat(c.results().get(2).value()).hasToString("8.40");
    }

    @Test
    void lodCellTakesTheColumnDetectionLimitWithItsScale() {
        AssayResult hg = parse(good("24.12,<LOD,8.4")).results().get(1);

        assertThat(hg.qualifier()).isEqualTo("<");
        assertThat(hg.value()).hasToString("0.50");
    }

    @Test
    void keepsAnUpperLimitQualifier() {
        AssayResult cu = parse(good(">99.9,1,8.4")).results().get(0);

        assertThat(cu.qualifier()).isEqualTo(">");
        assertThat(cu.value()).hasToString("99.9");
    }

    @Test
    void skipsEmptyCellsAsNotAnalysed() {
        assertThat(parse(good("24.12,,8.4")).results())
                .extracting(AssayResult::analyte)
                .containsExactly("Cu", "H2O");
    }

    @Test
    void infersTheCommodityLikeTheLongForm() {
        String header = FIXED + ",TREO";
        String row = "C1,KHILAB,L1,S1,,2025-10-07,,,";
        AssayCertificate c = parse(csv(header, "#unit" + E + ",%", "#basis" + E + ",DRY", row + ",99.2"));

        assertThat(c.commodity()).isEqualTo("NDPR_OXIDE");
        assertThat(c.results().get(0).sampleRole()).isNull();
        assertThat(c.results().get(0).method()).isNull();
        assertThat(c.issueDate()).isNull();
    }

    @Test
    void recognisesOnlyAFileWithAHashRowOnLine2() {
        Detection csv = new Detection(Detection.CSV, null, null);
        assertThat(parser.recognise(csv, csv(HEADER, UNIT))).contains(WIDE);
        assertThat(parser.recognise(csv, csv(HEADER, SAMPLE))).isEmpty();
        assertThat(parser.recognise(csv, csv("lot,#x", UNIT))).isEmpty();
        assertThat(parser.recognise(new Detection(Detection.JSON, null, null), csv(HEADER, UNIT)))
                .isEmpty();
        assertThat(parser.accepts(WIDE)).isTrue();
        assertThat(parser.accepts(new Detection(Detection.CSV, Detection.LAB_CSV, "long")))
                .isFalse();
    }

    @Test
    void rejectsAWrongFixedColumn() {
        assertProblem(
                problemOf(csv(HEADER.replace("sample_role", "role"), UNIT, BASIS, SAMPLE + ",1,1,1")),
                ErrorCode.CSV_HEADER,
                1,
                5,
                "role");
    }

    @Test
    void rejectsAHeaderWithoutAnalyteColumns() {
        assertProblem(problemOf(csv(FIXED, "#unit" + E, SAMPLE)), ErrorCode.CSV_HEADER, 1, 10, null);
    }

    @Test
    void rejectsAnUnknownAnalyteColumn() {
        assertProblem(
                problemOf(csv(FIXED + ",Cu,HG,H2O", UNIT, BASIS, SAMPLE + ",1,1,1")),
                ErrorCode.CSV_ANALYTE,
                1,
                11,
                "HG");
    }

    @Test
    void rejectsAFileWhoseLine2IsNotTheUnitRow() {
        assertProblem(problemOf(csv(HEADER, BASIS, UNIT, SAMPLE + ",1,1,1")), ErrorCode.CSV_HEADER, 2, 1, "#basis");
    }

    @Test
    void rejectsAnUnknownOrRepeatedHeaderRow() {
        assertProblem(
                problemOf(csv(HEADER, UNIT, "#lod" + E + ",1,1,1", BASIS, SAMPLE + ",1,1,1")),
                ErrorCode.CSV_HEADER,
                3,
                1,
                "#lod");
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, UNIT, SAMPLE + ",1,1,1")), ErrorCode.CSV_HEADER, 4, 1, "#unit");
    }

    @Test
    void rejectsAMissingBasisRowWhereTheSampleRowsStart() {
        assertProblem(problemOf(csv(HEADER, UNIT, METHOD, SAMPLE + ",1,1,1")), ErrorCode.CSV_HEADER, 4, null, null);
    }

    @Test
    void rejectsAnUnknownOrMissingUnit() {
        assertProblem(
                problemOf(csv(HEADER, "#unit" + E + ",%,DMT,%", BASIS, SAMPLE + ",1,1,1")),
                ErrorCode.CSV_CODE,
                2,
                11,
                "Hg");
        assertProblem(
                problemOf(csv(HEADER, "#unit" + E + ",%,,%", BASIS, SAMPLE + ",1,1,1")),
                ErrorCode.CSV_REQUIRED,
                2,
                11,
                "Hg");
    }

    @Test
    void rejectsAnUnknownBasis() {
        assertProblem(
                problemOf(csv(HEADER, UNIT, "#basis" + E + ",DRY,DRY,WET", SAMPLE + ",1,1,1")),
                ErrorCode.CSV_CODE,
                3,
                12,
                "H2O");
    }

    @Test
    void rejectsABadDateOrLimitInAHeaderRow() {
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, "#analysis_date" + E + ",2025-13-01,,", SAMPLE + ",1,1,1")),
                ErrorCode.CSV_DATE,
                4,
                10,
                "Cu");
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, "#detection_limit" + E + ",,0.5x,", SAMPLE + ",1,1,1")),
                ErrorCode.CSV_NUMBER,
                4,
                11,
                "Hg");
    }

    @Test
    void rejectsAValueInAFixedColumnOfAHeaderRow() {
        assertProblem(
                problemOf(csv(HEADER, "#unit,,,,,,,CU_CONC,,%,ppm,%", BASIS, SAMPLE + ",1,1,1")),
                ErrorCode.CSV_HEADER,
                2,
                8,
                "commodity");
    }

    @Test
    void rejectsAFileWithoutSampleRows() {
        assertProblem(problemOf(csv(HEADER, UNIT, BASIS)), ErrorCode.CSV_NO_ROWS, 4, null, null);
    }

    @Test
    void rejectsALetterInAValue() {
        assertProblem(problemOf(good("2A.12,1,8.4")), ErrorCode.CSV_NUMBER, 7, 10, "Cu");
        assertProblem(problemOf(good("24,12,1,8.4")), ErrorCode.CSV_COLUMNS, 7, 13, null);
        assertProblem(problemOf(good("-1,1,8.4")), ErrorCode.CSV_NUMBER, 7, 10, "Cu");
    }

    @Test
    void rejectsLodWithoutALimit() {
        assertProblem(problemOf(csv(HEADER, UNIT, BASIS, SAMPLE + ",<LOD,1,1")), ErrorCode.CSV_NUMBER, 4, 10, "Cu");
    }

    @Test
    void rejectsAPlainValueBelowTheDetectionLimit() {
        assertProblem(problemOf(good("24.12,0.4,8.4")), ErrorCode.CSV_CONFLICT, 7, 11, "Hg");
    }

    @Test
    void rejectsARowTooShortOrTooLong() {
        assertProblem(problemOf(good("24.12,1")), ErrorCode.CSV_COLUMNS, 7, 12, "H2O");
        assertProblem(problemOf(good("24.12,1,8.4,")), ErrorCode.CSV_COLUMNS, 7, 13, null);
    }

    @Test
    void rejectsABlankLineBetweenRows() {
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, SAMPLE + ",1,1,1", "", SAMPLE + ",1,1,1")),
                ErrorCode.CSV_COLUMNS,
                5,
                null,
                null);
    }

    @Test
    void rejectsAnUnclosedQuote() {
        assertProblem(problemOf(csv(HEADER, UNIT, BASIS, SAMPLE + ",\"1,1,1")), ErrorCode.CSV_COLUMNS, 4, null, null);
    }

    @Test
    void rejectsAHeaderRowAfterSampleRows() {
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, SAMPLE + ",1,1,1", "#method" + E + ",a,b,c")),
                ErrorCode.CSV_HEADER,
                5,
                1,
                "#method");
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, SAMPLE.replace("FWO-CU-L01", "") + ",1,1,1")),
                ErrorCode.CSV_REQUIRED,
                4,
                3,
                "lot_no");
    }

    @Test
    void rejectsAResultWithoutAnAnalysisDate() {
        String noDate = SAMPLE.replace("2025-10-02", "");
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, DATES, noDate + ",1,1,1")),
                ErrorCode.CSV_REQUIRED,
                5,
                6,
                "analysis_date");
    }

    @Test
    void takesTheColumnDateWhereGivenElseTheRowDate() {
        assertThat(parse(good("24.12,1,8.4")).results())
                .extracting(AssayResult::analysisDate)
                .containsExactly(LocalDate.of(2025, 10, 3), LocalDate.of(2025, 10, 4), LocalDate.of(2025, 10, 2));
    }

    @Test
    void rejectsASampleRowWithoutResults() {
        assertProblem(problemOf(csv(HEADER, UNIT, BASIS, SAMPLE + ",,,")), ErrorCode.CSV_REQUIRED, 4, 10, "Cu");
    }

    @Test
    void rejectsABadCodeOrDate() {
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, SAMPLE.replace("SELLER", "VENDOR") + ",1,1,1")),
                ErrorCode.CSV_CODE,
                4,
                5,
                "sample_role");
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, SAMPLE.replace("2025-10-06", "06/10/2025") + ",1,1,1")),
                ErrorCode.CSV_DATE,
                4,
                9,
                "issue_date");
    }

    @Test
    void rejectsCertificateFieldsThatDifferBetweenRows() {
        String other = SAMPLE.replace("USSM-FWO-2025-CU-001", "USSM-FWO-2025-CU-002");
        assertProblem(
                problemOf(csv(HEADER, UNIT, BASIS, SAMPLE + ",1,1,1", other + ",1,1,1")),
                ErrorCode.CSV_CONFLICT,
                5,
                7,
                "contract_ref");
    }

    @Test
    void groupsRowsIntoCertificatesByNumber() {
        String second = SAMPLE.replace("KHILAB-CU-2025-0147", "KHILAB-CU-2025-0148");
        List<?> messages = parser.parse(
                csv(HEADER, UNIT, BASIS, SAMPLE + ",1,1,1", second + ",2,2,2").getBytes(StandardCharsets.UTF_8), WIDE);
        assertThat(messages).hasSize(2);
    }

    @Test
    void rejectsAnEmptyText() {
        assertThatThrownBy(() -> parser.parse("\n\n".getBytes(StandardCharsets.UTF_8), WIDE))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.CSV_EMPTY));
    }
}
