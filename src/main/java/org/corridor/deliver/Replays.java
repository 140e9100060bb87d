package org.corridor.deliver;

import jakarta.jms.TextMessage;
import java.util.Map;
import org.corridor.base.CorridorProperties;
import org.corridor.base.Headers;
import org.corridor.track.DocumentStatus;
import org.corridor.track.Stage;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a document through processing again from its archived original: a rejected one after an agreement fix, one
 * whose delivery failed after the partner's fault is fixed. Processing is idempotent per (document, partner), so
 * partners that already have it get nothing again, unless {@code force} asks to send it to every recipient anew.
 */
@Component
public class Replays {

    /** What a replay request came to. */
    public enum Outcome {
        QUEUED("handed to processing again from the archived original"),
        NOTHING_TO_DO("already delivered to every recipient; use force to send it again"),
        NOT_FOUND("no document with this id");

        private final String message;

        Outcome(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);
    /** How long to wait for one more dead letter of the document: the broker hands them over at once. */
    private static final long DEAD_LETTER_WAIT_MS = 300;

    private final TrackingStore tracking;
    private final JmsTemplate jms;
    private final CorridorProperties properties;

    Replays(TrackingStore tracking, JmsTemplate jms, CorridorProperties properties) {
        this.tracking = tracking;
        this.jms = jms;
        this.properties = properties;
    }

    /**
     * Removes the dead letters of the file and its parts before they are run again: the dead-letter queue then lists
     * only what is still failed (a replay that fails again puts a new one there).
     */
    private int clearDeadLetters(String fileId) {
        String ids = tracking.fileAndParts(fileId).stream()
                .map(id -> "'" + id.replace("'", "''") + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        JmsTemplate receiver = new JmsTemplate(jms.getConnectionFactory());
        receiver.setReceiveTimeout(DEAD_LETTER_WAIT_MS);
        int removed = 0;
        while (receiver.receiveSelected(properties.queues().dead(), Headers.DOCUMENT_ID + " IN (" + ids + ")")
                != null) {
            removed++;
        }
        if (removed > 0) {
            LOG.info(
                    "Removed {} dead letter(s) of {} from {} before its replay",
                    removed,
                    fileId,
                    properties.queues().dead());
        }
        return removed;
    }

    public Outcome replay(String documentId, boolean force) {
        return replay(documentId, force, null);
    }

    /** A replay asked for by {@code actor} (a staff user or token, recorded with the event; null: unnamed). */
    public Outcome replay(String documentId, boolean force, String actor) {
        Map<String, Object> row = tracking.document(documentId).orElse(null);
        if (row == null) {
            return Outcome.NOT_FOUND;
        }
        // a business message of a split file is replayed through its file
        String fileId = row.get("parent_id") != null ? (String) row.get("parent_id") : documentId;
        Map<String, Object> file = tracking.document(fileId).orElseThrow();
        if (DocumentStatus.DELIVERED.name().equals(row.get("status")) && !force) {
            return Outcome.NOTHING_TO_DO;
        }
        if (force) {
            tracking.resetDeliveries(documentId);
        }
        int cleared = clearDeadLetters(fileId);
        tracking.event(
                documentId,
                Stage.REPLAY,
                null,
                (force ? "replay forced by an operator" : "replay by an operator")
                        + (cleared > 0
                                ? "; " + cleared + " earlier dead letter(s) removed from "
                                        + properties.queues().dead()
                                : ""),
                actor);
        jms.send(properties.queues().process(), session -> {
            TextMessage message = Headers.processingMessage(
                    session,
                    fileId,
                    Headers.forProcessing(
                            fileId,
                            (String) file.get("file_name"),
                            (String) file.get("archive_path"),
                            (String) file.get("sha256"),
                            (String) file.get("intake")));
            message.setStringProperty(Headers.REPROCESS, "true");
            return message;
        });
        LOG.info("Document {} queued for replay{}", documentId, force ? " (forced)" : "");
        return Outcome.QUEUED;
    }
}
