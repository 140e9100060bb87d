package org.corridor.parse.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.Party;
import org.corridor.detect.ContentDetector;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AssayCsvParserTest {

    private static final String HEADER_12 = "certificate_no,lab,lot_no,sample_id,sample_role,analyte,value,qualifier,"
            + "unit,basis,method,analysis_date";
    private static final String HEADER_15 = HEADER_12 + ",contract_ref,commodity,issue_date";
    private static final String CERT = "KHILAB-CU-2025-0147";

    private static CamelContext camelContext;
    private static AssayCsvParser parser;

    @BeforeAll
    static void startParser() {
        camelContext = new DefaultCamelContext();
        parser = new AssayCsvParser(camelContext, REFERENCE);
    }

    @AfterAll
    static void stopCamel() {
        camelContext.stop();
    }

    /** A 12-column data row of certificate {@link #CERT} with the given analyte, value, qualifier and unit. */
    private static String row(String analyte, String value, String qualifier, String unit) {
        return rowOf(CERT, "KHILAB", analyte, value, qualifier, unit, "DRY");
    }

    private static String rowOf(
            String certificateNo,
            String lab,
            String analyte,
            String value,
            String qualifier,
            String unit,
            String basis) {
        return String.join(
                ",",
                certificateNo,
                lab,
                "FWO-CU-L01",
                "KML-25-0147-01",
                "SELLER",
                analyte,
                value,
                qualifier,
                unit,
                basis,
                "ICP-OES",
                "2025-10-04");
    }

    private static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static List<ParsedMessage> parse(byte[] bytes) {
        return parser.parse(bytes, new ContentDetector().detect(bytes));
    }

    private static List<ParsedMessage> parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static AssayCertificate certificate(String text) {
        List<ParsedMessage> messages = parse(text);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).body()).isInstanceOf(AssayCertificate.class);
        return (AssayCertificate) messages.get(0).body();
    }

    private static AssayResult onlyResult(String text) {
        List<AssayResult> results = certificate(text).results();
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static void assertRejected(String text, ErrorCode code, int line, Integer column, String field) {
        assertRejected(text.getBytes(StandardCharsets.UTF_8), code, line, column, field);
    }

    private static void assertRejected(byte[] bytes, ErrorCode code, int line, Integer column, String field) {
        assertThatThrownBy(() -> parse(bytes)).isInstanceOfSatisfying(RejectedException.class, e -> {
            Problem problem = e.problem();
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.location().line()).isEqualTo(line);
            assertThat(problem.location().column()).isEqualTo(column);
            assertThat(problem.location().field()).isEqualTo(field);
            assertThat(problem.message()).isNotBlank();
        });
    }

    // --- values and detection limits ---

    @Test
    void rejectsQuotedFieldThatRunsOverALineBreak() {
        // a method written across two lines in a spreadsheet cell: the long form keeps one result per line
        String broken = row("Cu", "24.12", "", "%").replace("ICP-OES", "\"ICP-OES\nafter aqua regia digestion\"");
        assertRejected(csv(HEADER_12, broken), ErrorCode.CSV_COLUMNS, 2, null, null);
    }

    @Test
    void keepsTrailingZerosOfDecimalValues() {
        AssayResult cu = onlyResult(csv(HEADER_12, row("Cu", "24.120", "", "%")));

        assertThat(cu.value()).isEqualTo(new BigDecimal("24.120"));
        assertThat(cu.value().toPlainString()).isEqualTo("24.120");
        assertThat(cu.value().scale()).isEqualTo(3);
    }

    @Test
    void keepsSmallDecimalValuesExactly() {
        AssayResult as = onlyResult(csv(HEADER_12, row("As", "0.05", "", "%")));

        assertThat(as.value()).isEqualTo(new BigDecimal("0.05"));
        assertThat(as.value().toPlainString()).isEqualTo("0.05");
    }

    @Test
    void keepsIntegerValuesWithoutInventingDecimals() {
        AssayResult sb = onlyResult(csv(HEADER_12, row("Sb", "1250", "", "ppm")));

        assertThat(sb.value().toPlainString()).isEqualTo("1250");
    }

    @Test
    void readsDetectionLimitWrittenInValueColumn() {
        AssayResult hg = onlyResult(csv(HEADER_12, row("Hg", "<0.5", "", "ppm")));

        assertThat(hg.value()).isEqualTo(new BigDecimal("0.5"));
        assertThat(hg.qualifier()).isEqualTo("<");
    }

    @Test
    void readsDetectionLimitWrittenInQualifierColumn() {
        AssayResult hg = onlyResult(csv(HEADER_12, row("Hg", "0.5", "<", "ppm")));

        assertThat(hg.value()).isEqualTo(new BigDecimal("0.5"));
        assertThat(hg.qualifier()).isEqualTo("<");
    }

    @Test
    void acceptsTheSameQualifierInValueAndQualifierColumn() {
        AssayResult hg = onlyResult(csv(HEADER_12, row("Hg", "<0.5", "<", "ppm")));

        assertThat(hg.value()).isEqualTo(new BigDecimal("0.5"));
        assertThat(hg.qualifier()).isEqualTo("<");
    }

    @Test
    void readsUpperLimitQualifier() {
        AssayResult sb = onlyResult(csv(HEADER_12, row("Sb", ">99.9", "", "%")));

        assertThat(sb.value()).isEqualTo(new BigDecimal("99.9"));
        assertThat(sb.qualifier()).isEqualTo(">");
    }

    @Test
    void leavesQualifierAbsentForAPlainValue() {
        assertThat(onlyResult(csv(HEADER_12, row("Cu", "24.12", "", "%"))).qualifier())
                .isNull();
    }

    @Test
    void rejectsLessThanInValueContradictedByGreaterThanInQualifierColumn() {
        assertRejected(
                csv(HEADER_12, row("Cu", "24.12", "", "%"), row("Hg", "<0.5", ">", "ppm")),
                ErrorCode.CSV_CONFLICT,
                3,
                8,
                "qualifier");
    }

    @Test
    void rejectsGreaterThanInValueContradictedByLessThanInQualifierColumn() {
        assertRejected(csv(HEADER_12, row("Sb", ">99.9", "<", "%")), ErrorCode.CSV_CONFLICT, 2, 8, "qualifier");
    }

    @Test
    void rejectsQualifierOtherThanLessOrGreaterThan() {
        assertRejected(csv(HEADER_12, row("Hg", "0.5", "~", "ppm")), ErrorCode.CSV_CODE, 2, 8, "qualifier");
    }

    @Test
    void rejectsLetterInValueWithLineAndColumn() {
        assertRejected(
                csv(HEADER_12, row("Cu", "24.12", "", "%"), row("Au", "3.45", "", "g/t"), row("Cu", "2O.45", "", "%")),
                ErrorCode.CSV_NUMBER,
                4,
                7,
                "value");
    }

    @Test
    void rejectsAValueOfMoreDigitsThanAnyResultHas() {
        // 16 digits before the point: no grade or weight has them, and thousands of digits could not be stored
        assertRejected(csv(HEADER_12, row("Cu", "1234567890123456", "", "%")), ErrorCode.CSV_NUMBER, 2, 7, "value");
        assertRejected(csv(HEADER_12, row("Cu", "0." + "1".repeat(16), "", "%")), ErrorCode.CSV_NUMBER, 2, 7, "value");
    }

    @Test
    void rejectsDecimalCommaInQuotedValue() {
        assertRejected(csv(HEADER_12, row("Cu", "\"24,12\"", "", "%")), ErrorCode.CSV_NUMBER, 2, 7, "value");
    }

    @Test
    void rejectsNegativeValue() {
        assertRejected(csv(HEADER_12, row("Cu", "-1.5", "", "%")), ErrorCode.CSV_NUMBER, 2, 7, "value");
    }

    @Test
    void rejectsEmptyValueAsRequired() {
        assertRejected(csv(HEADER_12, row("Cu", "", "", "%")), ErrorCode.CSV_REQUIRED, 2, 7, "value");
    }

    // --- units and basis ---

    @Test
    void mapsWrittenUnitsToCanonicalCodes() {
        AssayCertificate certificate = certificate(csv(
                HEADER_12,
                row("Cu", "24.12", "", "%"),
                row("Au", "3.45", "", "g/t"),
                row("Bi", "85", "", "ppm"),
                row("ThO2", "0.4", "", "Bq/g")));

        assertThat(certificate.results())
                .extracting(AssayResult::unit)
                .containsExactly("PCT", "G_PER_T", "PPM", "BQ_PER_G");
    }

    @Test
    void mapsUnitsIgnoringCase() {
        AssayCertificate certificate = certificate(csv(
                HEADER_12,
                row("Cu", "24.12", "", "pct"),
                row("Au", "3.45", "", "G/T"),
                row("Bi", "85", "", "PPM"),
                row("Cd", "38", "", "Ppm")));

        assertThat(certificate.results()).extracting(AssayResult::unit).containsExactly("PCT", "G_PER_T", "PPM", "PPM");
    }

    @Test
    void rejectsDmtAsUnitAndExplainsItMeansDecimetre() {
        String text = csv(HEADER_12, row("Cu", "24.12", "", "%"), row("Cu", "20.45", "", "DMT"));

        assertRejected(text, ErrorCode.CSV_CODE, 3, 9, "unit");
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().message())
                                .contains("\"DMT\"")
                                .contains("decimetre"));
    }

    @Test
    void rejectsUnknownUnitWithoutDecimetreHint() {
        String text = csv(HEADER_12, row("Cu", "24.12", "", "oz/t"));

        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.CSV_CODE);
            assertThat(e.problem().location().column()).isEqualTo(9);
            assertThat(e.problem().message()).contains("\"oz/t\"").doesNotContain("decimetre");
        });
    }

    @Test
    void readsBasisAsReceivedWrittenInWords() {
        AssayResult h2o = onlyResult(csv(HEADER_12, rowOf(CERT, "KHILAB", "H2O", "8.4", "", "%", "as received")));

        assertThat(h2o.basis()).isEqualTo("AS_RECEIVED");
    }

    @Test
    void readsBasisIgnoringCase() {
        AssayCertificate certificate = certificate(csv(
                HEADER_12,
                rowOf(CERT, "KHILAB", "Cu", "24.12", "", "%", "dry"),
                rowOf(CERT, "KHILAB", "H2O", "8.4", "", "%", "As_Received")));

        assertThat(certificate.results()).extracting(AssayResult::basis).containsExactly("DRY", "AS_RECEIVED");
    }

    @Test
    void rejectsWetAsBasis() {
        assertRejected(
                csv(HEADER_12, rowOf(CERT, "KHILAB", "H2O", "8.4", "", "%", "WET")),
                ErrorCode.CSV_CODE,
                2,
                10,
                "basis");
    }

    // --- commodity ---

    @Test
    void infersNdprOxideFromTreo() {
        AssayCertificate certificate =
                certificate(csv(HEADER_12, row("TREO", "99.2", "", "%"), row("Nd2O3/TREO", "75.1", "", "%")));

        assertThat(certificate.commodity()).isEqualTo("NDPR_OXIDE");
    }

    @Test
    void infersAntimonyIngotFromHighGradeSbEvenWithCopperImpurity() {
        AssayCertificate certificate = certificate(
                csv(HEADER_12, row("Sb", "99.7", "", "%"), row("Cu", "120", "", "ppm"), row("As", "0.042", "", "%")));

        assertThat(certificate.commodity()).isEqualTo("SB_INGOT");
    }

    @Test
    void infersCopperConcentrateFromCu() {
        AssayCertificate certificate =
                certificate(csv(HEADER_12, row("Cu", "24.12", "", "%"), row("Au", "3.45", "", "g/t")));

        assertThat(certificate.commodity()).isEqualTo("CU_CONC");
    }

    @Test
    void doesNotTakeAntimonyInPpmForIngotGrade() {
        AssayCertificate certificate =
                certificate(csv(HEADER_12, row("Cu", "24.12", "", "%"), row("Sb", "420", "", "ppm")));

        assertThat(certificate.commodity()).isEqualTo("CU_CONC");
    }

    @Test
    void infersAntimonyConcentrateFromLowGradeSb() {
        AssayCertificate certificate =
                certificate(csv(HEADER_12, row("Sb", "58", "", "%"), row("As", "0.24", "", "%")));

        assertThat(certificate.commodity()).isEqualTo("SB_CONC");
    }

    @Test
    void infersOtherWhenNeitherTreoNorCuNorSbIsReported() {
        AssayCertificate certificate =
                certificate(csv(HEADER_12, row("Fe", "61.5", "", "%"), row("SiO2", "4.2", "", "%")));

        assertThat(certificate.commodity()).isEqualTo("OTHER");
    }

    @Test
    void takesContractRefCommodityAndIssueDateFromFifteenColumnHeader() {
        String line = row("TREO", "91.0", "", "%") + ",USSM-FWO-2025-RE-003,REE_CONC,2025-10-09";

        AssayCertificate certificate = certificate(csv(HEADER_15, line, line));

        assertThat(certificate.contractRef()).isEqualTo("USSM-FWO-2025-RE-003");
        assertThat(certificate.commodity())
                .as("sent commodity wins over inference")
                .isEqualTo("REE_CONC");
        assertThat(certificate.issueDate()).isEqualTo(LocalDate.of(2025, 10, 9));
    }

    @Test
    void infersCommodityWhenFifteenColumnRowsLeaveOptionalColumnsEmpty() {
        AssayCertificate certificate = certificate(csv(HEADER_15, row("Cu", "24.12", "", "%") + ",,,"));

        assertThat(certificate.contractRef()).isNull();
        assertThat(certificate.issueDate()).isNull();
        assertThat(certificate.commodity()).isEqualTo("CU_CONC");
    }

    @Test
    void rejectsUnknownCommodityCode() {
        assertRejected(
                csv(HEADER_15, row("Cu", "24.12", "", "%") + ",C-1,COPPER,2025-10-06"),
                ErrorCode.CSV_CODE,
                2,
                14,
                "commodity");
    }

    @Test
    void rejectsInvalidIssueDate() {
        assertRejected(
                csv(HEADER_15, row("Cu", "24.12", "", "%") + ",C-1,CU_CONC,2025-02-30"),
                ErrorCode.CSV_DATE,
                2,
                15,
                "issue_date");
    }

    // --- certificates and rows ---

    @Test
    void splitsTwoCertificatesIntoTwoMessagesInFirstSeenOrder() {
        List<ParsedMessage> messages = parse(csv(
                HEADER_12,
                rowOf("CERT-B", "KHILAB", "Cu", "24.12", "", "%", "DRY"),
                rowOf("CERT-A", "KHILAB", "Sb", "58.6", "", "%", "DRY"),
                rowOf("CERT-B", "KHILAB", "Au", "3.45", "", "g/t", "DRY")));

        assertThat(messages).hasSize(2);
        AssayCertificate first = (AssayCertificate) messages.get(0).body();
        AssayCertificate second = (AssayCertificate) messages.get(1).body();
        assertThat(first.certificateNo()).isEqualTo("CERT-B");
        assertThat(first.results()).extracting(AssayResult::analyte).containsExactly("Cu", "Au");
        assertThat(first.commodity()).isEqualTo("CU_CONC");
        assertThat(second.certificateNo()).isEqualTo("CERT-A");
        assertThat(second.results()).extracting(AssayResult::analyte).containsExactly("Sb");
        assertThat(second.commodity()).isEqualTo("SB_CONC");
    }

    @Test
    void rejectsLabThatDiffersBetweenRowsOfOneCertificate() {
        assertRejected(
                csv(
                        HEADER_12,
                        rowOf(CERT, "KHILAB", "Cu", "24.12", "", "%", "DRY"),
                        rowOf(CERT, "KHILAB", "Au", "3.45", "", "g/t", "DRY"),
                        rowOf(CERT, "OTHERLAB", "Ag", "61.8", "", "g/t", "DRY")),
                ErrorCode.CSV_CONFLICT,
                4,
                2,
                "lab");
    }

    @Test
    void allowsDifferentLabsOnDifferentCertificates() {
        List<ParsedMessage> messages = parse(csv(
                HEADER_12,
                rowOf("CERT-A", "KHILAB", "Cu", "24.12", "", "%", "DRY"),
                rowOf("CERT-B", "OTHERLAB", "Cu", "23.87", "", "%", "DRY")));

        assertThat(messages)
                .extracting(m -> ((AssayCertificate) m.body()).lab().name())
                .containsExactly("KHILAB", "OTHERLAB");
    }

    @Test
    void rejectsContractRefThatDiffersBetweenRowsOfOneCertificate() {
        assertRejected(
                csv(
                        HEADER_15,
                        row("Cu", "24.12", "", "%") + ",C-1,CU_CONC,2025-10-06",
                        row("Au", "3.45", "", "g/t") + ",C-2,CU_CONC,2025-10-06"),
                ErrorCode.CSV_CONFLICT,
                3,
                13,
                "contract_ref");
    }

    @Test
    void keepsLabAsWrittenWithoutResolvingIt() {
        AssayCertificate certificate = certificate(
                csv(HEADER_12, rowOf(CERT, "Karachi Minerals Testing Laboratory", "Cu", "24.12", "", "%", "DRY")));

        assertThat(certificate.lab()).isEqualTo(Party.named("Karachi Minerals Testing Laboratory"));
    }

    @Test
    void mapsEveryColumnOfARowAndKeepsSourceOrder() {
        AssayCertificate certificate = certificate(csv(
                HEADER_12,
                "C-9,KHILAB,LOT-2,S-2,buyer,Zn,1.28,,%,DRY,ICP-OES,2025-10-04",
                "C-9,KHILAB,LOT-1,S-1,,Cu,24.12,,%,DRY,,2025-10-03"));

        assertThat(certificate.certificateNo()).isEqualTo("C-9");
        assertThat(certificate.results())
                .containsExactly(
                        new AssayResult(
                                "LOT-2",
                                "S-2",
                                "BUYER",
                                "Zn",
                                new BigDecimal("1.28"),
                                null,
                                "PCT",
                                "DRY",
                                "ICP-OES",
                                LocalDate.of(2025, 10, 4)),
                        new AssayResult(
                                "LOT-1",
                                "S-1",
                                null,
                                "Cu",
                                new BigDecimal("24.12"),
                                null,
                                "PCT",
                                "DRY",
                                null,
                                LocalDate.of(2025, 10, 3)));
    }

    @Test
    void keepsQuotedMethodContainingCommaWhole() {
        AssayResult ag = onlyResult(csv(
                HEADER_12,
                String.join(
                        ",",
                        CERT,
                        "KHILAB",
                        "FWO-CU-L01",
                        "KML-25-0147-01",
                        "SELLER",
                        "Ag",
                        "61.8",
                        "",
                        "g/t",
                        "DRY",
                        "\"ISO 10378 fire assay, gravimetric\"",
                        "2025-10-03")));

        assertThat(ag.method()).isEqualTo("ISO 10378 fire assay, gravimetric");
        assertThat(ag.analysisDate()).isEqualTo(LocalDate.of(2025, 10, 3));
    }

    // --- file shape ---

    @Test
    void rejectsBlankLineBetweenRowsAtThatLine() {
        assertRejected(
                csv(HEADER_12, row("Cu", "24.12", "", "%"), "", row("Au", "3.45", "", "g/t")),
                ErrorCode.CSV_COLUMNS,
                3,
                null,
                null);
    }

    @Test
    void toleratesBlankLinesAfterTheLastRow() {
        AssayCertificate certificate = certificate(csv(HEADER_12, row("Cu", "24.12", "", "%"), "", "  "));

        assertThat(certificate.results()).hasSize(1);
    }

    @Test
    void rejectsRowWithTooManyFieldsAtItsLine() {
        assertRejected(
                csv(HEADER_12, row("Cu", "24.12", "", "%"), row("Au", "3.45", "", "g/t") + ",extra"),
                ErrorCode.CSV_COLUMNS,
                3,
                null,
                null);
    }

    @Test
    void rejectsRowWithTooFewFieldsAtItsLine() {
        assertRejected(
                csv(
                        HEADER_12,
                        row("Cu", "24.12", "", "%"),
                        row("Au", "3.45", "", "g/t"),
                        "KHILAB-CU-2025-0147,KHILAB,FWO-CU-L01,KML-25-0147-01,SELLER,Ag,61.8,,g/t,DRY,FA-AAS"),
                ErrorCode.CSV_COLUMNS,
                4,
                null,
                null);
    }

    @Test
    void rejectsTwelveFieldRowUnderFifteenColumnHeader() {
        assertRejected(csv(HEADER_15, row("Cu", "24.12", "", "%")), ErrorCode.CSV_COLUMNS, 2, null, null);
    }

    @Test
    void readsFileWithByteOrderMarkAndCrlfLineEndings() {
        String text = "\uFEFF" + HEADER_12 + "\r\n" + row("Cu", "24.12", "", "%") + "\r\n" + row("H2O", "8.4", "", "%")
                + "\r\n";

        AssayCertificate certificate = certificate(text);

        assertThat(certificate.certificateNo()).isEqualTo(CERT);
        assertThat(certificate.results()).extracting(AssayResult::analyte).containsExactly("Cu", "H2O");
        assertThat(certificate.results()).extracting(AssayResult::analysisDate).containsOnly(LocalDate.of(2025, 10, 4));
    }

    @Test
    void readsUpperCaseHeader() {
        AssayCertificate certificate = certificate(csv(HEADER_12.toUpperCase(), row("Cu", "24.12", "", "%")));

        assertThat(certificate.results()).hasSize(1);
    }

    @Test
    void rejectsInvalidUtf8AtTheLineOfTheBadByte() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(csv(HEADER_12, row("Cu", "24.12", "", "%")).getBytes(StandardCharsets.UTF_8));
        // "Laboratoire d'essai" with a Latin-1 e-acute, as a legacy spreadsheet export writes it
        bytes.writeBytes(rowOf(CERT, "Laboratoire d'essai", "Au", "3.45", "", "g/t", "DRY")
                .replace("d'essai", "d'\u00e9ssai")
                .getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));

        assertRejected(bytes.toByteArray(), ErrorCode.BAD_ENCODING, 3, null, null);
    }

    @Test
    void rejectsHeaderWithoutRowsAtLineTwo() {
        assertRejected(csv(HEADER_12), ErrorCode.CSV_NO_ROWS, 2, null, null);
    }

    @Test
    void rejectsWrongHeaderColumnNamingIt() {
        assertRejected(
                csv(HEADER_12.replace(",lab,", ",laboratory,"), row("Cu", "24.12", "", "%")),
                ErrorCode.CSV_HEADER,
                1,
                2,
                "laboratory");
    }

    @Test
    void rejectsHeaderWithOnlySomeOptionalColumns() {
        assertRejected(
                csv(HEADER_12 + ",contract_ref", row("Cu", "24.12", "", "%") + ",C-1"),
                ErrorCode.CSV_HEADER,
                1,
                14,
                null);
    }

    @Test
    void rejectsUnknownAnalyte() {
        assertRejected(csv(HEADER_12, row("Copper", "24.12", "", "%")), ErrorCode.CSV_ANALYTE, 2, 6, "analyte");
    }

    @Test
    void rejectsAnalyteInWrongCase() {
        assertRejected(csv(HEADER_12, row("CU", "24.12", "", "%")), ErrorCode.CSV_ANALYTE, 2, 6, "analyte");
    }

    @Test
    void acceptsRatioOfTwoKnownAnalytes() {
        AssayResult ratio = onlyResult(csv(HEADER_12, row("Nd2O3/TREO", "75.1", "", "%")));

        assertThat(ratio.analyte()).isEqualTo("Nd2O3/TREO");
    }

    @Test
    void rejectsRatioWithUnknownPart() {
        assertRejected(csv(HEADER_12, row("Nd2O3/TOTAL", "75.1", "", "%")), ErrorCode.CSV_ANALYTE, 2, 6, "analyte");
    }

    @Test
    void acceptsCertificateNumberOfThirtyFiveCharacters() {
        String certificateNo = "C".repeat(35);

        AssayCertificate certificate =
                certificate(csv(HEADER_12, rowOf(certificateNo, "KHILAB", "Cu", "24.12", "", "%", "DRY")));

        assertThat(certificate.certificateNo()).isEqualTo(certificateNo);
    }

    @Test
    void rejectsCertificateNumberOfThirtySixCharacters() {
        assertRejected(
                csv(HEADER_12, rowOf("C".repeat(36), "KHILAB", "Cu", "24.12", "", "%", "DRY")),
                ErrorCode.CSV_TOO_LONG,
                2,
                1,
                "certificate_no");
    }

    @Test
    void rejectsMissingLotNumberNamingTheColumn() {
        assertRejected(
                csv(
                        HEADER_12,
                        row("Cu", "24.12", "", "%"),
                        "KHILAB-CU-2025-0147,KHILAB,,KML-25-0147-01,SELLER,Au,2.98,,g/t,DRY,FA-AAS,2025-10-14"),
                ErrorCode.CSV_REQUIRED,
                3,
                3,
                "lot_no");
    }

    @Test
    void rejectsImpossibleAnalysisDate() {
        assertRejected(
                csv(
                        HEADER_12,
                        "KHILAB-CU-2025-0147,KHILAB,FWO-CU-L01,KML-25-0147-01,SELLER,Cu,24.12,,%,DRY,FA-AAS,2025-13-02"),
                ErrorCode.CSV_DATE,
                2,
                12,
                "analysis_date");
    }
}
