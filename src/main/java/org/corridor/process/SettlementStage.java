package org.corridor.process;

import java.util.List;
import java.util.Optional;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.problem.Finding;
import org.corridor.problem.FindingCode;
import org.corridor.settlement.SettlementCheck;
import org.corridor.settlement.SettlementService;
import org.corridor.settlement.SettlementState;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stage {@code settle}, after the dossier: a partner's provisional or final invoice is checked against the
 * settlement the agreement's pricing terms give (a difference beyond the tolerance is a warning that travels with the
 * invoice), and the shipment's settlement is taken as far as its dossier now allows: the gateway issues a provisional
 * or final invoice when its inputs are complete (see {@link SettlementService}).
 */
@Component("settlementStage")
public class SettlementStage {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementStage.class);

    private final SettlementService settlements;

    SettlementStage(SettlementService settlements) {
        this.settlements = settlements;
    }

    public FileInProcess settle(FileInProcess file) {
        List<FileInProcess.Routed> business = file.business();
        for (int i = 0; i < business.size(); i++) {
            FileInProcess.Routed routed = business.get(i);
            String shipment = routed.filed().shipmentRef();
            if (shipment == null) {
                continue;
            }
            if (routed.filed().kind() == DocumentKind.INVOICE) {
                business.set(i, checked(file.processing(), routed, shipment));
            }
            List<SettlementState> states = settlements.settle(shipment, routed.agreement());
            for (SettlementState s : states) {
                if (s.issued() && s.invoiceFile() != null) {
                    LOG.debug("Shipment {}: {} invoice {} issued", shipment, s.stage(), s.invoiceNo());
                }
            }
        }
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
