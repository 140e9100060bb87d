package org.corridor.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.dossier.DossierService;
import org.corridor.settlement.SettlementService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A shipment's dossier for operators and back-office staff: {@code GET /api/dossiers/{shipmentRef}} (by its name or
 * an earlier one; or {@code GET /api/documents/{id}/dossier}, the dossier a document is filed in) by staff (a viewer or above). It says which documents are there, whether the dossier is complete, and every finding of its reconciliation, including which
 * required documents are still missing. The documents are listed, not repeated: their content is in the archive and,
 * once complete, in the dossier JSON the agreement's recipients receive.
 */
@RestController
@RequestMapping("/api")
class DossierController {

    private final DossierService dossiers;
    private final SettlementService settlements;

    DossierController(DossierService dossiers, SettlementService settlements) {
        this.dossiers = dossiers;
        this.settlements = settlements;
    }

    @GetMapping("/dossiers/{shipmentRef}")
    ResponseEntity<?> dossier(@PathVariable String shipmentRef) {
        return answer(dossiers.dossier(shipmentRef), "no dossier " + shipmentRef);
    }

    @GetMapping("/documents/{documentId}/dossier")
    ResponseEntity<?> dossierOf(@PathVariable String documentId) {
        return answer(
                dossiers.shipmentOf(documentId).flatMap(dossiers::dossier),
                dossiers.heldReason(documentId)
                        .map(reason -> "document " + documentId + " is in no dossier yet: " + reason)
                        .orElse("document " + documentId
                                + " is in no dossier (unknown, refused, or an acknowledgement)"));
    }

    private ResponseEntity<?> answer(Optional<ShipmentDossier> dossier, String notFound) {
        if (dossier.isEmpty()) {
            return Problems.answer(404, notFound);
        }
        ShipmentDossier d = dossier.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shipmentRef", d.shipmentRef());
        body.put("agreementRef", d.agreementRef());
        body.put("status", d.status());
        body.put("completedAt", d.completedAt() == null ? null : d.completedAt().toString());
        body.put(
                "documents",
                d.documents().stream().map(DossierController::summary).toList());
        body.put("findings", d.findings());
        // the settlement's stages with every input and step, and the partners' invoices checked against it
        body.put("settlement", settlements.states(d.shipmentRef()));
        body.put("settlementChecks", settlements.checks(d.shipmentRef()));
        return ResponseEntity.ok(body);
    }

    private static Map<String, Object> summary(CanonicalDocument document) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("documentId", document.documentId());
        s.put("kind", document.kind().name());
        s.put("fileName", document.source() == null ? null : document.source().fileName());
        s.put("findings", document.findingList());
        return s;
    }
}
