package org.corridor.canonical;

import java.time.OffsetDateTime;
import java.util.List;
import org.corridor.problem.Finding;

/**
 * Body of a SHIPMENT_DOSSIER: every document of one shipment as the gateway received and enriched it, and what the
 * reconciliation of those documents found, delivered as one JSON when the dossier is complete (see
 * docs/mig/dossier-json.md). {@code status} is OPEN, COMPLETE or REOPENED (only a COMPLETE one is delivered).
 */
public record ShipmentDossier(
        String shipmentRef,
        String agreementRef,
        String status,
        OffsetDateTime completedAt,
        List<CanonicalDocument> documents,
        List<Finding> findings)
        implements DocumentBody {

    public ShipmentDossier {
        documents = documents == null ? List.of() : List.copyOf(documents);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.SHIPMENT_DOSSIER;
    }
}
