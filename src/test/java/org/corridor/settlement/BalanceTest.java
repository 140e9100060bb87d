package org.corridor.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.corridor.agreement.PricingTerms;
import org.junit.jupiter.api.Test;

class BalanceTest {

    private static PricingTerms settledAs(String balanceAs) {
        PricingTerms copper = SettlementCalculatorTest.copper();
        return new PricingTerms(
                copper.currency(),
                copper.price(),
                copper.basis(),
                copper.payable(),
                copper.tcPerDmt(),
                copper.rcPerLb(),
                copper.penalties(),
                copper.gradeAdjustments(),
                copper.provisionalPct(),
                copper.quotationalPeriod(),
                copper.splittingLimits(),
                copper.invoiceTolerance(),
                balanceAs);
    }

    @Test
    void finalInvoiceCarriesTheBalanceOverTheProvisionalAmount() {
        // final net of the umpire-between case against the worked example's provisional invoice
        Balance b = Balance.of(settledAs(null), new BigDecimal("1904407.92"), new BigDecimal("1706247.14"));

        assertThat(b).isEqualTo(new Balance("FINAL", new BigDecimal("198160.78"), new BigDecimal("198160.78")));
    }

    @Test
    void aNegativeBalanceIsACreditNoteEvenWhenTheAgreementSettlesByFinalInvoice() {
        Balance b = Balance.of(settledAs("FINAL_INVOICE"), new BigDecimal("1000.00"), new BigDecimal("1200.50"));

        assertThat(b).isEqualTo(new Balance("CREDIT_NOTE", new BigDecimal("200.50"), new BigDecimal("-200.50")));
    }

    @Test
    void notesSettleAPositiveBalanceWithADebitNote() {
        Balance b = Balance.of(settledAs("NOTES"), new BigDecimal("1904407.92"), new BigDecimal("1706247.14"));

        assertThat(b).isEqualTo(new Balance("DEBIT_NOTE", new BigDecimal("198160.78"), new BigDecimal("198160.78")));
    }

    @Test
    void notesSettleANegativeBalanceWithACreditNote() {
        // the provisional invoice paid 90 % of 1,895,830.16; a final net of 1,700,000.00 is below it
        Balance b = Balance.of(settledAs("NOTES"), new BigDecimal("1700000.00"), new BigDecimal("1706247.14"));

        assertThat(b).isEqualTo(new Balance("CREDIT_NOTE", new BigDecimal("6247.14"), new BigDecimal("-6247.14")));
    }

    @Test
    void notesWithNothingLeftCloseWithAFinalStatementOfZero() {
        Balance b = Balance.of(settledAs("NOTES"), new BigDecimal("100.00"), new BigDecimal("100.00"));

        assertThat(b).isEqualTo(new Balance("FINAL", new BigDecimal("0.00"), new BigDecimal("0.00")));
    }
}
