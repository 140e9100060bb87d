package org.corridor.dossier;

import java.util.List;
import java.util.Optional;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.validate.Finding;

/**
 * What attaching a document did to its shipment's dossier: which dossier, its status and findings now, and — when
 * this document completed it — the complete dossier as a SHIPMENT_DOSSIER document for the caller to deliver.
 */
public record DossierOutcome(String shipmentRef, DossierStatus status, List<Finding> findings,
                             Optional<CanonicalDocument> completedDossier) {

    public DossierOutcome {
        findings = findings == null ? List.of() : List.copyOf(findings);
        completedDossier = completedDossier == null ? Optional.empty() : completedDossier;
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
