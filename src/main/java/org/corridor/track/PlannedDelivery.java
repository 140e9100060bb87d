package org.corridor.track;

/** One recipient of one document, in the format the agreement names. */
public record PlannedDelivery(String partnerId, String format) {
}
