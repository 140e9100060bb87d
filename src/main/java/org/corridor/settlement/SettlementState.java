package org.corridor.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One stage of a shipment's settlement as it stands: {@code PROVISIONAL} or {@code FINAL}, {@code WAITING} with the
 * reason or {@code ISSUED} with its invoice (number, type, amount, the file the gateway took in), and the
 * calculation with every input and step.
 */
public record SettlementState(
        String shipmentRef,
        String stage,
        String agreementRef,
        String commodity,
        String state,
        String reason,
        String invoiceNo,
        String invoiceType,
        String currency,
        BigDecimal amount,
        String invoiceFile,
        JsonNode calculation,
        OffsetDateTime updatedAt) {

    public boolean issued() {
        return SettlementService.ISSUED.equals(state);
    }
}
