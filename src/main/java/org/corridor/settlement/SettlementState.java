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

    /** The two invoices of a settlement (the column {@code settlements.stage} holds these names). */
    public enum Stage {
        PROVISIONAL,
        FINAL
    }

    /**
     * Where a stage stands ({@code settlements.state}): waiting for an input; its invoice committed and being written
     * into the intake; written.
     */
    public enum State {
        WAITING,
        ISSUING,
        ISSUED
    }

    public boolean issued() {
        return State.ISSUED.name().equals(state);
    }
}
