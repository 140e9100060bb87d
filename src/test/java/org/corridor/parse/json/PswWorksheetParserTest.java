package org.corridor.parse.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Quantity;
import org.corridor.detect.Detection;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

class PswWorksheetParserTest {

    private static final Detection JSON = new Detection(Detection.JSON, null, null);
    private static final Detection SD = new Detection(Detection.JSON, Detection.PSW_SD, "1");
    private static final Path COPPER = Path.of("sample-docs/customs/PSW-SD-FWO-2025-0147.json");

    private final PswWorksheetParser parser = new PswWorksheetParser(REFERENCE);

    private static String copper() throws IOException {
        return Files.readString(COPPER);
    }

    private CustomsDeclaration parse(String json) {
        List<ParsedMessage> messages = parser.parse(json.getBytes(StandardCharsets.UTF_8), SD);
        assertThat(messages).hasSize(1);
        return (CustomsDeclaration) messages.get(0).body();
    }

    private RejectedException refusal(String json) {
        return refusal(json.getBytes(StandardCharsets.UTF_8));
    }

    private RejectedException refusal(byte[] content) {
        try {
            parser.parse(content, SD);
        } catch (RejectedException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void recognisesWorksheetByItsVersionKeyOnly() throws IOException {
        assertThat(parser.recognise(JSON, copper())).contains(SD);
        assertThat(parser.recognise(JSON, "{\"gdNumber\": \"X\", \"statusDate\": \"2025-10-16\"}"))
                .isEmpty();
        assertThat(parser.recognise(new Detection(Detection.CSV, null, null), "\"worksheetVersion\",a"))
                .isEmpty();
        assertThat(parser.accepts(SD)).isTrue();
        assertThat(parser.accepts(new Detection(Detection.JSON, Detection.PSW_STATUS, "1")))
                .isFalse();
    }

    @Test
    void readsCopperWorksheetIntoPakistanExportDeclaration() throws IOException {
        CustomsDeclaration d = parse(copper());
        assertThat(d.jurisdiction()).isEqualTo("PK");
        assertThat(d.direction()).isEqualTo("EXPORT");
        assertThat(d.procedure()).isEqualTo("COMMERCIAL");
        assertThat(d.declarationNo()).isEqualTo("PQEX-SB-0004471-14102025");
        assertThat(d.declarationDate()).hasToString("2025-10-14");
        assertThat(d.portOfLoading()).isEqualTo("PKBQM");
        assertThat(d.portOfDischarge()).isEqualTo("USHOU");
        assertThat(d.incoterm().rule()).isEqualTo("CIF");
        assertThat(d.financialInstrument())
                .isEqualTo(new CustomsDeclaration.FinancialInstrument(
                        "LC", "NBP-LC-EXP-2025-00871", "National Bank of Pakistan", "USD"));
        assertThat(d.containers())
                .extracting(CustomsDeclaration.Container::sealNo)
                .containsExactly("PK4120731", "PK4120748");
    }

    @Test
    void keepsDecimalsExactlyAsWritten() throws IOException {
        CustomsDeclaration.Line line = parse(copper()).lines().get(0);
        assertThat(line.hsCode()).isEqualTo("26030000");
        assertThat(line.quantity()).isEqualTo(new Quantity(new BigDecimal("21.283"), "T", "WET"));
        assertThat(line.grossWeightKg()).isEqualTo(new BigDecimal("21342.00"));
        assertThat(line.netWeightKg()).isEqualTo(new BigDecimal("21283.40"));
        assertThat(line.value()).isEqualTo(new BigDecimal("38412.75"));
    }

    @Test
    void givesPartiesTheirTaxIds() throws IOException {
        CustomsDeclaration d = parse(copper());
        assertThat(d.exporter().ids())
                .containsExactly(new PartyId("NTN", "0786512-4"), new PartyId("STRN", "0700000312459"));
        assertThat(d.consignee().ids()).containsExactly(new PartyId("EIN", "43-1987265"));
        assertThat(d.declarant().ids()).containsExactly(new PartyId("NTN", "4412893-1"));
        assertThat(d.declarant().name()).isEqualTo("Indus Customs Clearing Agency");
    }

    @Test
    void leavesDeclarationNumberAbsentBeforeFiling() throws IOException {
        CustomsDeclaration d = parse(Files.readString(Path.of("sample-docs/customs/PSW-SD-FWO-2025-0161.json")));
        assertThat(d.declarationNo()).isNull();
        assertThat(d.declarationDate()).isNull();
        assertThat(d.procedure()).isEqualTo("SAMPLE");
        assertThat(d.exporter().country()).isEqualTo("PK");
        assertThat(d.lines()).extracting(CustomsDeclaration.Line::hsCode).containsExactly("28469000", "28469000");
    }

    @Test
    void rejectsTruncatedJsonWithLineAndColumn() throws IOException {
        String text = copper();
        RejectedException e = refusal(text.substring(0, text.indexOf("\"containers\"")));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_MALFORMED);
        assertThat(e.problem().location().line()).isEqualTo(59);
        assertThat(e.problem().location().column()).isEqualTo(3);
    }

    @Test
    void rejectsWeightWrittenAsStringWithItsPath() throws IOException {
        RejectedException e = refusal(copper().replace("\"netWeightKg\": 21283.40", "\"netWeightKg\": \"21283.40\""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isEqualTo("$.lines[0].netWeightKg");
        assertThat(e.problem().location().line()).isEqualTo(54);
        assertThat(e.problem().message()).startsWith("$.lines[0].netWeightKg: must be a number");
    }

    @Test
    void rejectsMissingExporterNtnWithItsPath() throws IOException {
        RejectedException e = refusal(copper().replace("    \"ntn\": \"0786512-4\",\n", ""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isEqualTo("$.exporter.ntn");
        assertThat(e.problem().location().line()).isEqualTo(8);
    }

    @Test
    void rejectsEightDigitTariffCodeOnlyWhenMalformed() throws IOException {
        RejectedException e = refusal(copper().replace("\"26030000\"", "\"2603.00\""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isEqualTo("$.lines[0].hsCode");
    }

    @Test
    void rejectsUnknownPortOfLoading() throws IOException {
        RejectedException e = refusal(copper().replace("\"portOfLoading\": \"PKBQM\"", "\"portOfLoading\": \"PKLHE\""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isEqualTo("$.portOfLoading");
        assertThat(e.problem().message()).contains("PKBQM");
    }

    @Test
    void rejectsDeclarationNumberWithoutDate() throws IOException {
        RejectedException e = refusal(copper().replace("  \"gdDate\": \"2025-10-14\",\n", ""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isEqualTo("$.gdDate");
        assertThat(e.problem().message()).isEqualTo("$.gdDate: is missing, but it is required when gdNumber is given.");
    }

    @Test
    void rejectsImpossibleDate() throws IOException {
        RejectedException e = refusal(copper().replace("\"2025-10-14\"", "\"2025-02-30\""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isEqualTo("$.gdDate");
    }

    @Test
    void rejectsDuplicateKeyWithItsPath() throws IOException {
        RejectedException e = refusal(
                copper().replace("  \"currency\": \"USD\",\n", "  \"currency\": \"USD\",\n  \"currency\": \"PKR\",\n"));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_DUPLICATE_KEY);
        assertThat(e.problem().location().field()).isEqualTo("$.currency");
        assertThat(e.problem().location().line()).isEqualTo(34);
    }

    @Test
    void rejectsInvalidUtf8WithItsLine() throws IOException {
        byte[] latin1 = copper().replace("Missouri, United States", "Missouri, \u00c9tats-Unis")
                .getBytes(StandardCharsets.ISO_8859_1);
        RejectedException e = refusal(latin1);
        assertThat(e.problem().code()).isEqualTo(ErrorCode.BAD_ENCODING);
        assertThat(e.problem().location().line()).isEqualTo(19);
        assertThat(e.problem().location().column()).isEqualTo(27);
    }

    @Test
    void rejectsCurrencyOutsideIso4217() throws IOException {
        RejectedException e = refusal(copper().replace(
                        "  \"currency\": \"USD\",\n  \"totalValue\"", "  \"currency\": \"USX\",\n  \"totalValue\"")
                .replace("\"currency\": \"USD\"\n", "\"currency\": \"USX\"\n"));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_CURRENCY);
        assertThat(e.problem().location().field()).isEqualTo("$.currency");
    }

    @Test
    void rejectsInvoiceInAnotherCurrencyThanTheInstrument() throws IOException {
        RejectedException e = refusal(copper().replace("\"currency\": \"USD\"\n", "\"currency\": \"EUR\"\n"));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_CURRENCY);
        assertThat(e.problem().location().field()).isEqualTo("$.financialInstrument.currency");
    }

    @Test
    void rejectsTotalThatIsNotTheSumOfLines() throws IOException {
        RejectedException e = refusal(copper().replace("\"totalValue\": 38412.75", "\"totalValue\": 38412.77"));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_TOTALS);
        assertThat(e.problem().location().field()).isEqualTo("$.totalValue");
        assertThat(e.problem().location().line()).isEqualTo(34);
    }

    @Test
    void acceptsTotalWithinOneCent() throws IOException {
        assertThat(parse(copper().replace("\"totalValue\": 38412.75", "\"totalValue\": 38412.76"))
                        .totalValue())
                .isEqualTo(new BigDecimal("38412.76"));
    }

    @Test
    void rejectsNetWeightAboveGross() throws IOException {
        RejectedException e = refusal(copper().replace("\"netWeightKg\": 21283.40", "\"netWeightKg\": 21342.01"));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_WEIGHTS);
        assertThat(e.problem().location().field()).isEqualTo("$.lines[0].netWeightKg");
        assertThat(e.problem().location().line()).isEqualTo(54);
    }

    @Test
    void rejectsContainerWithWrongCheckDigit() throws IOException {
        RejectedException e = refusal(copper().replace("MSKU6039155", "MSKU6039156"));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.CONTAINER_CHECK_DIGIT);
        assertThat(e.problem().location().field()).isEqualTo("$.containers[1].containerNo");
    }

    @Test
    void refusesAWorksheetNestedAHundredThousandLevelsDeepWhereTheNestingGoesTooDeep() throws IOException {
        String deep = copper().replaceFirst("\\{", "{\"deep\": " + "[".repeat(100_000) + "]".repeat(100_000) + ",");

        // before: an unexpected exception from the parser (and a stack the schema validator would have overflowed)
        RejectedException e = refusal(deep);

        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_LIMIT);
        assertThat(e.problem().location().line()).isEqualTo(1);
        assertThat(e.problem().location().column())
                .isBetween(9 + JsonMessageReader.MAX_DEPTH - 2, 11 + JsonMessageReader.MAX_DEPTH);
        assertThat(e.problem().message()).contains("nested more than 64 levels deep");
    }

    @Test
    void refusesANumberOfFiveThousandDigitsWhereItStands() throws IOException {
        RejectedException e = refusal(copper().replace("\"lineNo\": 1", "\"lineNo\": 1" + "0".repeat(5000)));

        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_LIMIT);
        assertThat(e.problem().location().line()).isNotNull();
        assertThat(e.problem().message()).contains("A number here is longer than any value");
    }

    @Test
    void refusesAWholeNumberTheSchemaAdmitsButNoLineNumberCanBe() throws IOException {
        // before: "Worksheet accepted by the schema but not bindable" (an IllegalStateException, INTERNAL)
        RejectedException e = refusal(copper().replace("\"lineNo\": 1", "\"lineNo\": " + "9".repeat(40)));

        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_LIMIT);
        assertThat(e.problem().location().field()).isEqualTo("$.lines[0].lineNo");
        assertThat(e.problem().location().line()).isNotNull();
    }

    @Test
    void refusesNumbersWhoseExponentNoSumCouldHold() throws IOException {
        // before: ArithmeticException ("BigInteger would overflow") adding the total up, NumberFormatException reading
        for (String huge : new String[] {"1e999999999", "1e-999999999", "1e-2147483648"}) {
            RejectedException e = refusal(copper().replace("\"totalValue\": 38412.75", "\"totalValue\": " + huge));

            assertThat(e.problem().code()).as(huge).isEqualTo(ErrorCode.JSON_LIMIT);
            assertThat(e.problem().location().field()).isEqualTo("$.totalValue");
            assertThat(e.problem().location().line()).isNotNull();
        }
    }
}
