package org.corridor.settlement;

import java.math.BigDecimal;
import org.corridor.agreement.PricingTerms;

/**
 * What is left to settle after the final calculation: the final net less the provisional amount already invoiced.
 * Owed to the seller: a final invoice (or, when the agreement settles by notes, a debit note); owed back to the buyer:
 * a credit note either way, since no invoice asks for less than nothing; nothing left: a final invoice of 0.00. {@code amount} is never below 0; {@code balance} is signed (below 0: the seller owes the buyer).
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
        if (balance.signum() < 0) {
            // an invoice cannot ask the buyer for less than nothing: what the seller owes back is a credit note
            type = CREDIT_NOTE;
        } else if (notes && balance.signum() > 0) {
            type = DEBIT_NOTE;
        } else {
            // the balance due to the seller, or a zero balance that closes the lot, is a final invoice
            type = FINAL;
        }
        return new Balance(type, balance.abs(), balance);
    }
}
