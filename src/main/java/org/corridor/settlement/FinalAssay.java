package org.corridor.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corridor.agreement.PricingTerms;
import org.corridor.settlement.SettlementCalculator.Step;

/**
 * The final assay of a lot from the exchange of the seller's and the buyer's results: within the splitting limit the
 * mean; beyond it the umpire's result when it lies between the two (inclusive), else the exchange result closer to the
 * umpire's. Analytes without a splitting limit take the mean. See docs/settlement.md.
 */
public final class FinalAssay {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private FinalAssay() {}

    /**
     * The final assay, one step per analyte saying which rule applied. An analyte whose split exceeds its limit and
     * that has no umpire result is left out of the final assay and named in {@code umpireNeeded}.
     */
    public static Determination determine(
            PricingTerms terms,
            Map<String, BigDecimal> seller,
            Map<String, BigDecimal> buyer,
            Map<String, BigDecimal> umpire) {
        Map<String, BigDecimal> umpires = umpire == null ? Map.of() : umpire;
        Set<String> analytes = new LinkedHashSet<>(seller.keySet());
        analytes.addAll(buyer.keySet());
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        Set<String> needed = new LinkedHashSet<>();
        for (String analyte : analytes) {
            BigDecimal s = seller.get(analyte);
            BigDecimal b = buyer.get(analyte);
            String name = "final " + analyte;
            if (s == null || b == null) {
                // one side only: nothing to exchange, so the one result given stands
                BigDecimal only = s == null ? b : s;
                result.put(analyte, only);
                steps.add(new Step(
                        name,
                        "only the " + (s == null ? "buyer" : "seller") + " reported " + analyte + ": " + plain(only),
                        only,
                        null));
                continue;
            }
            BigDecimal split = s.subtract(b).abs();
            BigDecimal limit = terms == null ? null : terms.splittingLimit(analyte);
            String diff = "|" + plain(s) + " − " + plain(b) + "| = " + plain(split);
            if (limit == null || split.compareTo(limit) <= 0) {
                BigDecimal mean = s.add(b).divide(TWO);
                String why = limit == null ? "no splitting limit" : diff + " ≤ splitting limit " + plain(limit);
                steps.add(new Step(name, why + ", so the mean: (" + plain(s) + " + " + plain(b) + ") / 2", mean, null));
                result.put(analyte, mean);
                continue;
            }
            BigDecimal u = umpires.get(analyte);
            String beyond = diff + " > splitting limit " + plain(limit);
            if (u == null) {
                needed.add(analyte);
                steps.add(new Step(name, beyond + ", so an umpire decides; no umpire result given", null, null));
                continue;
            }
            BigDecimal low = s.min(b);
            BigDecimal high = s.max(b);
            if (u.compareTo(low) >= 0 && u.compareTo(high) <= 0) {
                result.put(analyte, u);
                steps.add(new Step(
                        name,
                        beyond + "; umpire " + plain(u) + " lies between " + plain(low) + " and " + plain(high)
                                + ", so the umpire's result",
                        u,
                        null));
            } else {
                // outside the range the nearer end is always strictly nearer, as the two results differ
                boolean sellerCloser =
                        s.subtract(u).abs().compareTo(b.subtract(u).abs()) < 0;
                BigDecimal closer = sellerCloser ? s : b;
                result.put(analyte, closer);
                steps.add(new Step(
                        name,
                        beyond + "; umpire " + plain(u) + " lies outside " + plain(low) + " … " + plain(high)
                                + ", so the " + (sellerCloser ? "seller's" : "buyer's")
                                + " result, the closer to the umpire's",
                        closer,
                        null));
            }
        }
        return new Determination(result, steps, needed);
    }

    /** The final assay per analyte, the steps that led to it, and the analytes still waiting for an umpire. */
    public record Determination(Map<String, BigDecimal> finalAssay, List<Step> steps, Set<String> umpireNeeded) {
        public Determination {
            finalAssay = Collections.unmodifiableMap(new LinkedHashMap<>(finalAssay));
            steps = List.copyOf(steps);
            umpireNeeded = Collections.unmodifiableSet(new LinkedHashSet<>(umpireNeeded));
        }

        /** Whether every analyte has a final value. */
        public boolean complete() {
            return umpireNeeded.isEmpty();
        }
    }

    static String plain(BigDecimal value) {
        return value == null ? "none" : value.toPlainString();
    }
}
