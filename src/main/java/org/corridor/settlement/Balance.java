package org.corridor.settlement;

import java.math.BigDecimal;
import org.corridor.agreement.PricingTerms;

/**
 * What is left to settle after the final calculation: the final net less the provisional amount already invoiced,
 * as one final invoice, or (when the agreement settles by notes) a debit note the buyer pays or a credit note the
 * seller pays back. {@code amount} is never below 0; {@code balance} is signed (below 0: the seller owes the buyer).
 */
public record Balance(String invoiceType, BigDecimal amount, BigDecimal balance) {

    /** A final invoice for the balance (the default). */
    public static final String FINAL = "FINAL";
    /** The buyer owes more than the provisional invoice. */
    public static final String DEBIT_NOTE = "DEBIT_NOTE";
    /** The seller owes back part of the provisional invoice. */
    public static final String CREDIT_NOTE = "CREDIT_NOTE";

    /** The balance of a lot whose final net is {@code finalNet} and whose provisional invoice was for the amount. */
    public static Balance of(PricingTerms terms, BigDecimal finalNet, BigDecimal provisionalAmount) {
        BigDecimal balance = SettlementCalculator.money(finalNet.subtract(provisionalAmount));
        boolean notes = terms != null && PricingTerms.NOTES.equals(terms.balance());
        String type;
        if (!notes || balance.signum() == 0) {
            // nothing to note: a zero balance closes the lot with a final statement either way
            type = FINAL;
        } else {
            type = balance.signum() > 0 ? DEBIT_NOTE : CREDIT_NOTE;
        }
        return new Balance(type, balance.abs(), balance);
    }
}
