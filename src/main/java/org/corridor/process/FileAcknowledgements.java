package org.corridor.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.corridor.ack.Acknowledger;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiReceipt;
import org.corridor.partner.DeliveryOrder;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.corridor.track.Interchanges;
import org.corridor.track.TrackingStore;
import org.springframework.stereotype.Component;

/**
 * The acknowledgements of a received EDI file (CONTRL, 997, 999), kept in its {@link FileInProcess}: prepared when
 * its interchanges are registered, amended when a later stage refuses one of its messages. Used by the stages that
 * can refuse a message, so the sender always learns the file's last word.
 */
@Component
class FileAcknowledgements {

    private final Acknowledger acknowledger;
    private final SenderAuthorization senders;

    FileAcknowledgements(Acknowledger acknowledger, SenderAuthorization senders) {
        this.acknowledger = acknowledger;
        this.senders = senders;
    }

    /**
     * Registers the file's EDI interchanges (a sender's control reference used before for another file is a
     * duplicate, unless an operator replays it) and prepares their acknowledgements: delivered with the documents,
     * or by the rejection route when the file is refused. Returns the reason to refuse the file, if any ({@code
     * rejected}, the parser's, comes after a sender's unauthorized envelope and before a duplicate).
     */
    Optional<RejectedException> register(FileInProcess file, RejectedException rejected) {
        Optional<RegisteredPartner> sender = senders.partnerOf(file.intake());
        List<Problem> notAuthorized = new ArrayList<>();
        List<Acknowledger.Registered> registered = new ArrayList<>();
        for (EdiReceipt receipt : file.receipts()) {
            Optional<Problem> refusal = sender.flatMap(
                    p -> senders.refusalOfEnvelope(p, receipt.interchange().envelope()));
            if (refusal.isPresent()) {
                // not registered as received: another party's control reference must not become a duplicate
                notAuthorized.add(refusal.get());
                registered.add(new Acknowledger.Registered(refused(receipt, refusal.get()), Optional.empty()));
            } else {
                registered.addAll(acknowledger.register(file.documentId(), List.of(receipt), file.reprocess()));
            }
        }
        if (!notAuthorized.isEmpty()) {
            file.answerTo(sender.orElseThrow().id());
        }
        file.registered(registered);
        prepare(file);
        if (!notAuthorized.isEmpty()) {
            return Optional.of(new RejectedException(notAuthorized));
        }
        if (rejected != null) {
            return Optional.of(rejected);
        }
        for (Acknowledger.Registered r : registered) {
            if (r.duplicateOf().isPresent()) {
                EdiEnvelope e = r.receipt().interchange().envelope();
                Interchanges.Earlier earlier = r.duplicateOf().get();
                return Optional.of(new RejectedException(
                        ErrorCode.EDI_DUPLICATE,
                        new Location(null, null, null, EdiEnvelope.X12.equals(e.standard()) ? "ISA" : "UNB", null),
                        "This is a duplicate of"
                                + " interchange " + e.controlRef() + " from " + e.sender() + " received at "
                                + earlier.recordedAt() + " (document " + earlier.documentId()
                                + "). It was not processed"
                                + " again. If it must be, an operator can replay this document."));
            }
        }
        return Optional.empty();
    }

    /**
     * A message of an EDI file refused by its agreement (a rule, the quota): its sender learns it from the
     * acknowledgement, which now rejects that message with the reasons, instead of the acceptance prepared when the
     * file was read.
     */
    void refuse(FileInProcess file, CanonicalDocument document, RejectedException refusal) {
        if (file.registered().isEmpty()
                || document.source() == null
                || document.source().messageRef() == null) {
            return;
        }
        List<Acknowledger.Registered> amended = new ArrayList<>();
        for (Acknowledger.Registered r : file.registered()) {
            EdiReceipt receipt = r.receipt();
            if (!Objects.equals(
                    receipt.interchange().envelope().controlRef(),
                    document.source().interchangeRef())) {
                amended.add(r);
                continue;
            }
            Map<String, List<Problem>> problems = new HashMap<>(receipt.contentProblems());
            List<Problem> mine =
                    new ArrayList<>(problems.getOrDefault(document.source().messageRef(), List.of()));
            mine.addAll(refusal.problems());
            problems.put(document.source().messageRef(), mine);
            amended.add(new Acknowledger.Registered(new EdiReceipt(receipt.interchange(), problems), r.duplicateOf()));
        }
        file.registered(amended);
        prepare(file);
    }

    /** The receipt of an interchange refused as a whole: every message of it rejected with the reason. */
    private static EdiReceipt refused(EdiReceipt receipt, Problem problem) {
        Map<String, List<Problem>> problems = new HashMap<>(receipt.contentProblems());
        List<String> refs = receipt.interchange().messages().stream()
                .map(m -> m.messageRef())
                .toList();
        for (String ref : refs.isEmpty() ? List.of("") : refs) {
            List<Problem> mine = new ArrayList<>(problems.getOrDefault(ref, List.of()));
            mine.add(problem);
            problems.put(ref, mine);
        }
        return new EdiReceipt(receipt.interchange(), problems);
    }

    /** The acknowledgements of the file's interchanges as registered, replacing those prepared before. */
    private void prepare(FileInProcess file) {
        List<DeliveryOrder> acks = acknowledger.acknowledge(file.documentId(), file.fileName(), file.registered());
        String answerTo = file.answerTo();
        if (answerTo != null) {
            acks = acks.stream()
                    .map(a -> new DeliveryOrder(a.document(), answerTo, a.format(), a.content(), a.outputName()))
                    .toList();
        }
        TrackingStore.Processing processing = file.processing();
        processing.withdrawAcknowledgements();
        for (DeliveryOrder ack : acks) {
            Acknowledgement body = (Acknowledgement) ack.document().body();
            processing.acknowledging(
                    new TrackingStore.AcknowledgementSent(
                            ack.document().documentId(), body.standard(), ack.format(), ack.partnerId()),
                    body.status() + " interchange " + body.referencedInterchange());
        }
        file.acknowledgements(acks);
    }
}
