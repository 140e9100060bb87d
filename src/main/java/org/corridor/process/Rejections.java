package org.corridor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.corridor.base.FileNames;
import org.corridor.base.FileWrites;
import org.corridor.base.FolderLayout;
import org.corridor.base.Hashing;
import org.corridor.base.Headers;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.corridor.track.ReceivedFile;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens to a document that cannot go on: its original bytes are put in the error folder under the name it
 * came with (made safe for disk, {@link FileNames#forDisk}), a {@code <name>.error.txt} beside it says in plain words
 * what is wrong and where, and the tracking status records the same reason. Called by the {@code inbound-errors} route
 * configuration, and by intake for an inbox entry it refuses unread.
 */
@Component("rejections")
public class Rejections {

    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);
    /** Exchange property: the refusal being handled, for {@link #unfinished} when handling it fails. */
    private static final String REFUSAL = "CorridorRefusal";

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
        exchange.setProperty(REFUSAL, problem.describe());
        String documentId = exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class);
        String fileName = exchange.getIn().getHeader(Headers.FILE_NAME, String.class);
        recordWhatWasLearned(exchange);
        Path placed = place(
                exchange, "REJECTED", problem.code().name(), problem.location().describe(), problem.message());
        tracking.rejected(documentId, problem.code().name(), problem.describe());
        LOG.warn(
                "Rejected {} ({}): {} -> {}",
                FileNames.forLog(fileName),
                documentId,
                problem.describe(),
                placed == null ? "not in the error folder" : placed);
    }

    /** Processing failed for a reason that is not the document's fault, after the retries: FAILED, replayable. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String documentId = exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class);
        String reason = cause == null ? "unknown fault" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        recordWhatWasLearned(exchange);
        place(
                exchange,
                "FAILED",
                "INTERNAL",
                "the whole file",
                "Corridor could not finish processing this file because of a fault on our side (" + reason
                        + "). The file is not necessarily wrong. It has been kept in the archive and operators can"
                        + " process it again.");
        tracking.failed(documentId, reason);
        LOG.error("Processing of {} failed after retries; kept for replay", documentId, cause);
    }

    /**
     * Handling a refusal failed in turn (its acknowledgement could not be sent, say): FAILED with both reasons, and
     * the route puts it on the dead-letter queue, from where operators replay it once the fault is fixed. Touches
     * nothing but the tracking store, so that it cannot fail the same way.
     */
    public void unfinished(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String refusal = exchange.getProperty(REFUSAL, String.class);
        String documentId = exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class);
        String reason = "its refusal could not be completed ("
                + (cause == null ? "unknown fault" : cause.getClass().getSimpleName() + ": " + cause.getMessage())
                + ")" + (refusal == null ? "" : "; it was refused for " + refusal);
        tracking.failed(documentId, reason);
        LOG.error("Refusal of {} could not be completed; kept for replay: {}", documentId, reason, cause);
    }

    /**
     * An inbox entry refused unread (it is not a regular file): REJECTED with the problem as its reason, and a note in
     * the error folder. There is nothing to copy beside the note: nothing of the entry was read or archived.
     */
    public void refusedUnread(ReceivedFile file, Problem problem) {
        tracking.refused(file, problem.code().name(), problem.describe());
        Path noted = note(
                file.documentId(),
                file.fileName(),
                null,
                "REJECTED",
                problem.code().name(),
                problem.location().describe(),
                problem.message(),
                "Nothing of it was read or archived. The entry itself was removed from the inbox; what a link points"
                        + " to is left untouched.");
        LOG.warn(
                "Refused {} ({}) in {}: {} -> {}",
                FileNames.forLog(file.fileName()),
                file.documentId(),
                file.intake(),
                problem.describe(),
                noted == null ? "no note in the error folder" : noted);
    }

    /** Detection and parsing facts gathered before the fault still belong in the document's history. */
    private void recordWhatWasLearned(Exchange exchange) {
        FileInProcess file = exchange.getProperty(FileInProcess.PROPERTY, FileInProcess.class);
        if (file != null) {
            tracking.record(file.processing());
        }
    }

    /**
     * Puts a copy of the archived original in the error folder, with its note. Never throws: a file that cannot be
     * placed (the archived copy gone, the folder not writable) still gets its status and reason in the tracking store,
     * and the route goes on to its dead letter. Returns the copy, the note when there is no copy, or null.
     */
    private Path place(Exchange exchange, String status, String code, String where, String message) {
        String documentId = exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class);
        String fileName = exchange.getIn().getHeader(Headers.FILE_NAME, String.class);
        String archivePath = exchange.getIn().getHeader(Headers.ARCHIVE_PATH, String.class);
        Path archived = archivePath == null || archivePath.isBlank() ? null : Path.of(archivePath);
        if (archived == null || !Files.isRegularFile(archived, LinkOption.NOFOLLOW_LINKS)) {
            return note(
                    documentId,
                    fileName,
                    null,
                    status,
                    code,
                    where,
                    message,
                    "The archived original (" + archivePath
                            + ") cannot be found, so no copy of it is beside this note.");
        }
        Path tmp = FileWrites.temporaryIn(folders.error());
        try {
            // copied, not read into memory: a refused file may be hundreds of MB
            Path target =
                    freeName(FileNames.forDisk(fileName, FileNames.UNNAMED), documentId, Hashing.sha256Hex(archived));
            Files.copy(archived, tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            note(
                    documentId,
                    fileName,
                    target,
                    status,
                    code,
                    where,
                    message,
                    "The original bytes are unchanged in " + target.getFileName() + " (archived copy: " + archived
                            + ").");
            return target;
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "Could not copy {} ({}) to the error folder {}: {}",
                    FileNames.forLog(fileName),
                    documentId,
                    folders.error(),
                    e.toString());
            return null;
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Writes {@code <name>.error.txt} beside the copy {@code target} (or, without a copy, where a copy of the file
     * would go). The name as received is shown escaped: a line break in it cannot make a line of the note. Never
     * throws; returns the note, or null when it could not be written.
     */
    private Path note(
            String documentId,
            String fileName,
            Path target,
            String status,
            String code,
            String where,
            String message,
            String closing) {
        Path tmp = FileWrites.temporaryIn(folders.error());
        try {
            Path beside = target != null
                    ? target
                    : freeName(FileNames.forDisk(fileName, FileNames.UNNAMED), documentId, null);
            String received = FileNames.forLog(fileName);
            String note = """
                    File:      %s
                    %sDocument:  %s
                    Status:    %s
                    Code:      %s
                    Where:     %s
                    Problem:   %s
                    Noted at:  %s
                    %s
                    """.formatted(
                    received,
                    received.equals(beside.getFileName().toString()) ? "" : "Saved as:  " + beside.getFileName() + "\n",
                    documentId,
                    status,
                    code,
                    where,
                    message,
                    Instant.now(clock),
                    closing);
            Files.writeString(tmp, note);
            Path noted = beside.resolveSibling(beside.getFileName() + ".error.txt");
            Files.move(tmp, noted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return noted;
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "Could not write the note on {} ({}) to the error folder {}: {}",
                    FileNames.forLog(fileName),
                    documentId,
                    folders.error(),
                    e.toString());
            return null;
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * The file's own (safe) name, unless the error folder already holds something else under it; then the document
     * id goes in front, so no earlier rejected file is overwritten. {@code sha} null: only a note is written, and the
     * plain name is free when neither a file nor a note of that name is there.
     */
    private Path freeName(String safeName, String documentId, String sha) throws IOException {
        Path plain = folders.error().resolve(safeName);
        boolean free;
        if (sha == null) {
            free = !Files.exists(plain, LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(plain.resolveSibling(safeName + ".error.txt"), LinkOption.NOFOLLOW_LINKS);
        } else {
            // the same file refused again takes its old place; anything else there (a folder, a link) is left alone
            free = !Files.exists(plain, LinkOption.NOFOLLOW_LINKS)
                    || Files.isRegularFile(plain, LinkOption.NOFOLLOW_LINKS)
                            && Hashing.sha256Hex(plain).equals(sha);
        }
        return free ? plain : folders.error().resolve(documentId + "__" + safeName);
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp); // moved already, unless writing failed
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", tmp, e.getMessage());
        }
    }
}
