package org.corridor.process;

import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.corridor.agreement.Agreement;
import org.corridor.partner.DeliveryOrder;
import org.springframework.stereotype.Component;

/**
 * Stage {@code process-plan}: one delivery order per recipient the agreement names for each document's kind, each
 * document's completed dossier (if it completed one) just before it.
 */
@Component("planStage")
public class PlanStage {

    private final Recipients recipients;

    PlanStage(Recipients recipients) {
        this.recipients = recipients;
    }

    public FileInProcess plan(FileInProcess file) {
        for (FileInProcess.Routed routed : file.business()) {
            file.orders().addAll(routed.dossierOrders());
            List<Agreement.Distribution> to =
                    recipients.of(routed.agreement(), routed.document().kind());
            file.orders().addAll(Recipients.orders(file.processing(), routed.filed(), to));
        }
        return file;
    }

    /** The orders to render and hand off, one split part each (the route's split expression). */
    public List<DeliveryOrder> orders(@ExchangeProperty(FileInProcess.PROPERTY) FileInProcess file) {
        return file.orders();
    }
}
