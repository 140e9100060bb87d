package org.corridor.ack;

import java.util.stream.Collectors;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.corridor.track.Interchanges;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A CONTRL, 997 or 999 a partner sent about an interchange Corridor sent it: matched to that interchange by the
 * partner's id and the control reference, which becomes ACKNOWLEDGED or NEGATIVE_ACK with the partner's error detail
 * kept.
 */
@Component
public class ReceivedAcknowledgements {

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedAcknowledgements.class);

    private final Interchanges interchanges;
    private final TrackingStore tracking;

    public ReceivedAcknowledgements(Interchanges interchanges, TrackingStore tracking) {
        this.interchanges = interchanges;
        this.tracking = tracking;
    }

    /**
     * Matches the acknowledgement and returns what happened, in words, for the document's history. {@code fromPartner}
     * is the partner it came from when its intake names one (HTTP, SFTP): only the partner the acknowledged
     * interchange was sent to may acknowledge it, whatever the envelope claims; otherwise it is refused
     * ({@link ErrorCode#NOT_AUTHORIZED_SENDER}) and the interchange keeps its state. From staff intake (folders, the
     * JMS queue) the envelope's sender is taken at its word.
     */
    public String received(CanonicalDocument document, Acknowledgement ack, String fromPartner) {
        String partner = document.source() != null ? document.source().sender() : null;
        return interchanges
                .findSent(ack.standard(), partner, ack.referencedInterchange())
                .map(sent -> {
                    if (fromPartner != null && !fromPartner.equalsIgnoreCase(sent.partnerId())) {
                        LOG.warn(
                                "{} from partner {} names interchange {}, which was sent to {}: refused",
                                ack.ackType(),
                                fromPartner,
                                ack.referencedInterchange(),
                                sent.partnerId());
                        throw new RejectedException(
                                ErrorCode.NOT_AUTHORIZED_SENDER,
                                Location.NONE,
                                "This "
                                        + ack.ackType() + " acknowledges interchange " + ack.referencedInterchange()
                                        + ", which Corridor sent to " + sent.partnerId() + ", not to " + fromPartner
                                        + ". Only the partner an interchange was sent to may acknowledge it.");
                    }
                    boolean positive = "ACCEPTED".equals(ack.status());
                    String detail = ack.errors().stream()
                            .map(e -> (e.segment() != null ? e.segment() : "segment")
                                    + (e.position() != null ? " at position " + e.position() : "")
                                    + (e.element() != null ? " element " + e.element() : "") + " code " + e.code()
                                    + (e.text() != null ? " " + e.text() : ""))
                            .collect(Collectors.joining("; "));
                    String status = positive ? "ACKNOWLEDGED" : "NEGATIVE_ACK";
                    interchanges.acknowledged(
                            ack.standard(),
                            partner,
                            ack.referencedInterchange(),
                            status,
                            ack.status() + (detail.isEmpty() ? "" : ": " + detail),
                            document.documentId());
                    tracking.acknowledged(
                            sent.documentId(),
                            sent.partnerId(),
                            positive,
                            ack.ackType() + " " + ack.status() + (detail.isEmpty() ? "" : ": " + detail));
                    LOG.info(
                            "{} {} from {} for interchange {} (document {}): {}",
                            ack.ackType(),
                            ack.status(),
                            partner,
                            ack.referencedInterchange(),
                            sent.documentId(),
                            status);
                    return ack.ackType() + " " + ack.status() + " for interchange " + ack.referencedInterchange()
                            + " sent as document " + sent.documentId() + ": " + status;
                })
                .orElseGet(() -> {
                    LOG.warn(
                            "{} from {} names interchange {}, which Corridor did not send to {}",
                            ack.ackType(),
                            partner,
                            ack.referencedInterchange(),
                            partner);
                    return ack.ackType() + " " + ack.status() + " for interchange " + ack.referencedInterchange()
                            + ", which Corridor did not send to " + partner + ": kept, matched to nothing";
                });
    }
}
