package org.corridor.dossier;

import java.util.List;
import java.util.Optional;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.problem.Finding;

/**
 * What attaching a document did to its shipment's dossier: which dossier, its status and findings now, the documents
 * that were held until this one arrived and joined with it ({@code linked}), and — when this document completed it —
 * the complete dossier as a SHIPMENT_DOSSIER document for the caller to deliver. A document that cannot be filed yet
 * (a customs status before its declaration) is held: no dossier, no status, and {@code heldReason} says why.
 */
public record DossierOutcome(
        String shipmentRef,
        DossierStatus status,
        List<Finding> findings,
        Optional<CanonicalDocument> completedDossier,
        List<String> linked,
        String heldReason) {

    public DossierOutcome {
        findings = findings == null ? List.of() : List.copyOf(findings);
        completedDossier = completedDossier == null ? Optional.empty() : completedDossier;
        linked = linked == null ? List.of() : List.copyOf(linked);
    }

    public DossierOutcome(
            String shipmentRef,
            DossierStatus status,
            List<Finding> findings,
            Optional<CanonicalDocument> completedDossier) {
        this(shipmentRef, status, findings, completedDossier, List.of(), null);
    }

    /** The document is in no dossier yet, for this reason. */
    static DossierOutcome held(String reason) {
        return new DossierOutcome(null, null, List.of(), Optional.empty(), List.of(), reason);
    }

    public boolean isHeld() {
        return shipmentRef == null;
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
