package org.corridor.render.edifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentBody;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Party;
import org.corridor.canonical.ShippingDocument;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSchemas;
import org.corridor.edi.EdiSyntax;
import org.corridor.edi.EdiWriter;
import org.corridor.process.DocumentPipeline;
import org.corridor.render.edi.EdiDocumentWriter;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Canonical → EDIFACT → canonical gives the same body, for QALITY, CUSDEC, IFTMIN and INVOIC: every good EDIFACT
 * sample of those types, and the same business documents from the other formats (lab CSV long and wide, PSW
 * worksheet, B/L XML as IFTMIN, X12 810 as INVOIC). Each output also reads back against the message's StAEDI schema
 * without a fault, with the default delimiters and with a partner's own (UNA, UNOW syntax 4, release character).
 * Where EDIFACT D96A has no place for a field, {@link #carried} says which, and everything else must be equal.
 */
class EdifactRoundTripTest {

    private static final Path SAMPLES = Path.of("sample-docs");
    private static final LocalDateTime AT = LocalDateTime.of(2025, 10, 15, 9, 30);
    private static final EdiWriter.Parties PARTIES = new EdiWriter.Parties("CORRIDOR", "ZZZ", "USSMUS", "ZZZ");
    private static final Set<DocumentKind> WRITTEN = Set.of(
            DocumentKind.ASSAY_CERTIFICATE,
            DocumentKind.CUSTOMS_DECLARATION,
            DocumentKind.SHIPPING_INSTRUCTION,
            DocumentKind.BILL_OF_LADING,
            DocumentKind.INVOICE);
    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;
    private final EdiDocumentWriter writer = EdiDocumentWriter.standard(REFERENCE);
    private final EdiInterchangeReader reader = new EdiInterchangeReader(new EdiSchemas());

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    static Stream<Arguments> samples() throws IOException {
        List<Path> files = new ArrayList<>();
        files.addAll(list("edifact", "glob:**/*-{QALITY,CUSDEC,IFTMIN,INVOIC}-*.edi"));
        files.addAll(list("assay", "glob:**/KHILAB-*.csv"));
        files.addAll(list("customs", "glob:**/PSW-SD-*.json"));
        files.addAll(list("shipping", "glob:**/ASOC-BL-*.xml"));
        files.addAll(list("x12", "glob:**/FWOPK-810-*.x12"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(17);
        EdiSyntax partner = EdiSyntax.edifact()
                .withSyntax("UNOW", "4")
                .withDelimiters('~', '^', '>', '/')
                .withLineBreaks(false);
        return files.stream()
                .flatMap(f ->
                        Stream.of(Arguments.of(f, "default", EdiSyntax.edifact()), Arguments.of(f, "UNOW", partner)));
    }

    private static List<Path> list(String folder, String glob) throws IOException {
        var matcher = SAMPLES.getFileSystem().getPathMatcher(glob);
        try (Stream<Path> paths = Files.list(SAMPLES.resolve(folder))) {
            return paths.filter(matcher::matches).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("samples")
    void bodyComesBackEqualThroughEdifact(Path sample, String label, EdiSyntax syntax) throws IOException {
        List<CanonicalDocument> originals =
                parse(Files.readAllBytes(sample), sample.getFileName().toString());
        List<CanonicalDocument> written =
                originals.stream().filter(d -> WRITTEN.contains(d.kind())).toList();
        assertThat(written)
                .as("documents of %s Corridor writes as EDIFACT", sample)
                .isNotEmpty();
        for (CanonicalDocument original : written) {
            CanonicalDocument sendable = original.body() instanceof ShippingDocument s
                    ? new CanonicalDocument(
                            original.schema(),
                            original.kind(),
                            original.documentId(),
                            original.source(),
                            original.agreementRef(),
                            original.shipmentRef(),
                            withoutLongSeals(s))
                    : original;
            byte[] edi = writer.write(sendable, "EDIFACT", PARTIES, syntax, "42", AT);

            List<EdiMessage> messages = new ArrayList<>();
            List<InterchangeSummary> summaries = reader.read(new ByteArrayInputStream(edi), messages::add);
            assertThat(summaries).hasSize(1);
            assertThat(summaries.get(0).faults()).as("interchange faults").isEmpty();
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).faults())
                    .as("faults of %s against its schema", messages.get(0).messageType())
                    .isEmpty();

            List<CanonicalDocument> again = parse(edi, "roundtrip.edi");
            assertThat(again).hasSize(1);
            assertThat(again.get(0).body()).isEqualTo(carried(sendable.body()));
        }
    }

    /**
     * The body as EDIFACT D96A carries it. IFTMIN: an instruction has no shipped-on-board date, and NAD C082 holds
     * one party id (the EDI id, else the SCAC), so a B/L party's tax ids (NTN, STRN, EIN) and a second id are not
     * sent. CUSDEC: only a letter of credit has a place (RFF+LC), another instrument keeps its bank (FII) alone, and
     * FII has no currency, so the instrument's currency is never sent.
     * INVOIC: NAD carries EDI and SCAC ids only, so the 810 buyer's EIN is not sent. Everything else is equal.
     */
    private static DocumentBody carried(DocumentBody body) {
        if (body instanceof ShippingDocument s) {
            return new ShippingDocument(
                    s.documentNo(),
                    s.bookingNo(),
                    s.blNo(),
                    nadParty(s.shipper()),
                    nadParty(s.consignee()),
                    nadParty(s.notifyParty()),
                    nadParty(s.carrier()),
                    s.vessel(),
                    s.portOfLoading(),
                    s.portOfDischarge(),
                    s.placeOfDelivery(),
                    null,
                    s.freightTerms(),
                    s.goods(),
                    s.equipment());
        }
        if (body instanceof CustomsDeclaration d && d.financialInstrument() != null) {
            CustomsDeclaration.FinancialInstrument fi = d.financialInstrument();
            CustomsDeclaration.FinancialInstrument sent = "LC".equals(fi.type())
                    ? new CustomsDeclaration.FinancialInstrument(fi.type(), fi.number(), fi.bank())
                    : new CustomsDeclaration.FinancialInstrument(null, null, fi.bank());
            return new CustomsDeclaration(
                    d.jurisdiction(),
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
                    sent,
                    d.lines(),
                    d.containers());
        }
        if (body instanceof Invoice i) {
            return new Invoice(
                    i.invoiceNo(),
                    i.invoiceType(),
                    i.issueDate(),
                    nadParty(i.seller()),
                    nadParty(i.buyer()),
                    i.contractRef(),
                    i.currency(),
                    i.incoterm(),
                    i.lines(),
                    i.totalAmount());
        }
        return body;
    }

    /**
     * A party as it comes back: NAD sends one id only, but every party of the samples is an agreement party, and
     * enrichment completes it again from the agreement (name, country, every identifier) when the EDIFACT is read
     * back, so it comes back whole.
     */
    private static Party nadParty(Party party) {
        return party;
    }

    /** A D96A seal number (SEL 9308) is an..10: longer seals are refused by the writer (see the test below). */
    private static ShippingDocument withoutLongSeals(ShippingDocument s) {
        return new ShippingDocument(
                s.documentNo(),
                s.bookingNo(),
                s.blNo(),
                s.shipper(),
                s.consignee(),
                s.notifyParty(),
                s.carrier(),
                s.vessel(),
                s.portOfLoading(),
                s.portOfDischarge(),
                s.placeOfDelivery(),
                s.shippedOnBoardDate(),
                s.freightTerms(),
                s.goods(),
                s.equipment().stream()
                        .map(e -> new ShippingDocument.Equipment(
                                e.containerNo(),
                                e.sizeType(),
                                e.seals().stream()
                                        .filter(seal -> seal.length() <= 10)
                                        .toList(),
                                e.vgmKg()))
                        .toList());
    }

    @Test
    void refusesASealLongerThanD96AAllowsNamingSealAndContainer() throws IOException {
        Path bl = SAMPLES.resolve("shipping/ASOC-BL-2025-0161.xml");
        CanonicalDocument document =
                parse(Files.readAllBytes(bl), bl.getFileName().toString()).get(0);

        assertThatThrownBy(() -> writer.write(document, "EDIFACT", PARTIES, EdiSyntax.edifact(), "42", AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Seal ASOC0456127 of container CAIU7153209 has 11 characters")
                .hasMessageContaining("SEL 9308");
    }

    @Test
    void writesTheCopperCertificateAsTheLabWouldSendIt() throws IOException {
        Path csv = SAMPLES.resolve("assay/KHILAB-CU-2025-0147.csv");
        CanonicalDocument document =
                parse(Files.readAllBytes(csv), csv.getFileName().toString()).get(0);

        String edi = new String(
                writer.write(document, "EDIFACT", PARTIES, EdiSyntax.edifact(), "42", AT),
                java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(edi)
                .startsWith("UNA:+.? '\nUNB+UNOC:3+CORRIDOR:ZZZ+USSMUS:ZZZ+251015:0930+42'\nUNH+1+QALITY:D:96A:UN'\n"
                        + "BGM+1+KHILAB-CU-2025-0147+9'\nDTM+137:20251006:102'\nIMD+C++CU_CONC::ZZZ'\n"
                        + "RFF+CT:USSM-FWO-2025-CU-001'\nNAD+MS+KHILAB::ZZZ++Karachi Minerals Testing Laboratory'\nLIN+1'\n"
                        + "IMD+C++SELLER::ZZZ'\nRFF+BT:FWO-CU-L01'\nRFF+ADD:KML-25-0147-01'\nCCI+++Cu'\n"
                        + "DTM+119:20251003:102'\nMEA+AAE+:::DRY+P1:24.12'\nTEM+:::ISO 10258 electrolytic'\n");
        assertThat(edi).contains("MEA+AAE+:7::DRY+59:0.5'").contains("LIN+2'").endsWith("UNZ+1+42'\n");
    }

    @Test
    void aCertificateWithoutIssueDateSaysWhenItsTestsWereCompleted() throws IOException {
        Path csv = SAMPLES.resolve("assay/KHILAB-SB-2025-0152.csv");
        CanonicalDocument document =
                parse(Files.readAllBytes(csv), csv.getFileName().toString()).get(0);

        String edi = new String(
                writer.write(document, "EDIFACT", PARTIES, EdiSyntax.edifact(), "42", AT),
                java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(edi)
                .contains("BGM+1+KHILAB-SB-2025-0152+9'\nDTM+119:20251006:102'\n")
                .doesNotContain("DTM+137");
    }

    private static List<CanonicalDocument> parse(byte[] content, String name) {
        String sha = Hashing.sha256Hex(content);
        return pipeline.toCanonical(content, name, sha, sha.substring(0, 12));
    }
}
