package org.corridor.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * How a commodity of an agreement is priced and settled ({@code pricing:} under a commodity in the agreement file): the
 * price series, the basis (payable metal with treatment/refining charges, or contained metal/oxide with grade
 * adjustments), penalties, the provisional share, the quotational period, splitting limits of the assay exchange, the
 * tolerance a partner's invoice is checked with and how the balance is settled. See docs/settlement.md.
 */
public record PricingTerms(
        String currency,
        PriceRef price,
        String basis,
        Payable payable,
        BigDecimal tcPerDmt,
        BigDecimal rcPerLb,
        List<Penalty> penalties,
        List<GradeAdjustment> gradeAdjustments,
        BigDecimal provisionalPct,
        QuotationalPeriod quotationalPeriod,
        List<SplittingLimit> splittingLimits,
        BigDecimal invoiceTolerance,
        String balanceAs) {

    /** Concentrates: a payable share of the metal content, less treatment and refining charges. */
    public static final String PAYABLE_METAL = "PAYABLE_METAL";
    /** Metal or oxide paid per unit of contained content, the price adjusted by grade. */
    public static final String CONTAINED = "CONTAINED";
    /** The bases a commodity is priced on. */
    public static final List<String> BASES = List.of(PAYABLE_METAL, CONTAINED);
    /** The balance after the final calculation is one final invoice (the default). */
    public static final String FINAL_INVOICE = "FINAL_INVOICE";
    /** The balance after the final calculation is a debit or a credit note. */
    public static final String NOTES = "NOTES";
    /** The ways the balance is settled. */
    public static final List<String> BALANCE_KINDS = List.of(FINAL_INVOICE, NOTES);
    /** The units a price series is quoted in. */
    public static final List<String> PRICE_UNITS = List.of("USD_PER_T", "USD_PER_KG", "USD_PER_LB");
    /** The units a penalty's threshold and step are written in. */
    public static final List<String> PENALTY_UNITS = List.of("PCT", "PPM");

    public PricingTerms {
        penalties = penalties == null ? List.of() : List.copyOf(penalties);
        gradeAdjustments = gradeAdjustments == null ? List.of() : List.copyOf(gradeAdjustments);
        splittingLimits = splittingLimits == null ? List.of() : List.copyOf(splittingLimits);
    }

    /** How the balance is settled: {@link #FINAL_INVOICE} when the agreement names nothing. */
    public String balance() {
        return balanceAs == null ? FINAL_INVOICE : balanceAs;
    }

    /** The splitting limit of this analyte, or null when the agreement names none (the mean is then final). */
    public BigDecimal splittingLimit(String analyte) {
        return splittingLimits.stream()
                .filter(l -> l.analyte() != null && l.analyte().equals(analyte))
                .map(SplittingLimit::limit)
                .findFirst()
                .orElse(null);
    }

    /**
     * The price series that values the paid content: metal and source as the price file names them (e.g. CU, LME),
     * and the unit of the price ({@code USD_PER_T}, {@code USD_PER_KG}, {@code USD_PER_LB}).
     */
    public record PriceRef(String metal, String unit, String source) {}

    /**
     * The paid analyte. PAYABLE_METAL: payable % = min(A × percent/100, A − minimumDeduction), never below 0.
     * CONTAINED: only the analyte (the grade whose contained quantity is paid).
     */
    public record Payable(String analyte, BigDecimal percent, BigDecimal minimumDeduction) {}

    /**
     * A penalty element: above {@code threshold} (in {@code unit}, PCT or PPM) the seller pays {@code ratePerDmt} per dry
     * tonne for each {@code step}, pro rata for part steps.
     */
    public record Penalty(String analyte, String unit, BigDecimal threshold, BigDecimal step, BigDecimal ratePerDmt) {}

    /**
     * CONTAINED: the price rises by {@code pricePctPerStep} per cent for each {@code step} of the analyte above
     * {@code base}, and falls as much below it (pro rata).
     */
    public record GradeAdjustment(String analyte, BigDecimal base, BigDecimal step, BigDecimal pricePctPerStep) {}

    /** The largest difference between the seller's and the buyer's result (in the analyte's unit) that is split. */
    public record SplittingLimit(String analyte, BigDecimal limit) {}

    /** QP: the calendar month of the B/L (shipped-on-board) date plus monthOffset (M+1 = 1). */
    public record QuotationalPeriod(int monthOffset) {

        /** The days whose prices are averaged for a lot shipped on board on {@code blDate}, both ends included. */
        public Period range(LocalDate blDate) {
            YearMonth month = YearMonth.from(blDate).plusMonths(monthOffset);
            return new Period(month.atDay(1), month.atEndOfMonth());
        }

        /** A span of days, both ends included. */
        public record Period(LocalDate from, LocalDate to) {}
    }
}
