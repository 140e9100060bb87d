package org.corridor.process;

import java.util.ArrayList;
import java.util.List;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.dossier.DossierOutcome;
import org.corridor.dossier.DossierService;
import org.corridor.partner.DeliveryOrder;
import org.corridor.problem.Finding;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stage {@code dossier-file}: files each business document in its shipment's dossier, which reconciles it with the
 * shipment's other documents. Its findings are the dossier's (stored and shown with it), they do not hold this
 * document back. When a document completes the dossier, the dossier itself goes to whom the agreement names for
 * SHIPMENT_DOSSIER, delivered just before the document that completed it.
 */
@Component("dossierStage")
public class DossierStage {

    private static final Logger LOG = LoggerFactory.getLogger(DossierStage.class);

    private final DossierService dossiers;
    private final Recipients recipients;

    DossierStage(DossierService dossiers, Recipients recipients) {
        this.dossiers = dossiers;
        this.recipients = recipients;
    }

    public FileInProcess file(FileInProcess file) {
        List<FileInProcess.Routed> business = file.business();
        for (int i = 0; i < business.size(); i++) {
            business.set(i, file(file.processing(), business.get(i)));
            // the canonical document as filed (with its shipment reference) is what the console shows
            file.processing().canonical(List.of(business.get(i).filed()));
        }
        return file;
    }

    private FileInProcess.Routed file(TrackingStore.Processing processing, FileInProcess.Routed routed) {
        CanonicalDocument document = routed.document();
        Agreement agreement = routed.agreement();
        DossierOutcome outcome = dossiers.attach(document, agreement);
        if (outcome.isHeld()) {
            // a customs status before its declaration: it goes on, and joins the dossier when the declaration comes
            processing.inDossier(document.documentId(), null, "in no dossier yet: " + outcome.heldReason());
            return routed.filedAs(document.withShipmentRef(null), List.of());
        }
        long errors = outcome.findings().stream().filter(Finding::isError).count();
        String state = outcome.status() + ", " + outcome.findings().size() + " findings"
                + (errors > 0 ? " (" + errors + " errors)" : "");
        processing.inDossier(document.documentId(), outcome.shipmentRef(), state);
        for (String linked : outcome.linked()) {
            processing.inDossier(linked, outcome.shipmentRef(), "joined with " + document.documentId() + ", " + state);
        }
        if (errors > 0) {
            // the document goes on; the shipment does not complete until someone sends what reconciles it
            LOG.warn(
                    "Dossier of shipment {} after document {}: {}",
                    outcome.shipmentRef(),
                    document.documentId(),
                    outcome.findings().stream()
                            .filter(Finding::isError)
                            .map(f -> f.code() + ": " + f.text())
                            .toList());
        }
        List<DeliveryOrder> dossierOrders = new ArrayList<>();
        outcome.completedDossier().ifPresent(dossier -> {
            processing.dossierCompleted(dossier.documentId(), outcome.shipmentRef());
            processing.canonical(List.of(dossier));
            List<Agreement.Distribution> to = recipients.of(agreement, DocumentKind.SHIPMENT_DOSSIER);
            dossierOrders.addAll(Recipients.orders(processing, dossier, to));
            LOG.info(
                    "Dossier of shipment {} complete with document {}; to {}",
                    outcome.shipmentRef(),
                    document.documentId(),
                    to.stream().map(Agreement.Distribution::partner).toList());
        });
        return routed.filedAs(document.withShipmentRef(outcome.shipmentRef()), dossierOrders);
    }
}
