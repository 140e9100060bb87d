package org.corridor.settlement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corridor.agreement.PricingTerms;

/**
 * Computes the value of a lot from its weight, moisture, final assay and price under an agreement's pricing terms, in
 * {@code BigDecimal} with the rounding docs/settlement.md states: tonnes to 0.001 t, pounds to whole pounds, money
 * HALF_UP to the cent at each money step. Every step is kept in words an auditor can redo by hand.
 */
public final class SettlementCalculator {

    /** Pounds in one metric tonne. */
    public static final BigDecimal LB_PER_T = new BigDecimal("2204.62262");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final MathContext WORKING = MathContext.DECIMAL128;

    private SettlementCalculator() {}

    /**
     * The calculation for {@code wmt} wet tonnes at {@code moisturePct} per cent moisture, the (final or provisional)
     * {@code assay} and {@code price} in the unit of the terms' price series.
     *
     * @throws SettlementException when an input the terms need is missing or out of range
     */
    public static Calculation calculate(
            PricingTerms terms,
            String commodity,
            BigDecimal wmt,
            BigDecimal moisturePct,
            Map<String, BigDecimal> assay,
            BigDecimal price) {
        String where = "commodity " + commodity;
        if (terms == null) {
            throw new SettlementException(where + " has no pricing terms in the agreement");
        }
        require(wmt, "the wet weight (WMT)", where);
        require(moisturePct, "the moisture (H2O %)", where);
        require(price, "the price", where);
        if (wmt.signum() < 0) {
            throw new SettlementException(where + ": the wet weight " + wmt.toPlainString() + " t is below 0");
        }
        if (moisturePct.signum() < 0 || moisturePct.compareTo(HUNDRED) >= 0) {
            throw new SettlementException(where + ": the moisture " + moisturePct.toPlainString()
                    + " % is not between 0 and 100 (below 100)");
        }
        if (price.signum() < 0) {
            throw new SettlementException(where + ": the price " + price.toPlainString() + " is below 0");
        }
        if (terms.payable() == null || terms.payable().analyte() == null) {
            throw new SettlementException(where + ": the pricing terms name no payable analyte");
        }
        String cur = terms.currency();
        List<Step> steps = new ArrayList<>();

        BigDecimal dmt = wmt.multiply(BigDecimal.ONE.subtract(moisturePct.movePointLeft(2)))
                .setScale(3, RoundingMode.HALF_UP);
        steps.add(new Step(
                "DMT",
                "WMT × (1 − H2O/100) = " + p(wmt) + " × (1 − " + p(moisturePct) + "/100), to 0.001 t",
                dmt,
                "t"));

        String analyte = terms.payable().analyte();
        BigDecimal grade = assayValue(assay, analyte, where, "it is the paid content");
        boolean contained = PricingTerms.CONTAINED.equals(terms.basis());
        BigDecimal payable;
        BigDecimal quantity;
        BigDecimal value;
        BigDecimal unitPrice = price;
        BigDecimal tc = money(BigDecimal.ZERO);
        BigDecimal rc = money(BigDecimal.ZERO);
        if (contained) {
            payable = grade;
            steps.add(new Step("grade", analyte + " of the assay", grade, "%"));
            quantity = dmt.multiply(grade).movePointLeft(2).setScale(3, RoundingMode.HALF_UP);
            steps.add(new Step(
                    "contained " + analyte,
                    "DMT × " + analyte + "/100 = " + p(dmt) + " × " + p(grade) + "/100, to 0.001 t",
                    quantity,
                    "t"));
            for (PricingTerms.GradeAdjustment g : terms.gradeAdjustments()) {
                BigDecimal a = assayValue(assay, g.analyte(), where, "its grade adjusts the price");
                BigDecimal stepsAway = a.subtract(g.base()).divide(g.step(), WORKING);
                BigDecimal factor =
                        BigDecimal.ONE.add(g.pricePctPerStep().movePointLeft(2).multiply(stepsAway));
                BigDecimal adjusted = money(unitPrice.multiply(factor));
                steps.add(new Step(
                        "price adjusted for " + g.analyte(),
                        "price × (1 + " + p(g.pricePctPerStep()) + "/100 × (" + p(a) + " − " + p(g.base()) + ") / "
                                + p(g.step()) + ") = " + p(unitPrice) + " × " + p(factor.stripTrailingZeros())
                                + ", to the cent",
                        adjusted,
                        priceUnit(terms)));
                unitPrice = adjusted;
            }
            BigDecimal priced = inPriceUnit(terms, quantity, steps, analyte);
            value = money(priced.multiply(unitPrice));
            steps.add(new Step(
                    "value",
                    "contained quantity × price = " + p(priced) + " × " + p(unitPrice) + ", to the cent",
                    value,
                    cur));
        } else {
            PricingTerms.Payable terms1 = terms.payable();
            BigDecimal byPercent =
                    exactAtScaleOf(grade.multiply(terms1.percent()).movePointLeft(2), grade);
            BigDecimal byDeduction =
                    terms1.minimumDeduction() == null ? byPercent : grade.subtract(terms1.minimumDeduction());
            payable = byPercent.min(byDeduction).max(BigDecimal.ZERO);
            steps.add(new Step(
                    "payable " + analyte,
                    "min(" + analyte + " × " + p(terms1.percent()) + "/100, " + analyte + " − "
                            + p(terms1.minimumDeduction() == null ? BigDecimal.ZERO : terms1.minimumDeduction())
                            + ") = min(" + p(byPercent) + ", " + p(byDeduction) + "), never below 0",
                    payable,
                    "%"));
            quantity = dmt.multiply(payable).movePointLeft(2).setScale(3, RoundingMode.HALF_UP);
            steps.add(new Step(
                    "payable metal",
                    "DMT × payable/100 = " + p(dmt) + " × " + p(payable) + "/100, to 0.001 t",
                    quantity,
                    "t"));
            BigDecimal priced = inPriceUnit(terms, quantity, steps, analyte);
            value = money(priced.multiply(price));
            steps.add(new Step(
                    "value", "payable metal × price = " + p(priced) + " × " + p(price) + ", to the cent", value, cur));
            if (terms.tcPerDmt() != null && terms.tcPerDmt().signum() != 0) {
                tc = money(dmt.multiply(terms.tcPerDmt()));
                steps.add(new Step(
                        "TC", "DMT × TC per dmt = " + p(dmt) + " × " + p(terms.tcPerDmt()) + ", to the cent", tc, cur));
            }
            if (terms.rcPerLb() != null && terms.rcPerLb().signum() != 0) {
                BigDecimal lb = quantity.multiply(LB_PER_T).setScale(0, RoundingMode.HALF_UP);
                steps.add(new Step(
                        "payable lb",
                        "payable metal × " + p(LB_PER_T) + " = " + p(quantity) + " × " + p(LB_PER_T)
                                + ", to whole pounds",
                        lb,
                        "lb"));
                rc = money(lb.multiply(terms.rcPerLb()));
                steps.add(new Step(
                        "RC",
                        "payable lb × RC per lb = " + p(lb) + " × " + p(terms.rcPerLb()) + ", to the cent",
                        rc,
                        cur));
            }
        }

        List<PenaltyCharge> charges = new ArrayList<>();
        BigDecimal penalties = money(BigDecimal.ZERO);
        for (PricingTerms.Penalty pen : terms.penalties()) {
            BigDecimal v = assayValue(assay, pen.analyte(), where, "the penalty schedule names it");
            BigDecimal excess = v.subtract(pen.threshold()).max(BigDecimal.ZERO);
            // the amount is computed from the unrounded steps, so only the money is rounded (once, to the cent)
            BigDecimal amount =
                    money(dmt.multiply(excess).multiply(pen.ratePerDmt()).divide(pen.step(), WORKING));
            BigDecimal stepCount = excess.divide(pen.step(), WORKING)
                    .setScale(4, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
            if (stepCount.scale() < 0) {
                stepCount = stepCount.setScale(0);
            }
            String unit = "PPM".equals(pen.unit()) ? " ppm" : " %";
            steps.add(new Step(
                    "penalty " + pen.analyte(),
                    excess.signum() == 0
                            ? pen.analyte() + " " + p(v) + unit + " is at or below the threshold " + p(pen.threshold())
                                    + unit + ": no penalty"
                            : "DMT × (" + pen.analyte() + " − threshold) / step × rate = " + p(dmt) + " × ("
                                    + p(v) + " − " + p(pen.threshold()) + ") / " + p(pen.step()) + " × "
                                    + p(pen.ratePerDmt()) + " (" + p(stepCount) + " steps), to the cent",
                    amount,
                    cur));
            charges.add(new PenaltyCharge(pen.analyte(), v, pen.threshold(), stepCount, amount));
            penalties = penalties.add(amount);
        }
        if (charges.size() > 1) {
            steps.add(new Step("penalties", "sum of the penalties", penalties, cur));
        }

        BigDecimal net = value.subtract(tc).subtract(rc).subtract(penalties);
        steps.add(new Step(
                "net",
                "value − TC − RC − penalties = " + p(value) + " − " + p(tc) + " − " + p(rc) + " − " + p(penalties),
                net,
                cur));
        BigDecimal provisionalPct = terms.provisionalPct() == null ? HUNDRED : terms.provisionalPct();
        BigDecimal provisional = money(net.multiply(provisionalPct).movePointLeft(2));
        steps.add(new Step(
                "provisional amount",
                "net × " + p(provisionalPct) + "/100 = " + p(net) + " × " + p(provisionalPct) + "/100, to the cent",
                provisional,
                cur));

        return new Calculation(
                commodity,
                cur,
                wmt,
                moisturePct,
                dmt,
                assay,
                payable,
                quantity,
                unitPrice,
                value,
                tc,
                rc,
                charges,
                penalties,
                net,
                provisionalPct,
                provisional,
                steps);
    }

    /** The quantity in the unit the price is quoted per: tonnes, kilograms, or whole pounds. */
    private static BigDecimal inPriceUnit(PricingTerms terms, BigDecimal tonnes, List<Step> steps, String analyte) {
        String unit = terms.price() == null ? null : terms.price().unit();
        if (unit == null || "USD_PER_T".equals(unit)) {
            return tonnes;
        }
        if ("USD_PER_KG".equals(unit)) {
            BigDecimal kg = tonnes.multiply(THOUSAND).setScale(0, RoundingMode.HALF_UP);
            steps.add(new Step(analyte + " kg", p(tonnes) + " t × 1000", kg, "kg"));
            return kg;
        }
        if ("USD_PER_LB".equals(unit)) {
            BigDecimal lb = tonnes.multiply(LB_PER_T).setScale(0, RoundingMode.HALF_UP);
            steps.add(new Step(analyte + " lb", p(tonnes) + " t × " + p(LB_PER_T) + ", to whole pounds", lb, "lb"));
            return lb;
        }
        throw new SettlementException("the price unit \"" + unit + "\" is not one of " + PricingTerms.PRICE_UNITS);
    }

    private static String priceUnit(PricingTerms terms) {
        return terms.price() == null || terms.price().unit() == null
                ? null
                : terms.price().unit();
    }

    private static BigDecimal assayValue(Map<String, BigDecimal> assay, String analyte, String where, String why) {
        BigDecimal v = assay == null ? null : assay.get(analyte);
        if (v == null) {
            throw new SettlementException(
                    where + ": the assay has no " + analyte + ", which the pricing terms need (" + why + ")");
        }
        return v;
    }

    private static void require(BigDecimal value, String what, String where) {
        if (value == null) {
            throw new SettlementException(where + ": " + what + " is missing");
        }
    }

    /** The same number without trailing zeros beyond the scale of {@code like} (23.16000 → 23.16, 23.00 stays). */
    private static BigDecimal exactAtScaleOf(BigDecimal value, BigDecimal like) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < like.scale() ? stripped.setScale(like.scale()) : stripped;
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String p(BigDecimal value) {
        return FinalAssay.plain(value);
    }

    /** The whole calculation of one lot, with every step; {@code price} is the (grade-adjusted) unit price used. */
    public record Calculation(
            String commodity,
            String currency,
            BigDecimal wmt,
            BigDecimal moisturePct,
            BigDecimal dmt,
            Map<String, BigDecimal> finalAssay,
            BigDecimal payable,
            BigDecimal payableQuantity,
            BigDecimal price,
            BigDecimal value,
            BigDecimal tc,
            BigDecimal rc,
            List<PenaltyCharge> penaltyCharges,
            BigDecimal penalties,
            BigDecimal net,
            BigDecimal provisionalPct,
            BigDecimal provisionalAmount,
            List<Step> steps) {
        public Calculation {
            finalAssay = finalAssay == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(finalAssay));
            penaltyCharges = penaltyCharges == null ? List.of() : List.copyOf(penaltyCharges);
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** One penalty element: the assay value, its threshold, the (pro rata) steps above it and the amount. */
    public record PenaltyCharge(
            String analyte, BigDecimal value, BigDecimal threshold, BigDecimal steps, BigDecimal amount) {}

    /** One step of a calculation, in words an auditor can redo by hand, with its result and unit. */
    public record Step(String name, String formula, BigDecimal result, String unit) {}
}
