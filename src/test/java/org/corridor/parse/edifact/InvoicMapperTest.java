package org.corridor.parse.edifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.corridor.canonical.Invoice;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

class InvoicMapperTest {

    private static Invoice invoice(String bgm, String reference, String... lineAndTotals) {
        String[] head = {bgm, "DTM+137:20251020:102", reference, "CUX+2:USD:4"};
        String[] all = new String[head.length + lineAndTotals.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(lineAndTotals, 0, all, head.length, lineAndTotals.length);
        return (Invoice) EdifactFixtures.parse("INVOIC", all).get(0).body();
    }

    @Test
    void commercialInvoiceReferringToThePreviousOneIsTheFinalInvoice() {
        Invoice fin = invoice(
                "BGM+380+FWO-FINV-2025-0201+9",
                "RFF+OI:FWO-PINV-2025-0201",
                "LIN+1",
                "QTY+47:920:TNE",
                "MOA+203:100.50",
                "UNS+S",
                "MOA+77:100.50");
        assertThat(fin.invoiceType()).isEqualTo("FINAL");
        assertThat(fin.issueDate()).hasToString("2025-10-20");
        assertThat(fin.contractRef()).isNull();
        Invoice commercial = invoice(
                "BGM+380+FWO-INV-2025-0147+9",
                "RFF+CT:USSM-FWO-2025-CU-001",
                "LIN+1",
                "MOA+203:38412.75",
                "UNS+S",
                "MOA+79:38412.75");
        assertThat(commercial.invoiceType()).isEqualTo("COMMERCIAL");
        assertThat(commercial.totalAmount()).isEqualByComparingTo("38412.75");
        assertThat(commercial.contractRef()).isEqualTo("USSM-FWO-2025-CU-001");
    }

    @Test
    void readsDecimalCommaAndWetBasisExactly() {
        Invoice invoice = invoice(
                "BGM+325+P-1+9",
                "RFF+CT:C-1",
                "LIN+1",
                "MEA+WT+AAL:::WET+KGM:21283,4",
                "QTY+47:21283,4:KGM",
                "MOA+203:0,10",
                "PRI+CAL:0,0000047",
                "LIN+2",
                "MOA+203:0,20",
                "UNS+S",
                "MOA+77:0,30");
        Invoice.Line line = invoice.lines().get(0);
        assertThat(line.quantity().value()).isEqualByComparingTo("21283.4");
        assertThat(line.quantity().unit()).isEqualTo("KG");
        assertThat(line.quantity().basis()).isEqualTo("WET");
        assertThat(line.unitPrice()).hasToString("0.0000047");
        assertThat(invoice.totalAmount()).hasToString("0.30");
        assertThat(invoice.lines().get(1).quantity()).isNull();
    }

    @Test
    void refusesALineWithoutAmountAndATotalOfLineItemsThatDiffers() {
        assertThatThrownBy(
                        () -> invoice("BGM+383+D-1+9", "RFF+CT:C-1", "LIN+1", "QTY+47:1:TNE", "UNS+S", "MOA+77:5.00"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_SEGMENT_MISSING);
                    assertThat(e.problem().location().segment()).isEqualTo("LIN");
                });
        assertThatThrownBy(() -> invoice(
                        "BGM+381+C-1+9", "RFF+CT:C-1", "LIN+1", "MOA+203:5.00", "UNS+S", "MOA+79:5.01", "MOA+77:5.00"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_TOTALS);
                    assertThat(e.problem().message())
                            .contains("MOA+79")
                            .contains("5.01")
                            .contains("5.00");
                });
    }

    @Test
    void refusesAnInvoiceWithoutADocumentNameCodeAtBgm01() {
        // C002 is conditional in D96A, so the schema lets an empty BGM01 through; the mapper switched on null
        assertThatThrownBy(() -> invoice(
                        "BGM++FWO-INV-2025-0147+9", "RFF+CT:C-1", "LIN+1", "MOA+203:5.00", "UNS+S", "MOA+77:5.00"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_ELEMENT_MISSING);
                    assertThat(e.problem().location().field()).isEqualTo("BGM01-1");
                    assertThat(e.problem().message()).contains("380 (commercial invoice)");
                });
    }

    @Test
    void refusesAnAmountWithAnExponentNoSumCouldHold() {
        // before: ArithmeticException ("BigInteger would overflow supported range") adding the line amounts
        assertThatThrownBy(() -> invoice(
                        "BGM+380+I-1+9",
                        "RFF+CT:C-1",
                        "LIN+1",
                        "MOA+203:1E999999999",
                        "LIN+2",
                        "MOA+203:5.00",
                        "UNS+S",
                        "MOA+77:5.00"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_NUMBER);
                    assertThat(e.problem().location().field()).isEqualTo("MOA01-2");
                });
    }
}
