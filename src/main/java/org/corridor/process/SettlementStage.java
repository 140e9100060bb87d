package org.corridor.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.problem.Finding;
import org.corridor.problem.FindingCode;
import org.corridor.settlement.SettlementCheck;
import org.corridor.settlement.SettlementService;
import org.corridor.track.TrackingStore;
import org.springframework.stereotype.Component;

/**
 * Stage {@code settle}, after the dossier: a partner's provisional or final invoice is checked against the
 * settlement the agreement's pricing terms give (a difference beyond the tolerance is a warning that travels with the
 * invoice), and the shipment's settlement is taken as far as its dossier now allows: the gateway issues a provisional
 * or final invoice when its inputs are complete (see {@link SettlementService}).
 */
@Component("settlementStage")
public class SettlementStage {

    private final SettlementService settlements;

    SettlementStage(SettlementService settlements) {
        this.settlements = settlements;
    }

    public FileInProcess settle(FileInProcess file) {
        List<FileInProcess.Routed> business = file.business();
        // each shipment of the file once, however many of its documents the file holds
        Map<String, Agreement> shipments = new LinkedHashMap<>();
        for (int i = 0; i < business.size(); i++) {
            FileInProcess.Routed routed = business.get(i);
            String shipment = routed.filed().shipmentRef();
            if (shipment == null) {
                continue;
            }
            if (routed.filed().kind() == DocumentKind.INVOICE) {
                business.set(i, checked(file.processing(), routed, shipment));
            }
            shipments.putIfAbsent(shipment, routed.agreement());
        }
        shipments.forEach(settlements::settle);
        return file;
    }

    private FileInProcess.Routed checked(
            TrackingStore.Processing processing, FileInProcess.Routed routed, String shipment) {
        CanonicalDocument filed = routed.filed();
        Optional<SettlementCheck> check = settlements.check(filed, shipment, routed.agreement());
        if (check.isEmpty()) {
            return routed;
        }
        SettlementCheck c = check.get();
        processing.inDossier(filed.documentId(), shipment, "settlement check: " + c.outcome() + ". " + c.detail());
        if (!c.differs()) {
            return routed;
        }
        Finding finding = Finding.warning(FindingCode.SETTLEMENT_DIFFERENCE, "body.totalAmount", c.detail());
        processing.validated(filed.documentId(), List.of(finding));
        CanonicalDocument withFinding = filed.withFindings(List.of(finding));
        processing.canonical(List.of(withFinding));
        return routed.filedAs(withFinding, routed.dossierOrders());
    }
}
