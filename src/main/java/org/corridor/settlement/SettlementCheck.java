package org.corridor.settlement;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A partner's own invoice for a shipment against the gateway's calculation: both figures, the difference and the
 * agreement's tolerance; {@code outcome} is {@code AGREES}, {@code DIFFERS} (beyond the tolerance: a finding) or
 * {@code NOT_CHECKED} (the gateway cannot calculate it yet: {@code detail} says why).
 */
public record SettlementCheck(
        String documentId,
        String shipmentRef,
        String invoiceNo,
        String invoiceType,
        BigDecimal statedAmount,
        BigDecimal computedAmount,
        BigDecimal difference,
        BigDecimal tolerance,
        String outcome,
        String detail,
        OffsetDateTime checkedAt) {

    /** What the check found ({@code settlement_checks.outcome}). */
    public enum Outcome {
        AGREES,
        DIFFERS,
        NOT_CHECKED
    }

    public boolean differs() {
        return Outcome.DIFFERS.name().equals(outcome);
    }
}
