package org.corridor.process;

import org.corridor.ack.ReceivedAcknowledgements;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.springframework.stereotype.Component;

/**
 * Stage {@code process-route}: where each document of the file goes. A received acknowledgement is matched with
 * what it acknowledges and ends here; a business document falls under the agreement version in force on its date,
 * which must name a recipient for its kind, or the file is refused before anything is counted or filed.
 */
@Component("routeStage")
public class RouteStage {

    private final DocumentPipeline pipeline;
    private final ReceivedAcknowledgements received;
    private final Recipients recipients;
    private final SenderAuthorization senders;

    RouteStage(
            DocumentPipeline pipeline,
            ReceivedAcknowledgements received,
            Recipients recipients,
            SenderAuthorization senders) {
        this.pipeline = pipeline;
        this.received = received;
        this.recipients = recipients;
        this.senders = senders;
    }

    public FileInProcess route(FileInProcess file) {
        String sender =
                senders.partnerOf(file.intake()).map(RegisteredPartner::id).orElse(null);
        for (CanonicalDocument d : file.documents()) {
            if (d.body() instanceof Acknowledgement ack) {
                file.processing().consumed(d.documentId(), received.received(d, ack, sender));
                continue;
            }
            Agreement agreement = pipeline.agreementOf(d);
            if (recipients.of(agreement, d.kind()).isEmpty()) {
                throw new RejectedException(
                        ErrorCode.NO_RECIPIENT,
                        Location.NONE,
                        "Agreement " + agreement.id() + " names no recipient for " + d.kind()
                                + " documents, so there is nobody to deliver to.");
            }
            file.business().add(new FileInProcess.Routed(d, agreement));
        }
        return file;
    }
}
