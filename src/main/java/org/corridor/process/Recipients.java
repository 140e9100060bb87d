package org.corridor.process;

import java.util.List;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.partner.DeliveryOrder;
import org.corridor.render.edi.EdiOutbound;
import org.corridor.track.PlannedDelivery;
import org.corridor.track.TrackingStore;
import org.springframework.stereotype.Component;

/** Whom an agreement names for a kind of document, each in a format this build can write. */
@Component
class Recipients {

    private final EdiOutbound ediOutbound;

    Recipients(EdiOutbound ediOutbound) {
        this.ediOutbound = ediOutbound;
    }

    /** Possibly nobody: an agreement need not send complete dossiers anywhere. */
    List<Agreement.Distribution> of(Agreement agreement, DocumentKind kind) {
        List<Agreement.Distribution> recipients = agreement.recipientsOf(kind);
        for (Agreement.Distribution r : recipients) {
            // every format has a renderer; EDI needs a message writer for the kind, the broker's data set a shipment
            if (r.format().isEdi() && !ediOutbound.canWrite(r.format(), kind)
                    || r.format().isPerShipment() && kind != DocumentKind.SHIPMENT_DOSSIER) {
                throw new IllegalStateException("agreement " + agreement.id() + " asks for format " + r.format()
                        + " of " + kind + " for " + r.partner() + ", which this build cannot write");
            }
        }
        return recipients;
    }

    /** One order per recipient of {@code document}, each recorded as a planned delivery of it. */
    static List<DeliveryOrder> orders(
            TrackingStore.Processing processing, CanonicalDocument document, List<Agreement.Distribution> to) {
        processing.routed(
                document.documentId(),
                to.stream()
                        .map(r -> new PlannedDelivery(r.partner(), r.format()))
                        .toList());
        return to.stream()
                .map(r -> new DeliveryOrder(document, r.partner(), r.format()))
                .toList();
    }
}
