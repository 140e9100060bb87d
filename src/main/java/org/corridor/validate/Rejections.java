package org.corridor.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.corridor.intake.ProcessStages;
import org.corridor.platform.FolderLayout;
import org.corridor.platform.Hashing;
import org.corridor.platform.Headers;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens to a document that cannot go on: its original bytes are put in the error folder under the name it
 * came with, a {@code <name>.error.txt} beside it says in plain words what is wrong and where, and the tracking status
 * records the same reason. Called by the {@code inbound-errors} route configuration.
 */
@Component("rejections")
public class Rejections {

    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);

    private final FolderLayout folders;
    private final TrackingStore tracking;
    private final Clock clock;

    Rejections(FolderLayout folders, TrackingStore tracking, Clock clock) {
        this.folders = folders;
        this.tracking = tracking;
        this.clock = clock;
    }

    /** The document is invalid: REJECTED with the problem as its reason. */
    public void reject(Exchange exchange) {
        RejectedException rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectedException.class);
        Problem problem = rejection.problem();
        String documentId = exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class);
        String fileName = exchange.getIn().getHeader(Headers.FILE_NAME, String.class);
        recordWhatWasLearned(exchange);
        Path placed = place(exchange, "REJECTED", problem.code().name(), problem.location().describe(),
                problem.message());
        tracking.rejected(documentId, problem.code().name(), problem.describe());
        LOG.warn("Rejected {} ({}): {} -> {}", fileName, documentId, problem.describe(), placed);
    }

    /** Processing failed for a reason that is not the document's fault, after the retries: FAILED, replayable. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String documentId = exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class);
        String reason = cause == null ? "unknown fault" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        recordWhatWasLearned(exchange);
        place(exchange, "FAILED", "INTERNAL", "the whole file",
                "Corridor could not finish processing this file because of a fault on our side (" + reason
                        + "). The file is not necessarily wrong. It has been kept in the archive and operators can"
                        + " process it again.");
        tracking.failed(documentId, reason);
        LOG.error("Processing of {} failed after retries; kept for replay", documentId, cause);
    }

    /** Detection and parsing facts gathered before the fault still belong in the document's history. */
    private void recordWhatWasLearned(Exchange exchange) {
        TrackingStore.Processing processing = exchange.getProperty(ProcessStages.PROCESSING,
                TrackingStore.Processing.class);
        if (processing != null) {
            tracking.record(processing);
        }
    }

    private Path place(Exchange exchange, String status, String code, String where, String message) {
        String documentId = exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class);
        String fileName = exchange.getIn().getHeader(Headers.FILE_NAME, String.class);
        Path archived = Path.of(exchange.getIn().getHeader(Headers.ARCHIVE_PATH, String.class));
        try {
            // copied, not read into memory: a refused file may be hundreds of MB
            Path target = freeName(fileName, documentId, Hashing.sha256Hex(archived));
            Path tmp = Files.createTempFile(folders.error(), ".incoming-", ".tmp");
            Files.copy(archived, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String note = """
                    File:      %s
                    Document:  %s
                    Status:    %s
                    Code:      %s
                    Where:     %s
                    Problem:   %s
                    Noted at:  %s
                    The original bytes are unchanged in %s (archived copy: %s).
                    """.formatted(fileName, documentId, status, code, where, message, Instant.now(clock),
                    target.getFileName(), archived);
            Path tmpNote = Files.createTempFile(folders.error(), ".incoming-", ".tmp");
            Files.writeString(tmpNote, note);
            Files.move(tmpNote, target.resolveSibling(target.getFileName() + ".error.txt"),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + fileName + " to the error folder: " + e.getMessage(), e);
        }
    }

    /**
     * The name the clerk dropped, unless the error folder already holds a different file of that name; then the
     * document id goes in front, so no earlier rejected file is overwritten.
     */
    private Path freeName(String fileName, String documentId, String sha) throws IOException {
        Path plain = folders.error().resolve(fileName);
        if (!Files.exists(plain) || Hashing.sha256Hex(plain).equals(sha)) {
            return plain;
        }
        return folders.error().resolve(documentId + "__" + fileName);
    }
}
