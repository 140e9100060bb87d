package org.corridor.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentBody;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Quantity;
import org.corridor.canonical.ShippingDocument;
import org.corridor.problem.Finding;
import org.corridor.problem.Severity;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each reconciliation check on the CU sample dossier with one value changed: its code, severity, field and text. */
class ReconcilerTest {

    private static DefaultCamelContext camel;
    private static List<CanonicalDocument> good;
    private static Agreement agreement;
    private final Reconciler reconciler = new Reconciler();

    @BeforeAll
    static void parseSampleDossier() throws IOException {
        camel = new DefaultCamelContext();
        SampleDossiersTest.pipelineFor(SamplePipeline.create(camel));
        good = SampleDossiersTest.parse(Path.of("sample-docs", "dossiers", "CU-2025-0147"));
        agreement = SampleDossiersTest.agreement();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @Test
    void findsNothingInTheConsistentSampleDossier() {
        assertThat(reconciler.reconcile(good, agreement)).isEmpty();
    }

    @Test
    void reportsEachMissingRequiredDocumentAsInfo() {
        List<CanonicalDocument> partial = good.stream()
                .filter(d -> d.kind() != DocumentKind.BILL_OF_LADING && d.kind() != DocumentKind.INVOICE)
                .toList();

        assertThat(reconciler.reconcile(partial, agreement))
                .containsExactly(
                        new Finding(
                                "DOCUMENT_MISSING",
                                Severity.INFO,
                                "The shipment has no shipping instruction or bill of"
                                        + " lading yet; the agreement PK-US-CM-2025 requires one.",
                                null),
                        new Finding(
                                "DOCUMENT_MISSING",
                                Severity.INFO,
                                "The shipment has no invoice yet; the agreement" + " PK-US-CM-2025 requires one.",
                                null));
        assertThat(Reconciler.allRequiredPresent(partial, agreement)).isFalse();
        assertThat(Reconciler.allRequiredPresent(good, agreement)).isTrue();
    }

    @Test
    void reportsAContainerOnlyTheDeclarationNames() {
        List<CanonicalDocument> docs = change(DocumentKind.CUSTOMS_DECLARATION, b -> {
            CustomsDeclaration d = (CustomsDeclaration) b;
            return declaration(
                    d,
                    d.lines(),
                    List.of(d.containers().get(0), new CustomsDeclaration.Container("MSKU6039160", "PK4120748")));
        });

        assertThat(reconciler.reconcile(docs, agreement))
                .containsExactly(
                        new Finding(
                                "CONTAINER_MISMATCH",
                                Severity.ERROR,
                                "Container MSKU6039155 is in the packing list"
                                        + " FWO-PL-2025-0147 and the bill of lading ASOC-BL-2025-0147 but not in the export declaration"
                                        + " PQEX-SB-0004471-10102025.",
                                null),
                        new Finding(
                                "CONTAINER_MISMATCH",
                                Severity.ERROR,
                                "Container MSKU6039160 is in the export declaration"
                                        + " PQEX-SB-0004471-10102025 but not in the packing list FWO-PL-2025-0147 or the bill of lading"
                                        + " ASOC-BL-2025-0147.",
                                "body.containers[1].containerNo"));
    }

    @Test
    void reportsASealThatDiffersForOneContainer() {
        List<CanonicalDocument> docs = change(DocumentKind.CUSTOMS_DECLARATION, b -> {
            CustomsDeclaration d = (CustomsDeclaration) b;
            return declaration(
                    d,
                    d.lines(),
                    List.of(
                            new CustomsDeclaration.Container("TGHU8144721", "PK4120799"),
                            d.containers().get(1)));
        });

        assertThat(reconciler.reconcile(docs, agreement))
                .containsExactly(
                        new Finding(
                                "SEAL_MISMATCH",
                                Severity.ERROR,
                                "Container TGHU8144721 has seal PK4120799 in the export"
                                        + " declaration PQEX-SB-0004471-10102025 but seal PK4120731 in the packing list"
                                        + " FWO-PL-2025-0147.",
                                "body.containers[0].sealNo"),
                        new Finding(
                                "SEAL_MISMATCH",
                                Severity.ERROR,
                                "Container TGHU8144721 has seal PK4120799 in the export"
                                        + " declaration PQEX-SB-0004471-10102025 but seal PK4120731 in the bill of lading"
                                        + " ASOC-BL-2025-0147.",
                                "body.containers[0].sealNo"));
    }

    @Test
    void acceptsACarrierSealBesideTheExportersSeal() {
        List<CanonicalDocument> docs = change(DocumentKind.BILL_OF_LADING, b -> {
            ShippingDocument s = (ShippingDocument) b;
            ShippingDocument.Equipment e = s.equipment().get(0);
            return shipping(
                    s,
                    s.goods(),
                    List.of(
                            new ShippingDocument.Equipment(
                                    e.containerNo(), e.sizeType(), List.of("ASOC0456127", "PK4120731"), e.vgmKg()),
                            s.equipment().get(1)));
        });

        assertThat(reconciler.reconcile(docs, agreement)).isEmpty();
    }

    @Test
    void comparesHsCodesAtSixDigits() {
        List<CanonicalDocument> docs = change(DocumentKind.INVOICE, b -> {
            Invoice i = (Invoice) b;
            Invoice.Line l = i.lines().get(0);
            return invoice(
                    i,
                    i.currency(),
                    List.of(new Invoice.Line(
                            l.lineNo(), l.description(), "261710", l.quantity(), l.unitPrice(), l.amount())));
        });

        assertThat(reconciler.reconcile(docs, agreement))
                .containsExactly(
                        new Finding(
                                "HS_MISMATCH",
                                Severity.ERROR,
                                "HS code 260300 is in the bill of lading ASOC-BL-2025-0147"
                                        + " and the export declaration PQEX-SB-0004471-10102025 but not in the invoice"
                                        + " FWO-INV-2025-0147.",
                                null),
                        new Finding(
                                "HS_MISMATCH",
                                Severity.ERROR,
                                "HS code 261710 is in the invoice FWO-INV-2025-0147 but not"
                                        + " in the bill of lading ASOC-BL-2025-0147 or the export declaration"
                                        + " PQEX-SB-0004471-10102025.",
                                "body.lines[0].hsCode"));
    }

    @Test
    void reportsWeightsBeyondTheToleranceButNotWithinIt() {
        UnaryOperator<DocumentBody> plus = b -> {
            CustomsDeclaration d = (CustomsDeclaration) b;
            CustomsDeclaration.Line l = d.lines().get(0);
            return declaration(
                    d,
                    List.of(new CustomsDeclaration.Line(
                            l.lineNo(),
                            l.hsCode(),
                            l.description(),
                            l.quantity(),
                            l.grossWeightKg(),
                            new BigDecimal("21400.00"),
                            l.value(),
                            l.originCountry())),
                    d.containers());
        };
        UnaryOperator<DocumentBody> within = b -> {
            CustomsDeclaration d = (CustomsDeclaration) b;
            CustomsDeclaration.Line l = d.lines().get(0);
            return declaration(
                    d,
                    List.of(new CustomsDeclaration.Line(
                            l.lineNo(),
                            l.hsCode(),
                            l.description(),
                            l.quantity(),
                            l.grossWeightKg(),
                            new BigDecimal("21380.00"),
                            l.value(),
                            l.originCountry())),
                    d.containers());
        };

        assertThat(reconciler.reconcile(change(DocumentKind.CUSTOMS_DECLARATION, plus), agreement))
                .containsExactly(new Finding(
                        "WEIGHT_MISMATCH",
                        Severity.ERROR,
                        "The net weight is 21400.00 kg in the export"
                                + " declaration PQEX-SB-0004471-10102025 but 21283.40 kg in the packing list FWO-PL-2025-0147,"
                                + " a difference of 0.55 % (the agreement PK-US-CM-2025 allows 0.5 %).",
                        "body.lines[].netWeightKg"));
        assertThat(reconciler.reconcile(change(DocumentKind.CUSTOMS_DECLARATION, within), agreement))
                .isEmpty();
    }

    @Test
    void checksTheInvoicesDryTonnesAgainstWetWeightsLessMoisture() {
        // L01: 12166.30 kg wet at 8.4 % H2O = 11144.33 kg dry; L02: 9117.10 kg at 8.6 % = 8333.03 kg dry
        List<CanonicalDocument> docs = change(DocumentKind.INVOICE, b -> {
            Invoice i = (Invoice) b;
            Invoice.Line l = i.lines().get(0);
            return invoice(
                    i,
                    i.currency(),
                    List.of(new Invoice.Line(
                            l.lineNo(),
                            l.description(),
                            l.hsCode(),
                            new Quantity(new BigDecimal("21.283"), "T", "DRY"),
                            l.unitPrice(),
                            l.amount())));
        });

        assertThat(reconciler.reconcile(docs, agreement))
                .containsExactly(new Finding(
                        "DRY_WEIGHT_MISMATCH",
                        Severity.ERROR,
                        "The dry quantity is 21283.00 kg in the invoice"
                                + " FWO-INV-2025-0147 but the net wet weight of 21283.40 kg in the packing list"
                                + " FWO-PL-2025-0147 less the moisture of the assay certificate KHILAB-CU-2025-0147 gives"
                                + " 19477.36 kg, a difference of 9.27 %.",
                        "body.lines[0].quantity"));
    }

    @Test
    void checksThatTheLotsAddUpToTheDeclaredQuantity() {
        List<CanonicalDocument> docs = change(DocumentKind.CUSTOMS_DECLARATION, b -> {
            CustomsDeclaration d = (CustomsDeclaration) b;
            CustomsDeclaration.Line l = d.lines().get(0);
            return declaration(
                    d,
                    List.of(new CustomsDeclaration.Line(
                            l.lineNo(),
                            l.hsCode(),
                            l.description(),
                            new Quantity(new BigDecimal("21.290"), "T", "WET"),
                            l.grossWeightKg(),
                            l.netWeightKg(),
                            l.value(),
                            l.originCountry())),
                    d.containers());
        });

        assertThat(reconciler.reconcile(docs, agreement))
                .containsExactly(new Finding(
                        "LOT_SUM_MISMATCH",
                        Severity.ERROR,
                        "The lots of the packing list FWO-PL-2025-0147"
                                + " (FWO-CU-L01 12166.30 kg, FWO-CU-L02 9117.10 kg) add up to 21.283 T but the export"
                                + " declaration PQEX-SB-0004471-10102025 declares 21.290 T.",
                        "body.lines[0].quantity"));
    }

    @Test
    void reportsMoistureMeasuredMoreThanSevenDaysBeforeLoading() {
        List<CanonicalDocument> docs = change(DocumentKind.ASSAY_CERTIFICATE, b -> {
            AssayCertificate a = (AssayCertificate) b;
            List<AssayResult> results = a.results().stream()
                    .map(r -> "H2O".equals(r.analyte()) && "FWO-CU-L01".equals(r.lotNo())
                            ? new AssayResult(
                                    r.lotNo(),
                                    r.sampleId(),
                                    r.sampleRole(),
                                    r.analyte(),
                                    r.value(),
                                    r.qualifier(),
                                    r.unit(),
                                    r.basis(),
                                    r.method(),
                                    LocalDate.of(2025, 10, 2))
                            : r)
                    .toList();
            return new AssayCertificate(
                    a.certificateNo(), a.issueDate(), a.lab(), a.commodity(), a.contractRef(), results);
        });

        assertThat(reconciler.reconcile(docs, agreement))
                .containsExactly(new Finding(
                        "MOISTURE_TOO_OLD",
                        Severity.ERROR,
                        "The moisture of lot FWO-CU-L01 in the assay"
                                + " certificate KHILAB-CU-2025-0147 was measured on 2025-10-02, 10 days before loading on"
                                + " 2025-10-12 (bill of lading ASOC-BL-2025-0147); the agreement PK-US-CM-2025 allows at most 7"
                                + " days for CU_CONC.",
                        "body.results[10].analysisDate"));
    }

    @Test
    void reportsAnInvoiceInAnotherCurrencyThanTheInstrument() {
        List<CanonicalDocument> docs =
                change(DocumentKind.INVOICE, b -> invoice((Invoice) b, "EUR", ((Invoice) b).lines()));

        assertThat(reconciler.reconcile(docs, agreement))
                .containsExactly(new Finding(
                        "CURRENCY_MISMATCH",
                        Severity.ERROR,
                        "The invoice FWO-INV-2025-0147 is in EUR but the LC"
                                + " NBP-LC-EXP-2025-00871 of the export declaration PQEX-SB-0004471-10102025 is in USD.",
                        "body.currency"));
    }

    @Test
    void comparesTheInvoiceWithTheInstrumentsCurrencyNotTheDeclaredOne() {
        // a letter of credit in EUR under a declaration in USD (a worksheet cannot say so, a CUSDEC and an amended
        // instrument can): the invoice in USD is in the wrong currency for the instrument that pays it
        List<CanonicalDocument> docs = change(DocumentKind.CUSTOMS_DECLARATION, b -> {
            CustomsDeclaration d = (CustomsDeclaration) b;
            CustomsDeclaration.FinancialInstrument fi = d.financialInstrument();
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
                    new CustomsDeclaration.FinancialInstrument(fi.type(), fi.number(), fi.bank(), "EUR"),
                    d.lines(),
                    d.containers());
        });

        assertThat(reconciler.reconcile(docs, agreement))
                .containsExactly(new Finding(
                        "CURRENCY_MISMATCH",
                        Severity.ERROR,
                        "The invoice FWO-INV-2025-0147 is in USD but the LC"
                                + " NBP-LC-EXP-2025-00871 of the export declaration PQEX-SB-0004471-10102025 is in EUR.",
                        "body.currency"));
    }

