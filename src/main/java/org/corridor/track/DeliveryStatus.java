package org.corridor.track;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Where one delivery (a document to one partner) stands; the column `deliveries.status` holds only these names. */
public enum DeliveryStatus {
    /** Planned, not yet sent (or due again after a forced replay). */
    PENDING,
    /** Sent and accepted by the channel (file written, HTTP 2xx, SFTP closed, JMS committed). */
    DELIVERED,
    /** The partner's acknowledgement (CONTRL, 997, 999) accepted it. */
    ACKNOWLEDGED,
    /** The partner's acknowledgement rejected it; the partner has it, so it is not sent again. */
    NEGATIVE_ACK,
    /** Delivered, but the acknowledgement the partner owes did not come in time. */
    ACK_OVERDUE,
    /** Not delivered after its retries; replayable. */
    FAILED;

    /** The statuses that mean the partner has the document: none of them is sent again. */
    public static final Set<DeliveryStatus> REACHED = EnumSet.of(DELIVERED, ACKNOWLEDGED, NEGATIVE_ACK, ACK_OVERDUE);

    /** Whether the partner has the document. */
    public boolean reached() {
        return REACHED.contains(this);
    }

    /** The names as an SQL list, {@code ('A', 'B')}, for statements that test a status column. */
    static String sqlList(Set<? extends Enum<?>> values) {
        return values.stream().map(v -> "'" + v.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
