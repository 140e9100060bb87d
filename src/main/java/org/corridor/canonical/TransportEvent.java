package org.corridor.canonical;

import java.time.OffsetDateTime;

/**
 * Body of a TRANSPORT_EVENT: one status of a container or vessel (X12 315 B403, EDIFACT IFTSTA STS). {@code event} is
 * GATE_IN, LOADED, DEPARTED, ARRIVED, DISCHARGED, CUSTOMS_RELEASED, GATE_OUT or OTHER; {@code sourceCode} the code as
 * sent; {@code location} a UN/LOCODE.
 */
public record TransportEvent(
        String event,
        String sourceCode,
        OffsetDateTime eventTime,
        String location,
        String containerNo,
        String blNo,
        String bookingNo,
        Vessel vessel)
        implements DocumentBody {

    @Override
    public DocumentKind kind() {
        return DocumentKind.TRANSPORT_EVENT;
    }
}
