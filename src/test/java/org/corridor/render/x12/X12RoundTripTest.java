package org.corridor.render.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.base.Hashing;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Quantity;
import org.corridor.canonical.ShippingDocument;
import org.corridor.cli.CorridorCli;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSchemas;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiSyntax;
import org.corridor.edi.EdiWriter;
import org.corridor.process.DocumentPipeline;
import org.corridor.render.edi.EdiDocumentWriter;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Canonical → X12 → canonical: every good 863 and 810 sample, and the same business documents from other formats
 * (lab CSV certificates as 863, EDIFACT INVOIC as 810), written by Corridor's writers, read back with no fault against
 * the message's schema and mapped again to the same body; for the 856, which Corridor only writes, the output is read
 * against its schema and its key values are checked against the shipping document it came from.
 */
class X12RoundTripTest {

    private static final LocalDateTime AT = LocalDateTime.of(2025, 10, 20, 9, 30);
    private static final EdiDocumentWriter WRITER = EdiDocumentWriter.standard(REFERENCE);
    private static final EdiInterchangeReader READER = new EdiInterchangeReader(new EdiSchemas());

    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;

    @BeforeAll
    static void pipeline() {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    static Stream<String> certificates() throws IOException {
        return samples(Path.of("sample-docs/assay"), ".csv", "", Path.of("sample-docs/x12"), "-863-");
    }

    static Stream<String> x12Invoices() throws IOException {
        return samples(Path.of("sample-docs/x12"), ".x12", "-810-", null, null);
    }

    static Stream<String> edifactInvoices() throws IOException {
        return samples(Path.of("sample-docs/edifact"), ".edi", "-INVOIC-", null, null);
    }

    static Stream<String> shippingDocuments() throws IOException {
        return samples(Path.of("sample-docs/shipping"), ".xml", "", Path.of("sample-docs/edifact"), "-IFTMIN-");
    }

    /** The good samples (no BAD_ prefix) in a folder whose names contain a marker, plus those of a second folder. */
    private static Stream<String> samples(Path folder, String extension, String marker, Path other, String otherMarker)
            throws IOException {
        List<String> found = new ArrayList<>();
        for (Path dir : other == null ? List.of(folder) : List.of(folder, other)) {
            String mark = dir.equals(folder) ? marker : otherMarker;
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith("BAD_"))
                        .filter(n -> n.contains(mark))
                        .filter(n -> n.endsWith(extension) || dir != folder)
                        .filter(n -> !n.endsWith(".md") && !Files.isDirectory(dir.resolve(n)))
                        .sorted()
                        .forEach(n -> found.add(dir.resolve(n).toString()));
            }
        }
        assertThat(found).as("samples in %s", folder).isNotEmpty();
        return found.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void certificateAs863ReadsBackToTheSameBody(String sample) throws IOException {
        List<CanonicalDocument> originals = convert(Path.of(sample));
        assertThat(originals).isNotEmpty();
        for (CanonicalDocument original : originals) {
            assertThat(original.kind()).isEqualTo(DocumentKind.ASSAY_CERTIFICATE);
            CanonicalDocument again = roundTrip(original, "863");
            AssayCertificate body = (AssayCertificate) original.body();
            // BTR02 is mandatory: a certificate without an issue date (the lab CSV has none) is dated when written
            Object expected = body.issueDate() != null
                    ? body
                    : new AssayCertificate(
                            body.certificateNo(),
                            AT.toLocalDate(),
                            body.lab(),
                            body.commodity(),
                            body.contractRef(),
                            body.results());
            assertThat(again.body()).isEqualTo(expected);
        }
    }