    @Test
    void givesTheSameFindingsWhateverTheOrderOfTheDocuments() {
        List<CanonicalDocument> docs =
                change(DocumentKind.INVOICE, b -> invoice((Invoice) b, "EUR", ((Invoice) b).lines()));
        List<CanonicalDocument> reversed = new ArrayList<>(docs);
        java.util.Collections.reverse(reversed);

        assertThat(reconciler.reconcile(reversed, agreement)).isEqualTo(reconciler.reconcile(docs, agreement));
    }

    private static List<CanonicalDocument> change(DocumentKind kind, UnaryOperator<DocumentBody> edit) {
        return good.stream()
                .map(d -> d.kind() == kind ? d.withAgreement(d.agreementRef(), edit.apply(d.body())) : d)
                .toList();
    }

    private static CustomsDeclaration declaration(
            CustomsDeclaration d, List<CustomsDeclaration.Line> lines, List<CustomsDeclaration.Container> containers) {
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
                d.financialInstrument(),
                lines,
                containers);
    }

    private static ShippingDocument shipping(
            ShippingDocument s, List<ShippingDocument.Goods> goods, List<ShippingDocument.Equipment> equipment) {
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
                goods,
                equipment);
    }

    private static Invoice invoice(Invoice i, String currency, List<Invoice.Line> lines) {
        return new Invoice(
                i.invoiceNo(),
                i.invoiceType(),
                i.issueDate(),
                i.seller(),
                i.buyer(),
                i.contractRef(),
                currency,
                i.incoterm(),
                lines,
                i.totalAmount());
    }
}
