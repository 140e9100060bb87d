package org.corridor.parse.csv;

import java.math.BigDecimal;
import java.util.List;
import org.corridor.canonical.AssayResult;

/**
 * The commodity of a certificate sent without one, inferred from its results the same way for both CSV forms and the
 * X12 863.
 */
public final class AssayCommodity {

    /** Antimony at or above this grade is refined metal (ingot), below it a concentrate. */
    private static final BigDecimal INGOT_MIN_SB_PCT = new BigDecimal("99");

    private AssayCommodity() {}

    /**
     * Documented in the MIGs, in this order: rare-earth oxides are reported as TREO; refined antimony is at least
     * 99 % Sb (and may list Cu as an impurity, so it is tested before copper); copper concentrate reports Cu.
     */
    public static String infer(List<AssayResult> results) {
        if (has(results, "TREO")) {
            return "NDPR_OXIDE";
        }
        boolean ingot = results.stream()
                .anyMatch(r -> r.analyte().equals("Sb")
                        && r.unit().equals("PCT")
                        && r.value().compareTo(INGOT_MIN_SB_PCT) >= 0);
        if (ingot) {
            return "SB_INGOT";
        }
        if (has(results, "Cu")) {
            return "CU_CONC";
        }
        return has(results, "Sb") ? "SB_CONC" : "OTHER";
    }

    private static boolean has(List<AssayResult> results, String analyte) {
        return results.stream().anyMatch(r -> r.analyte().equals(analyte));
    }
}
