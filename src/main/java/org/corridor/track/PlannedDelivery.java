package org.corridor.track;

import org.corridor.base.DeliveryFormat;

/** One recipient of one document, in the format the agreement names. */
public record PlannedDelivery(String partnerId, DeliveryFormat format) {}
