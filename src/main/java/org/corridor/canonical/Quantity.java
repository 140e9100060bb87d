package org.corridor.canonical;

import java.math.BigDecimal;

/** An amount with its unit (T, KG, G, LB, PCT, PPM, G_PER_T, BQ_PER_G, USV_PER_H, EA) and, for masses, WET or DRY. */
public record Quantity(BigDecimal value, String unit, String basis) {}
