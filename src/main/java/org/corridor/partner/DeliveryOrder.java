package org.corridor.partner;

import org.corridor.base.DeliveryFormat;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;

/**
 * One document for one recipient, in the format the agreement names. {@code content} is set when the bytes were
 * written while planning (an EDI acknowledgement, whose control number and faults are known only then), with the
 * file name they go under.
 */
public record DeliveryOrder(
        CanonicalDocument document, String partnerId, DeliveryFormat format, byte[] content, String outputName) {

    public DeliveryOrder(CanonicalDocument document, String partnerId, OutputFormat format) {
        this(document, partnerId, format, null, null);
    }
}
