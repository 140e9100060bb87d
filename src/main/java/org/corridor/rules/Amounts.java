package org.corridor.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Quantity;

/**
 * Conversions the agreement rules and the allowance ledger need between canonical units: grades ({@code PCT},
 * {@code PPM}, {@code G_PER_T}) and masses ({@code T}, {@code KG}, {@code G}, {@code LB}). These are definitions of
 * the units (1 % = 10,000 ppm, 1 g/t = 1 ppm, 1 lb = 0.45359237 kg exactly), not rates that change.
 */
public final class Amounts {

    private static final BigDecimal PPM_PER_PCT = new BigDecimal("10000");
    private static final BigDecimal KG_PER_T = new BigDecimal("1000");
    private static final BigDecimal G_PER_T = new BigDecimal("1000000");
    private static final BigDecimal KG_PER_LB = new BigDecimal("0.45359237");

    private Amounts() {}

    /** A grade in parts per million, for a unit that is a grade; empty for any other unit. */
    static Optional<BigDecimal> ppm(BigDecimal value, String unit) {
        if (value == null || unit == null) {
            return Optional.empty();
        }
        return switch (unit) {
            case "PCT" -> Optional.of(value.multiply(PPM_PER_PCT));
            case "PPM", "G_PER_T" -> Optional.of(value);
            default -> Optional.empty();
        };
    }

    /** A grade converted from one grade unit to another (PCT, PPM, G_PER_T); empty when either is not a grade. */
    public static Optional<BigDecimal> convert(BigDecimal value, String from, String to) {
        if (from != null && from.equals(to)) {
            return Optional.of(value);
        }
        Optional<BigDecimal> ppm = ppm(value, from);
        if (ppm.isEmpty() || ppm(BigDecimal.ONE, to).isEmpty()) {
            return Optional.empty();
        }
        BigDecimal onePpmInTarget = "PCT".equals(to) ? BigDecimal.ONE.divide(PPM_PER_PCT) : BigDecimal.ONE;
        return Optional.of(ppm.get().multiply(onePpmInTarget));
    }

    /** Tonnes for a mass quantity (T, KG, G, LB, whatever its basis); empty for a quantity that is not a mass. */
    static Optional<BigDecimal> tonnes(Quantity quantity) {
        if (quantity == null || quantity.value() == null || quantity.unit() == null) {
            return Optional.empty();
        }
        BigDecimal v = quantity.value();
        return switch (quantity.unit()) {
            case "T" -> Optional.of(v);
            case "KG" -> Optional.of(v.divide(KG_PER_T));
            case "G" -> Optional.of(v.divide(G_PER_T));
            case "LB" -> Optional.of(v.multiply(KG_PER_LB).divide(KG_PER_T, MathContext.DECIMAL64));
            default -> Optional.empty();
        };
    }

    /**
     * A declaration line's quantity in tonnes (its declared basis as is), else its net weight, at this scale; empty
     * when it has neither. What quotas and permits are counted in.
     */
    static Optional<BigDecimal> lineTonnes(CustomsDeclaration.Line line, int scale) {
        Optional<BigDecimal> tonnes = tonnes(line.quantity());
        if (tonnes.isEmpty() && line.netWeightKg() != null) {
            tonnes = Optional.of(tonnesOfKg(line.netWeightKg()));
        }
        return tonnes.map(t -> t.setScale(scale, RoundingMode.HALF_UP));
    }

    /** Tonnes for a weight in kilograms. */
    static BigDecimal tonnesOfKg(BigDecimal kg) {
        return kg.divide(KG_PER_T);
    }

    /** A number as a clerk reads it: no exponent, no trailing zeros beyond what was written. */
    static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    /** A computed number: trailing zeros dropped, never in exponent notation. */
    static String computed(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** The unit as a clerk writes it after a number. */
    static String symbol(String unit) {
        if (unit == null) {
            return "";
        }
        return switch (unit) {
            case "PCT" -> "%";
            case "PPM" -> "ppm";
            case "G_PER_T" -> "g/t";
            case "T" -> "t";
            case "KG" -> "kg";
            case "G" -> "g";
            case "LB" -> "lb";
            default -> unit;
        };
    }
}
