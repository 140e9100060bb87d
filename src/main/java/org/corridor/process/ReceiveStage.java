package org.corridor.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.corridor.base.FileNames;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.problem.RejectedException;
import org.corridor.track.ParsedDocument;
import org.corridor.track.Stage;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stage {@code process-receive}: accepts or refuses what was read. An EDI file's interchanges are registered and
 * acknowledged first, whatever follows (the acknowledgements go out with the documents, or with the refusal); then
 * the parser's refusal, an interchange under another party's id or a duplicate refuses the file, and otherwise what
 * was read is recorded: the documents, or the batches a large file was read into.
 */
@Component("receiveStage")
public class ReceiveStage {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveStage.class);

    private final FileAcknowledgements acknowledgements;
    private final TrackingStore tracking;

    ReceiveStage(FileAcknowledgements acknowledgements, TrackingStore tracking) {
        this.acknowledgements = acknowledgements;
        this.tracking = tracking;
    }

    public FileInProcess receive(FileInProcess file) {
        FileInProcess.Spooled spooled = file.spooled();
        Optional<RejectedException> refusal = Optional.ofNullable(file.unreadable());
        if (spooled != null || !file.receipts().isEmpty()) {
            refusal = acknowledgements.register(file, file.unreadable());
        }
        if (refusal.isPresent()) {
            if (spooled != null) {
                deleteBatches(file);
            }
            throw refusal.get();
        }
        if (spooled != null) {
            tracking.record(file.processing());
            tracking.event(
                    file.documentId(),
                    Stage.PARSE,
                    null,
                    spooled.messages() + " business messages," + " processed in "
                            + spooled.batches().size() + " batches of up to " + spooled.batchSize());
            LOG.info(
                    "Document {} ({}): {} messages spooled into {} batches",
                    file.documentId(),
                    FileNames.forLog(file.fileName()),
                    spooled.messages(),
                    spooled.batches().size());
            return file;
        }
        file.processing()
                .parsed(file.documents().stream()
                        .map(d -> new ParsedDocument(d.documentId(), d.kind().name(), describe(d)))
                        .toList());
        file.processing().canonical(file.documents());
        return file;
    }

    private static void deleteBatches(FileInProcess file) {
        try {
            ReadStage.deleteBatches(file.spooled().folder());
        } catch (IOException e) {
            throw new UncheckedIOException("archived original of " + file.documentId() + " cannot be read", e);
        }
    }

    private static String describe(CanonicalDocument d) {
        if (d.body() instanceof AssayCertificate c) {
            return "certificate " + c.certificateNo() + " (" + c.commodity() + ", "
                    + c.results().size() + " results)";
        }
        return d.kind().name();
    }
}
