package org.corridor.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.deliver.DeliveryOrder;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.ack.Acknowledger;
import org.corridor.platform.DocumentPipeline;
import org.corridor.validate.ErrorCode;
import org.corridor.validate.Location;
import org.corridor.validate.RejectedException;

/**
 * What the gateway's process route does with one received file, without routes, broker or tracking: detect and parse
 * it ({@code documentStages.read}), register its EDI interchanges and write their acknowledgements, then enrich and
 * check each document against its agreement ({@code documentStages.enrich}). And what the command line does with the
 * same file ({@link DocumentPipeline#toCanonical(Path, String, String, String, java.util.function.Consumer)}).
 */
final class IntakePath {

    private final DocumentPipeline pipeline;
    private final Acknowledger acknowledger;

    IntakePath(DocumentPipeline pipeline, Acknowledger acknowledger) {
        this.pipeline = pipeline;
        this.acknowledger = acknowledger;
    }

    /**
     * How one file ended: its documents, or the refusal; whether the refusal came while reading (before the
     * acknowledgements were written) and the acknowledgements written.
     */
    record Outcome(List<CanonicalDocument> documents, RejectedException refusal, boolean refusedWhenRead,
                   List<DeliveryOrder> acknowledgements) {
    }

    /** The gateway's path; any exception other than a refusal escapes, as it would fail the route. */
    Outcome gateway(byte[] content, String fileName, String sha256, String documentId, boolean replay) {
        Detection detection;
        try {
            detection = pipeline.reader().detect(content);
        } catch (RejectedException e) {
            return new Outcome(List.of(), e, true, List.of());
        }
        List<Object> facts = new ArrayList<>();
        List<CanonicalDocument> documents = List.of();
        RejectedException refusal = null;
        try {
            documents = pipeline.reader().read(content, detection, fileName, sha256, documentId, facts::add);
        } catch (RejectedException e) {
            refusal = e;
        }
        List<EdiReceipt> receipts = facts.stream().filter(EdiReceipt.class::isInstance).map(EdiReceipt.class::cast)
                .toList();
        List<DeliveryOrder> acks = List.of();
        if (!receipts.isEmpty()) {
            List<Acknowledger.Registered> registered = acknowledger.register(documentId, receipts, replay);
            acks = acknowledger.acknowledge(documentId, fileName, registered);
            if (refusal == null && registered.stream().anyMatch(r -> r.duplicateOf().isPresent())) {
                // the gateway refuses a duplicate as ProcessStages.acknowledge does
                return new Outcome(List.of(), new RejectedException(ErrorCode.EDI_DUPLICATE,
                        new Location(null, null, null, "UNB", null), "a duplicate interchange"), true, acks);
            }
        }
        if (refusal != null) {
            return new Outcome(List.of(), refusal, true, acks);
        }
        try {
            documents.forEach(pipeline::enrichAndCheck);
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
