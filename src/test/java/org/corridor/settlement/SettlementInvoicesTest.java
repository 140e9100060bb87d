package org.corridor.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.PricingTerms;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.Invoice;
import org.corridor.formats.FormatCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The invoices a settlement issues, on the domain notes' worked example: their lines add up to what the calculation
 * says (value less TC, RC and the penalty, then what the provisional invoice holds back or what was invoiced before),
 * and each goes out in every format a buyer may take: EDIFACT INVOIC, X12 810 and canonical JSON.
 */
class SettlementInvoicesTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final FormatCatalog FORMATS = FormatCatalog.standard(CAMEL, REFERENCE);

    private final Agreement agreement = AGREEMENT_FILES.read(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"));
    private final PricingTerms terms =
            agreement.commodity("CU_CONC").orElseThrow().pricing();
    private final SettlementInputs inputs = new SettlementInputs(
            "CU-EXAMPLE",
            agreement,
            "CU_CONC",
            terms,
            new BigDecimal("1000"),
            LocalDate.of(2025, 10, 12),
            "BL-EXAMPLE",
            "USSM-FWO-2025-CU-001",
            Map.of());
    private final SettlementCalculator.Calculation worked = SettlementCalculator.calculate(
            terms,
            "CU_CONC",
            new BigDecimal("1000"),
            new BigDecimal("8"),
            Map.of("Cu", new BigDecimal("24.00"), "As", new BigDecimal("0.35")),
            new BigDecimal("9500"));

    @AfterAll
    static void stopCamel() {
        CAMEL.stop();
    }

    @Test
    void theProvisionalInvoiceListsEveryChargeAndHoldsBackTheRest() {
        CanonicalDocument document =
                SettlementInvoices.provisional(inputs, worked, "STL-CU-EXAMPLE-P", LocalDate.of(2025, 10, 12));
        Invoice invoice = (Invoice) document.body();

        assertThat(document.shipmentRef()).isEqualTo("CU-EXAMPLE");
        assertThat(invoice.invoiceType()).isEqualTo("PROVISIONAL");
        assertThat(invoice.seller().name()).isEqualTo("Frontier Works Organisation");
        assertThat(invoice.buyer().name()).isEqualTo("US Strategic Metals");
        assertThat(invoice.lines())
                .extracting(l -> l.description() + " = " + l.amount().toPlainString())
                .containsExactly(
                        "Payable Cu 23 % of 920.000 dmt = 211.600 t = 2010200.00",
                        "Treatment charge 80 per dmt = -73600.00",
                        "Refining charge 0.08 per payable lb = -37319.84",
                        "Penalty As 0.35 above 0.20 (1.5 steps) = -3450.00",
                        "Held until the final invoice: 10.00 % of the net 1895830.16 = -189583.02");
        assertThat(invoice.lines().get(0).quantity().value()).isEqualByComparingTo("920.000");
        assertThat(invoice.lines().get(0).quantity().basis()).isEqualTo("DRY");
        assertThat(invoice.lines().stream().map(Invoice.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(invoice.totalAmount())
                .isEqualByComparingTo("1706247.14");
    }

    @Test
    void theBalanceSubtractsTheProvisionalInvoiceAndACreditGoesOutAsACreditNote() {
        // the final assay came out lower: net 1,895,830.16 against 1,906,247.14 invoiced provisionally
        Balance credit = Balance.of(terms, worked.net(), new BigDecimal("1906247.14"));
        CanonicalDocument document = SettlementInvoices.balance(
                inputs,
                worked,
                credit,
                "STL-CU-EXAMPLE-C",
                "STL-CU-EXAMPLE-P",
                new BigDecimal("1906247.14"),
                LocalDate.of(2025, 12, 1));
        Invoice invoice = (Invoice) document.body();

        assertThat(invoice.invoiceType()).isEqualTo("CREDIT_NOTE");
        assertThat(invoice.totalAmount()).isEqualByComparingTo("10416.98");
        // a credit note's lines are what it credits: one line, adding up to its total, in every format
        assertThat(invoice.lines()).singleElement().satisfies(l -> {
            assertThat(l.description())
                    .isEqualTo("Final settlement: final net 1895830.16 less provisional invoice"
                            + " STL-CU-EXAMPLE-P 1906247.14");
            assertThat(l.amount()).isEqualByComparingTo("10416.98");
        });
        assertThat(text(FORMATS.renderer(OutputFormat.EDIFACT).render(document)))
                .contains("BGM+381+STL-CU-EXAMPLE-C+9'")
                .contains("MOA+77:10416.98'");
        assertThat(text(FORMATS.renderer(OutputFormat.X12).render(document))).contains("TDS*1041698");
    }

    @Test
    void aFinalInvoiceListsTheWorkingLessTheProvisionalInvoice() {
        Balance due = Balance.of(terms, worked.net(), new BigDecimal("1706247.14"));
        CanonicalDocument document = SettlementInvoices.balance(
                inputs,
                worked,
                due,
                "STL-CU-EXAMPLE-F",
                "STL-CU-EXAMPLE-P",
                new BigDecimal("1706247.14"),
                LocalDate.of(2025, 12, 1));
        Invoice invoice = (Invoice) document.body();

        assertThat(invoice.invoiceType()).isEqualTo("FINAL");
        assertThat(invoice.lines().get(invoice.lines().size() - 1).description())
                .isEqualTo("Less provisional invoice STL-CU-EXAMPLE-P");
        assertThat(invoice.lines().stream().map(Invoice.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(invoice.totalAmount())
                .isEqualByComparingTo("189583.02");
        assertThat(text(FORMATS.renderer(OutputFormat.X12).render(document))).contains("TDS*18958302");
    }

    @Test
    void everyFormatABuyerMayTakeWritesTheProvisionalInvoice() {
        CanonicalDocument document =
                SettlementInvoices.provisional(inputs, worked, "STL-CU-EXAMPLE-P", LocalDate.of(2025, 10, 12));

        String edifact = text(FORMATS.renderer(OutputFormat.EDIFACT).render(document));
        assertThat(edifact)
                .contains("BGM+325+STL-CU-EXAMPLE-P+9'")
                .contains("MOA+203:-73600.00'")
                .contains("MOA+77:1706247.14'");
        String x12 = text(FORMATS.renderer(OutputFormat.X12).render(document));
        assertThat(x12).contains("STL-CU-EXAMPLE-P").contains("TDS*170624714");
        String json = text(FORMATS.renderer(OutputFormat.CANONICAL_JSON).render(document));
        assertThat(CanonicalJson.readAll(json.getBytes(StandardCharsets.UTF_8))
                        .get(0)
                        .body())
                .isEqualTo(document.body());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
