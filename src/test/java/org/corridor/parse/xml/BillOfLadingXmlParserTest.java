package org.corridor.parse.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.Vessel;
import org.corridor.detect.Detection;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BillOfLadingXmlParserTest {

    private static final Path SHIPPING = Path.of("sample-docs/shipping");
    private static final Detection EBL = new Detection(Detection.XML, BillOfLadingXmlParser.MESSAGE_TYPE, "1");

    private final BillOfLadingXmlParser parser = new BillOfLadingXmlParser();

    private static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(SHIPPING.resolve(name));
    }

    private ShippingDocument parseSample(String name) throws IOException {
        List<ParsedMessage> messages = parser.parse(sample(name), EBL);
        assertThat(messages).hasSize(1);
        return (ShippingDocument) messages.get(0).body();
    }

    private RejectedException refusal(byte[] content) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> parser.parse(content, EBL));
        assertThat(thrown).isInstanceOf(RejectedException.class);
        return (RejectedException) thrown;
    }

    private static void assertProblem(RejectedException e, ErrorCode code, Integer line, Integer column, String field) {
        assertThat(e.problem().code()).isEqualTo(code);
        Location at = e.problem().location();
        assertThat(at.line()).as("line").isEqualTo(line);
        assertThat(at.column()).as("column").isEqualTo(column);
        assertThat(at.field()).as("field").isEqualTo(field);
    }

    @Test
    void recognisesTheTransportDocumentRootWithOrWithoutPrefix() {
        Detection xml = new Detection(Detection.XML, null, null);
        assertThat(parser.recognise(
                        xml, "<?xml version=\"1.0\"?>\n<TransportDocument xmlns=\"urn:corridor:oceancar:ebl:1\">"))
                .contains(EBL);
        assertThat(parser.recognise(
                        xml, "<!-- export --><ebl:TransportDocument xmlns:ebl=\"urn:corridor:oceancar:ebl:1\">"))
                .contains(EBL);
        assertThat(parser.recognise(xml, "<?xml version=\"1.0\"?><Invoice/>")).isEmpty();
        assertThat(parser.recognise(new Detection(Detection.JSON, null, null), "{\"TransportDocument\":1}"))
                .isEmpty();
        assertThat(parser.accepts(EBL)).isTrue();
        assertThat(parser.version(EBL)).isEqualTo("1");
    }

    @Test
    void readsTheCopperBillOfLadingWithEnvelopeFacts() throws IOException {
        ParsedMessage message =
                parser.parse(sample("ASOC-BL-2025-0147.xml"), EBL).get(0);

        assertThat(message.kind()).isEqualTo(DocumentKind.BILL_OF_LADING);
        assertThat(message.sender()).isEqualTo("OCEANCAR");
        assertThat(message.receiver()).isEqualTo("USSMUS");
        assertThat(message.messageRef()).isEqualTo("ASOC-EBL-0000147");
        ShippingDocument bl = (ShippingDocument) message.body();
        assertThat(bl.documentNo()).isEqualTo("ASOC-BL-2025-0147");
        assertThat(bl.blNo()).isEqualTo("ASOC-BL-2025-0147");
        assertThat(bl.bookingNo()).isEqualTo("ASOC-BKG-2025-0388");
        assertThat(bl.vessel()).isEqualTo(new Vessel("ASOC KARAKORAM", "9391452", "041W"));
        assertThat(bl.portOfLoading()).isEqualTo("PKBQM");
        assertThat(bl.portOfDischarge()).isEqualTo("USHOU");
        assertThat(bl.placeOfDelivery()).isEqualTo("USSTL");
        assertThat(bl.shippedOnBoardDate()).hasToString("2025-10-12");
        assertThat(bl.freightTerms()).isEqualTo("PREPAID");
    }

    @Test
    void mapsPartiesWithTheirFunctionsAndIds() throws IOException {
        ShippingDocument bl = parseSample("ASOC-BL-2025-0147.xml");

        assertThat(bl.shipper())
                .isEqualTo(new Party(
                        "Frontier Works Organisation",
                        "PK",
                        List.of(new PartyId("EDI", "FWOPK"), new PartyId("NTN", "0786512-4"))));
        assertThat(bl.consignee())
                .isEqualTo(new Party(
                        "US Strategic Metals",
                        "US",
                        List.of(new PartyId("EDI", "USSMUS"), new PartyId("EIN", "43-1987265"))));
        assertThat(bl.notifyParty())
                .isEqualTo(new Party("US Strategic Metals", "US", List.of(new PartyId("EDI", "USSMUS"))));
        assertThat(bl.carrier())
                .isEqualTo(new Party(
                        "Arabian Sea Ocean Carrier",
                        "PK",
                        List.of(new PartyId("SCAC", "ASOC"), new PartyId("EDI", "OCEANCAR"))));
    }

    @Test
    void addsCargoItemsIntoOneGoodsLineWithExactDecimalsThatReconcileWithThePackingList() throws IOException {
        ShippingDocument bl = parseSample("ASOC-BL-2025-0147.xml");

        assertThat(bl.goods()).hasSize(1);
        ShippingDocument.Goods goods = bl.goods().get(0);
        assertThat(goods.lineNo()).isEqualTo(1);
        assertThat(goods.hsCode()).isEqualTo("260300");
        assertThat(goods.packageCount()).isEqualTo(14);
        assertThat(goods.packageKind()).isEqualTo("JB");
        // equals, not compareTo: the scale as written is part of the contract (21342.00 stays 21342.00)
        assertThat(goods.grossWeightKg()).isEqualTo(new BigDecimal("21342.00"));
        assertThat(goods.netWeightKg()).isEqualTo(new BigDecimal("21283.40"));
        assertThat(goods.lotNos()).containsExactly("FWO-CU-L01", "FWO-CU-L02");
    }

    @Test
    void mapsEquipmentWithSizeTypeSealsAndVerifiedGrossMass() throws IOException {
        assertThat(parseSample("ASOC-BL-2025-0147.xml").equipment())
                .containsExactly(
                        new ShippingDocument.Equipment(
                                "TGHU8144721", "22G1", List.of("PK4120731"), new BigDecimal("12880.20")),
                        new ShippingDocument.Equipment(
                                "MSKU6039155", "22G1", List.of("PK4120748"), new BigDecimal("12851.80")));

        ShippingDocument ndpr = parseSample("ASOC-BL-2025-0161.xml");
        assertThat(ndpr.equipment()).singleElement().satisfies(e -> {
            assertThat(e.seals()).containsExactly("ASOC0456127", "PK4120815");
            assertThat(e.vgmKg()).isEqualTo(new BigDecimal("23173.00"));
        });
        assertThat(ndpr.freightTerms()).isEqualTo("COLLECT");
        assertThat(ndpr.notifyParty().ids()).contains(new PartyId("EDI", "USBROKER"));
        assertThat(ndpr.goods().get(0).packageKind()).isEqualTo("1A");
        assertThat(ndpr.goods().get(0).packageCount()).isEqualTo(78);
        assertThat(ndpr.goods().get(0).netWeightKg()).isEqualTo(new BigDecimal("19500.00"));
    }

    @Test
    void refusesExternalEntityWithoutReadingTheFile() throws IOException {
        RejectedException e = refusal(sample("BAD_xxe.xml"));

        assertProblem(e, ErrorCode.XML_DTD_REFUSED, 2, 1, "DOCTYPE");
        assertThat(e.getMessage()).contains("declares a DTD or entities").contains("refuses them for safety");
        Path passwd = Path.of("/etc/passwd");
        if (Files.isReadable(passwd)) {
            Arrays.stream(Files.readString(passwd).split("\n"))
                    .filter(l -> !l.isBlank())
                    .forEach(l -> assertThat(e.getMessage()).doesNotContain(l));
        }
        assertThat(e.getMessage()).doesNotContain("root:");
    }

    @Test
    void refusesAnEntityThatWouldLandInTheDocumentNumber() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]><TransportDocument xmlns="urn:corridor:oceancar:ebl:1"><TransportDocumentReference>&e;</TransportDocumentReference></TransportDocument>
                """;
        RejectedException e = refusal(xxe.getBytes(StandardCharsets.UTF_8));

        assertProblem(e, ErrorCode.XML_DTD_REFUSED, 2, 1, "DOCTYPE");
    }

    @Test
    @Timeout(
            value = 30,
            unit = TimeUnit.SECONDS) // a guard against a hang, not a measurement: expansion would never end
    void refusesBillionLaughsWithoutExpandingIt() throws IOException {
        RejectedException e = refusal(sample("BAD_billion_laughs.xml"));

        assertProblem(e, ErrorCode.XML_DTD_REFUSED, 2, 1, "DOCTYPE");
        assertThat(e.getMessage()).doesNotContain("lollol");
    }

    @Test
    void refusesAFileLargerThanTenMegabytesUnread() {
        byte[] big = new byte[BillOfLadingXmlParser.MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        RejectedException e = refusal(big);

        assertProblem(e, ErrorCode.XML_TOO_LARGE, null, null, null);
        assertThat(e.getMessage()).contains("10 MB");
    }

    @Test
    void refusesXmlThatIsNotWellFormedWithLineAndColumn() throws IOException {
        RejectedException e = refusal(sample("BAD_not_well_formed.xml"));

        assertProblem(e, ErrorCode.XML_MALFORMED, 41, 27, "/TransportDocument/Transport/Vessel/VoyageNumber");
        assertThat(e.getMessage()).contains("VoyageNumber").contains("not well-formed");
    }

    @Test
    void refusesASchemaViolationNamingTheElement() throws IOException {
        RejectedException e = refusal(sample("BAD_schema_missing_vessel.xml"));

        assertProblem(e, ErrorCode.XML_SCHEMA, 38, 20, "/TransportDocument/Transport/PortOfLoading");
        assertThat(e.problem().message())
                .isEqualTo("The element PortOfLoading is not expected here; the OCEANCAR e-B/L"
                        + " schema requires Vessel at this point. An element may be missing or out of order.");
    }

    @Test
    void refusesAContainerNumberWithAWrongCheckDigit() throws IOException {
        RejectedException e = refusal(sample("BAD_container_check_digit.xml"));

        assertProblem(
                e,
                ErrorCode.CONTAINER_CHECK_DIGIT,
                68,
                27,
                "/TransportDocument/ConsignmentItem/CargoItem/EquipmentReference");
        assertThat(e.getMessage()).contains("MSKU6039156").contains("gives 5");
    }

    @Test
    void refusesADateThatIsNotInTheCalendar() throws IOException {
        RejectedException e = refusal(sample("BAD_bad_date.xml"));

        assertProblem(e, ErrorCode.XML_DATE, 12, 23, "/TransportDocument/ShippedOnBoardDate");
        assertThat(e.problem().message()).startsWith("\"2025-10-32\" is not a valid date.");
    }

    @Test
    void refusesAPortThatIsNotAUnLocode() throws IOException {
        RejectedException e = refusal(sample("BAD_unknown_locode.xml"));

        assertProblem(e, ErrorCode.XML_CODE, 44, 22, "/TransportDocument/Transport/PortOfDischarge");
        assertThat(e.problem().message()).startsWith("\"HOUSTON\" is not a UN/LOCODE for the port of discharge.");
    }

    @Test
    void refusesACargoItemInAContainerTheBillDoesNotList() throws IOException {
        String xml = new String(sample("ASOC-BL-2025-0147.xml"), StandardCharsets.UTF_8)
                .replaceFirst(
                        "<EquipmentReference>TGHU8144721</EquipmentReference>\n      <LotNumber>",
                        "<EquipmentReference>CAIU7153209</EquipmentReference>\n      <LotNumber>");
        RejectedException e = refusal(xml.getBytes(StandardCharsets.UTF_8));

        assertProblem(
                e, ErrorCode.XML_SCHEMA, 52, 27, "/TransportDocument/ConsignmentItem/CargoItem/EquipmentReference");
        assertThat(e.getMessage()).contains("CAIU7153209");
    }

    @Test
    void refusesAnEncodingTheJdkDoesNotKnowAtTheDeclaration() throws IOException {
        String xml = new String(sample("ASOC-BL-2025-0147.xml"), StandardCharsets.UTF_8)
                .replace("encoding=\"UTF-8\"", "encoding=\"bogus\"");

        // before: an UncheckedIOException (UnsupportedEncodingException), INTERNAL in the gateway
        RejectedException e = refusal(xml.getBytes(StandardCharsets.UTF_8));

        assertProblem(e, ErrorCode.BAD_ENCODING, 1, 21, "encoding");
        assertThat(e.problem().message()).contains("\"bogus\"");
    }

    @Test
    void refusesADtdEvenWhenTheJdksReaderFailsOnItsOwnErrorMessage() {
        // a control character in the internal subset: the JDK's StAX reader throws MissingResourceException
        // ("InvalidCharInDTD") instead of an XMLStreamException
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE TransportDocument [\n"
                + "  <!ENTITY lol \"lol\">\u0001\n]>\n<TransportDocument/>\n";

        RejectedException e = refusal(xml.getBytes(StandardCharsets.UTF_8));

        assertProblem(e, ErrorCode.XML_DTD_REFUSED, 2, 1, "DOCTYPE");
    }

    @Test
    void refusesAPackageCountNoIntegerCanHoldAtItsElement() throws IOException {
        String xml = new String(sample("ASOC-BL-2025-0147.xml"), StandardCharsets.UTF_8)
                .replaceFirst(
                        "<PackageCount>\\d+</PackageCount>", "<PackageCount>" + "9".repeat(40) + "</PackageCount>");

        // before: a NumberFormatException
        RejectedException e = refusal(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(e.problem().code()).isEqualTo(ErrorCode.XML_SCHEMA);
        assertThat(e.problem().location().field()).endsWith("/PackageCount");
        assertThat(e.problem().message()).contains("larger than Corridor reads");
    }

    @Test
    void placesAFaultOfTheParserItselfWhereItStood() {
        // a DOCTYPE inside the root: Xerces fails with "Scanner State 24 not Recognized", a SAXException with no place
        String xml =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TransportDocument xmlns=\"urn:corridor:oceancar:ebl:1\">"
                        + "\n<!DOCTYPE TransportDocument [\n]>\n</TransportDocument>\n";

        RejectedException e = refusal(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(e.problem().code()).isEqualTo(ErrorCode.XML_MALFORMED);
        assertThat(e.problem().location().line()).isEqualTo(3);
    }

    @Test
    void refusesAWeightTooLongToBeAWeightAtItsLine() throws IOException {
        // found by bench/fuzz.sh: xs:decimal takes 5,003 digits, which the stored document could not be read back with
        String xml = new String(sample("ASOC-BL-2025-0147.xml"), StandardCharsets.UTF_8)
                .replaceFirst(
                        "<GrossWeight unit=\"KGM\">10670.20<", "<GrossWeight unit=\"KGM\">" + "1".repeat(5003) + "<");

        RejectedException e = refusal(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(e.problem().code()).isEqualTo(ErrorCode.XML_SCHEMA);
        assertThat(e.problem().location().line()).isEqualTo(56);
        assertThat(e.problem().message()).contains("5003 characters", "longer than a weight");
    }
}