    @Test
    void refusesToWriteAResultWithoutBasisBecauseMea02IsMandatory() throws IOException {
        CanonicalDocument csv =
                convert(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv")).get(0);
        AssayCertificate body = (AssayCertificate) csv.body();
        List<AssayResult> results = new ArrayList<>(body.results());
        AssayResult first = results.get(0);
        results.set(
                0,
                new AssayResult(
                        first.lotNo(),
                        first.sampleId(),
                        first.sampleRole(),
                        first.analyte(),
                        first.value(),
                        first.qualifier(),
                        first.unit(),
                        null,
                        first.method(),
                        first.analysisDate()));
        CanonicalDocument withoutBasis = new CanonicalDocument(
                csv.schema(),
                csv.kind(),
                csv.documentId(),
                csv.source(),
                csv.agreementRef(),
                csv.shipmentRef(),
                new AssayCertificate(
                        body.certificateNo(),
                        body.issueDate(),
                        body.lab(),
                        body.commodity(),
                        body.contractRef(),
                        results));

        assertThatThrownBy(() -> write(withoutBasis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Result Cu of sample KML-25-0147-01 has no basis")
                .hasMessageContaining("MEA02");
    }

    @Test
    void refusesToWriteAnInvoiceWhoseTotalIsNotTheSumOfItsLines() throws IOException {
        CanonicalDocument edifact = convert(Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-DN-2025-0201.edi"))
                .get(0);
        Invoice body = (Invoice) edifact.body();
        CanonicalDocument wrong = new CanonicalDocument(
                edifact.schema(),
                edifact.kind(),
                edifact.documentId(),
                edifact.source(),
                edifact.agreementRef(),
                edifact.shipmentRef(),
                new Invoice(
                        body.invoiceNo(),
                        body.invoiceType(),
                        body.issueDate(),
                        body.seller(),
                        body.buyer(),
                        body.contractRef(),
                        body.currency(),
                        body.incoterm(),
                        body.lines(),
                        new BigDecimal("25392.01")));

        assertThatThrownBy(() -> write(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the total 25392.01 is not the sum of its line amounts (25392.00)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("x12Invoices")
    void x12InvoiceReadsBackToTheSameBody(String sample) throws IOException {
        List<CanonicalDocument> originals = convert(Path.of(sample));
        assertThat(originals).isNotEmpty();
        for (CanonicalDocument original : originals) {
            assertThat(roundTrip(original, "810").body()).isEqualTo(original.body());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edifactInvoices")
    void edifactInvoiceAs810KeepsEverythingAn810HasAPlaceFor(String sample) throws IOException {
        List<CanonicalDocument> originals = convert(Path.of(sample));
        assertThat(originals).isNotEmpty();
        for (CanonicalDocument original : originals) {
            assertThat(original.kind()).isEqualTo(DocumentKind.INVOICE);
            Invoice again = (Invoice) roundTrip(original, "810").body();
            assertThat(again).isEqualTo(as810((Invoice) original.body()));
        }
    }

    @Test
    void provisionalInvoiceDeductionsAndLumpSumsAs810() throws IOException {
        Invoice original = (Invoice) convert(Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi"))
                .get(0)
                .body();
        String x12 = new String(
                write(convert(Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi"))
                        .get(0)),
                StandardCharsets.US_ASCII);

        assertThat(x12)
                .contains(
                        "BIG*20251020*FWO-PINV-2025-0201*****ZZ*00~",
                        "FOB*PP*DE*USHOU*01*CIF~",
                        "IT1*1*211.600*MT*9500.00~",
                        "IT1*2*920.000*MT*-80.00~",
                        "IT1*4*920.000*MT*-3.75~",
                        // 466498 lb x 0.08 is 37319.84, the INVOIC says 37320.00: written as a lump sum to keep the
                        // total
                        "IT1*3*1*EA*-37320.00~",
                        "IT1*5*1*EA*-189583.00~",
                        "TDS*170624700~",
                        "CTT*5~");
        Invoice again = (Invoice) roundTrip(
                        convert(Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi"))
                                .get(0),
                        "810")
                .body();
        assertThat(again.totalAmount()).isEqualTo(original.totalAmount());
        assertThat(again.lines())
                .extracting(Invoice.Line::amount)
                .containsExactlyElementsOf(
                        original.lines().stream().map(Invoice.Line::amount).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippingDocuments")
    void shippingDocumentAs856ReadsWithoutFaultsAndCarriesContainersSealsWeightsAndLots(String sample)
            throws IOException {
        for (CanonicalDocument original : convert(Path.of(sample))) {
            if (original.kind() != DocumentKind.BILL_OF_LADING
                    && original.kind() != DocumentKind.SHIPPING_INSTRUCTION) {
                continue;
            }
            ShippingDocument body = (ShippingDocument) original.body();
            EdiMessage message = readBack(write(original), "856");

            assertThat(message.first("BSN").orElseThrow().element(2)).isEqualTo(body.documentNo());
            List<List<EdiSegment>> levels = message.groups("HL", Set.of("CTT"));
            assertThat(levels)
                    .hasSize(1 + body.equipment().size() + body.goods().size());
            assertThat(levels.get(0).get(0).element(3)).isEqualTo("S");
            for (int i = 0; i < body.equipment().size(); i++) {
                ShippingDocument.Equipment equipment = body.equipment().get(i);
                List<EdiSegment> level = levels.get(1 + i);
                EdiSegment td3 = EdiMessage.first(level, "TD3").orElseThrow();
                assertThat(level.get(0).element(3)).isEqualTo("E");
                assertThat(td3.element(2) + td3.element(3)).isEqualTo(equipment.containerNo());
                assertThat(td3.element(10)).isEqualTo(equipment.sizeType());
                assertThat(new BigDecimal(td3.element(5))).isEqualTo(equipment.vgmKg());
                List<String> seals = new ArrayList<>(List.of(td3.element(9)));
                level.stream().filter(s -> s.is(1, "SN")).forEach(s -> seals.add(s.element(2)));
                assertThat(seals).isEqualTo(equipment.seals());
            }
            for (int i = 0; i < body.goods().size(); i++) {
                ShippingDocument.Goods goods = body.goods().get(i);
                List<EdiSegment> level = levels.get(1 + body.equipment().size() + i);
                assertThat(level.get(0).element(3)).isEqualTo("I");
                List<String> lin = EdiMessage.first(level, "LIN").orElseThrow().elements().stream()
                        .map(e -> e.get(0))
                        .toList();
                assertThat(lin.subList(1, 3)).containsExactly("HS", goods.hsCode());
                List<String> lots = new ArrayList<>();
                for (int p = 3; p + 1 < lin.size(); p += 2) {
                    assertThat(lin.get(p)).isEqualTo("LT");
                    lots.add(lin.get(p + 1));
                }
                assertThat(lots).isEqualTo(goods.lotNos());
                assertThat(EdiMessage.first(level, "SN1").orElseThrow().element(2))
                        .isEqualTo(String.valueOf(goods.packageCount()));
                assertThat(new BigDecimal(EdiMessage.first(level, "MEA", "WT")
                                .filter(m -> m.is(2, "G"))
                                .orElseThrow()
                                .element(3)))
                        .isEqualTo(goods.grossWeightKg());
                assertThat(level.stream()
                                .filter(s -> s.tag().equals("MEA") && s.is(2, "N"))
                                .findFirst()
                                .map(m -> new BigDecimal(m.element(3)))
                                .orElseThrow())
                        .isEqualTo(goods.netWeightKg());
                assertThat(String.join(
                                " ",
                                level.stream()
                                        .filter(s -> s.tag().equals("PID"))
                                        .map(s -> s.element(5))
                                        .toList()))
                        .isEqualTo(goods.description());
            }
            assertThat(message.first("CTT").orElseThrow().element(1)).isEqualTo(String.valueOf(levels.size()));
        }
    }

    @Test
    void billOfLadingAs856HasTheKeyValuesOfTheCarriersXml() throws IOException {
        CanonicalDocument bl =
                convert(Path.of("sample-docs/shipping/ASOC-BL-2025-0147.xml")).get(0);
        EdiMessage message = readBack(write(bl), "856");

        assertThat(message.first("BSN").orElseThrow().element(2)).isEqualTo("ASOC-BL-2025-0147");
        assertThat(message.first("DTM", "011").orElseThrow().element(2)).isEqualTo("20251012");
        assertThat(message.first("REF", "BM").orElseThrow().element(2)).isEqualTo("ASOC-BL-2025-0147");
        assertThat(message.first("REF", "BN").orElseThrow().element(2)).isEqualTo("ASOC-BKG-2025-0388");
        EdiSegment td5 = message.first("TD5").orElseThrow();
        assertThat(List.of(td5.element(2), td5.element(3), td5.element(4), td5.element(5)))
                .containsExactly("2", "ASOC", "S", "ASOC KARAKORAM");
        assertThat(message.all("TD3"))
                .extracting(s -> s.element(2) + s.element(3) + "/" + s.element(9) + "/" + s.element(5))
                .containsExactly("TGHU8144721/PK4120731/12880.20", "MSKU6039155/PK4120748/12851.80");
        assertThat(message.all("MEA"))
                .extracting(s -> s.element(2) + "=" + s.element(3) + s.element(4))
                .containsExactly("G=21342.00KG", "N=21283.40KG");
        assertThat(message.first("LIN").orElseThrow().elements())
                .extracting(e -> e.get(0))
                .containsExactly("1", "HS", "260300", "LT", "FWO-CU-L01", "LT", "FWO-CU-L02");
        assertThat(message.first("TD1").orElseThrow().elements())
                .extracting(e -> e.get(0))
                .containsExactly("", "14", "", "", "", "G", "21342.00", "KG");
        assertThat(message.all("N1"))
                .extracting(s -> s.element(1) + ":" + s.element(4))
                .containsExactly("SH:FWOPK", "CN:USSMUS", "N1:USSMUS", "CA:ASOC");
    }

    @Test
    void shipNoticeGuideExampleIsWhatCorridorWritesForTheCopperBillOfLading() throws IOException {
        String guide = Files.readString(Path.of("docs/mig/x12-856-004010.md"));
        int heading = guide.indexOf("\n## Example\n");
        assertThat(heading).as("an ## Example heading").isPositive();
        int start = guide.indexOf("```x12\n", heading);
        assertThat(start).as("a ```x12 block under ## Example").isPositive();
        String example = guide.substring(start + 7, guide.indexOf("```", start + 7));
        CanonicalDocument bl =
                convert(Path.of("sample-docs/shipping/ASOC-BL-2025-0147.xml")).get(0);
        byte[] written = WRITER.write(
                bl,
                "X12",
                new EdiWriter.Parties("CORRIDOR", "ZZ", "USSMUS", "ZZ"),
                EdiSyntax.x12(),
                "1",
                LocalDateTime.of(2025, 10, 12, 18, 0));
        assertThat(example.strip())
                .isEqualTo(new String(written, StandardCharsets.US_ASCII)
                        .replace("\r\n", "\n")
                        .strip());

        Set<String> inSchema = new TreeSet<>(Set.of("ST", "SE"));
        Matcher type = Pattern.compile("<segmentType name=\"(\\w+)\"")
                .matcher(Files.readString(Path.of("src/main/resources/edi/x12/004010/856.xml")));
        while (type.find()) {
            inSchema.add(type.group(1));
        }
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\|")
                .matcher(guide.substring(guide.indexOf("\n## Segments\n"), heading));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).isEqualTo(inSchema);
    }

    /**
     * The body an 810 can carry of an invoice: no HS code (no IT1 product id qualifier is agreed), no quantity basis
     * (IT1 has none), no Incoterms edition (FOB has none); a line's amount is IT102 × IT104, so a deduction's price
     * carries the minus sign, and a line whose amount is not quantity × price to the cent (or has no quantity or
     * price) becomes the lump sum 1 EA at its amount.
     */
    private static Invoice as810(Invoice invoice) {
        List<Invoice.Line> lines = new ArrayList<>();
        for (Invoice.Line line : invoice.lines()) {
            Quantity q = line.quantity();
            BigDecimal price = line.unitPrice();
            if (q != null
                    && price != null
                    && line.amount() != null
                    && q.value().multiply(price).signum() * line.amount().signum() < 0) {
                price = price.negate();
            }
            boolean exact = q != null
                    && price != null
                    && q.value()
                                    .multiply(price)
                                    .setScale(2, RoundingMode.HALF_UP)
                                    .compareTo(line.amount())
                            == 0;
            lines.add(
                    exact
                            ? new Invoice.Line(
                                    line.lineNo(),
                                    line.description(),
                                    null,
                                    new Quantity(q.value(), q.unit(), null),
                                    price,
                                    line.amount())
                            : new Invoice.Line(
                                    line.lineNo(),
                                    line.description(),
                                    null,
                                    new Quantity(BigDecimal.ONE, "EA", null),
                                    line.amount(),
                                    line.amount()));
        }
        Incoterm incoterm = invoice.incoterm() == null
                ? null
                : new Incoterm(invoice.incoterm().rule(), invoice.incoterm().place(), null);
        return new Invoice(
                invoice.invoiceNo(),
                invoice.invoiceType(),
                invoice.issueDate(),
                invoice.seller(),
                invoice.buyer(),
                invoice.contractRef(),
                invoice.currency(),
                incoterm,
                lines,
                invoice.totalAmount());
    }

    private static List<CanonicalDocument> convert(Path path) throws IOException {
        return convert(Files.readAllBytes(path), path.getFileName().toString());
    }

    private static List<CanonicalDocument> convert(byte[] content, String name) {
        String sha = Hashing.sha256Hex(content);
        return pipeline.toCanonical(content, name, sha, CorridorCli.idFor(sha));
    }

    private static byte[] write(CanonicalDocument document) {
        String receiver = document.source() != null && document.source().sender() != null
                ? document.source().sender()
                : "PARTNER";
        return WRITER.write(
                document, "X12", new EdiWriter.Parties("CORRIDOR", "ZZ", receiver, "ZZ"), EdiSyntax.x12(), "42", AT);
    }

    /** The one message of the interchange, read against its schema with no fault. */
    private static EdiMessage readBack(byte[] x12, String type) {
        List<EdiMessage> messages = new ArrayList<>();
        List<InterchangeSummary> summaries = READER.read(new ByteArrayInputStream(x12), messages::add);
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).valid())
                .as("faults reading back %s", new String(x12, StandardCharsets.US_ASCII) + summaries)
                .isTrue();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).messageType()).isEqualTo(type);
        assertThat(messages.get(0).valid()).isTrue();
        return messages.get(0);
    }

    private static CanonicalDocument roundTrip(CanonicalDocument original, String type) {
        byte[] x12 = write(original);
        readBack(x12, type);
        List<CanonicalDocument> again = convert(x12, "CORRIDOR-" + type + "-roundtrip.x12");
        assertThat(again).hasSize(1);
        assertThat(again.get(0).kind()).isEqualTo(original.kind());
        assertThat(again.get(0).source().messageType()).isEqualTo(type);
        return again.get(0);
    }
}
