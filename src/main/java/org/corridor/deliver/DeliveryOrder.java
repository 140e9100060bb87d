package org.corridor.deliver;

import org.corridor.canonical.CanonicalDocument;

/** One document for one recipient, in the format the agreement names. */
public record DeliveryOrder(CanonicalDocument document, String partnerId, String format) {
}
