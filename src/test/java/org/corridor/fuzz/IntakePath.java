package org.corridor.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.corridor.ack.Acknowledger;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiReceipt;
import org.corridor.partner.DeliveryOrder;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.corridor.process.DocumentPipeline;
import org.corridor.track.ParsedDocument;
import org.corridor.track.ReceivedFile;
import org.corridor.track.TrackingStore;

/**
 * What the gateway's process route does with one received file, without routes or broker: detect and parse it
 * ({@code readStage}), register its EDI interchanges and write their acknowledgements ({@code receiveStage}), enrich
 * and check each document against its agreement ({@code enrichStage}, {@code rulesStage}), and record it all in the
 * tracking store, a refusal as {@code Rejections} records it. And what the command line does with the same file
 * ({@link DocumentPipeline#toCanonical(Path, String, String, String, java.util.function.Consumer)}).
 */
final class IntakePath {

    private final DocumentPipeline pipeline;
    private final Acknowledger acknowledger;
    private final TrackingStore tracking;

    IntakePath(DocumentPipeline pipeline, Acknowledger acknowledger, TrackingStore tracking) {
        this.pipeline = pipeline;
        this.acknowledger = acknowledger;
        this.tracking = tracking;
    }

    /**
     * How one file ended: its documents, or the refusal; whether the refusal came while reading (before the
     * acknowledgements were written) and the acknowledgements written.
     */
    record Outcome(
            List<CanonicalDocument> documents,
            RejectedException refusal,
            boolean refusedWhenRead,
            List<DeliveryOrder> acknowledgements) {}

    /** The gateway's path; any exception other than a refusal escapes, as it would fail the route. */
    Outcome gateway(byte[] content, String fileName, String sha256, String documentId, boolean replay) {
        tracking.received(new ReceivedFile(
                documentId, fileName, "folder:any", sha256, content.length, "/archive/" + documentId, Instant.now()));
        TrackingStore.Processing processing = tracking.processing(documentId);
        Outcome outcome = process(processing, content, fileName, sha256, documentId, replay);
        tracking.record(processing);
        if (outcome.refusal() != null) {
            tracking.rejected(
                    documentId,
                    outcome.refusal().problem().code().name(),
                    outcome.refusal().problem().describe());
        }
        return outcome;
    }

    private Outcome process(
            TrackingStore.Processing processing,
            byte[] content,
            String fileName,
            String sha256,
            String documentId,
            boolean replay) {
        Detection detection;
        try {
            detection = pipeline.reader().detect(content);
        } catch (RejectedException e) {
            return new Outcome(List.of(), e, true, List.of());
        }
        processing.detected(detection.format(), detection.messageType());
        List<Object> facts = new ArrayList<>();
        List<CanonicalDocument> documents = List.of();
        RejectedException refusal = null;
        try {
            documents = pipeline.reader().read(content, detection, fileName, sha256, documentId, facts::add);
        } catch (RejectedException e) {
            refusal = e;
        }
        List<EdiReceipt> receipts = facts.stream()
                .filter(EdiReceipt.class::isInstance)
                .map(EdiReceipt.class::cast)
                .toList();
        List<DeliveryOrder> acks = List.of();
        if (!receipts.isEmpty()) {
            List<Acknowledger.Registered> registered = acknowledger.register(documentId, receipts, replay);
            acks = acknowledger.acknowledge(documentId, fileName, registered);
            for (DeliveryOrder ack : acks) {
                Acknowledgement body = (Acknowledgement) ack.document().body();
                processing.acknowledging(
                        new TrackingStore.AcknowledgementSent(
                                ack.document().documentId(), body.standard(), ack.format(), ack.partnerId()),
                        body.status() + " interchange " + body.referencedInterchange());
            }
            if (refusal == null
                    && registered.stream().anyMatch(r -> r.duplicateOf().isPresent())) {
                // the gateway refuses a duplicate as FileAcknowledgements.register does
                return new Outcome(
                        List.of(),
                        new RejectedException(
                                ErrorCode.EDI_DUPLICATE,
                                new Location(null, null, null, "UNB", null),
                                "a duplicate interchange"),
                        true,
                        acks);
            }
        }
        if (refusal != null) {
            return new Outcome(List.of(), refusal, true, acks);
        }
        processing.parsed(documents.stream()
                .map(d -> new ParsedDocument(
                        d.documentId(), d.kind().name(), d.kind().name()))
                .toList());
        try {
            for (CanonicalDocument d : documents) {
                CanonicalDocument enriched = pipeline.enrichAndCheck(d);
                processing.enriched(enriched.documentId(), enriched.agreementRef());
            }
        } catch (RejectedException e) {
            return new Outcome(documents, e, false, acks);
        }
        return new Outcome(documents, null, false, acks);
    }

    /** The command line's path: the file streamed, each document enriched and checked as it comes. */
    Outcome commandLine(Path file, String fileName, String sha256, String documentId) throws IOException {
        List<CanonicalDocument> documents = new ArrayList<>();
        try {
            pipeline.toCanonical(file, fileName, sha256, documentId, documents::add);
        } catch (RejectedException e) {
            return new Outcome(List.of(), e, true, List.of());
        }
        return new Outcome(documents, null, false, List.of());
    }
}
