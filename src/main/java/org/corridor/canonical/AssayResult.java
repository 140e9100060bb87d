package org.corridor.canonical;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One measured value of one analyte in one sample. {@code qualifier} is {@code <} or {@code >} for a value at a
 * detection limit (the value is the limit, never coerced to zero), otherwise absent.
 */
public record AssayResult(
        String lotNo,
        String sampleId,
        String sampleRole,
        String analyte,
        BigDecimal value,
        String qualifier,
        String unit,
        String basis,
        String method,
        LocalDate analysisDate) {}
