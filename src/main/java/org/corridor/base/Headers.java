package org.corridor.base;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message header names. Camel drops its own {@code Camel*} headers at the JMS hand-off, so everything a later stage
 * needs travels in these; they are removed before a document leaves for a partner.
 */
public final class Headers {

    public static final String DOCUMENT_ID = "CorridorDocumentId";
    public static final String FILE_NAME = "CorridorFileName";
    public static final String ARCHIVE_PATH = "CorridorArchivePath";
    public static final String SHA256 = "CorridorSha256";
    public static final String INTAKE = "CorridorIntake";
    public static final String PARTNER = "CorridorPartner";
    public static final String FORMAT = "CorridorFormat";
    public static final String OUTPUT_NAME = "CorridorOutputName";
    /** The rendered format's media type, for HTTP partners. */
    public static final String CONTENT_TYPE = "CorridorContentType";
    /** Set by the delivery step for the route's choice: FOLDER, HTTP, or DONE when already delivered. */
    public static final String CHANNEL = "CorridorChannel";
    /**
     * Set on a replay: an operator asked for this document to be processed again, so a duplicate EDI interchange is
     * let through.
     */
    public static final String REPROCESS = "CorridorReprocess";
    /** A batch file of a large EDI file (one canonical document per line), processed as its own unit. */
    public static final String BATCH = "CorridorBatch";
    /** Exchange property: the folder or URL a delivery goes to. */
    public static final String TARGET = "CorridorTarget";

    private Headers() {}

    /**
     * The headers of the hand-off to processing: everything the process stage needs to find the archived original.
     * Intake and replay both send exactly these.
     */
    public static Map<String, String> forProcessing(
            String documentId, String fileName, String archivePath, String sha256, String intake) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DOCUMENT_ID, documentId);
        headers.put(FILE_NAME, fileName);
        headers.put(ARCHIVE_PATH, archivePath);
        headers.put(SHA256, sha256);
        headers.put(INTAKE, intake);
        return headers;
    }

    /**
     * The message that hands a file to processing: its document id as the body, the hand-off headers (those of
     * {@link #forProcessing}) as properties. Every sender of the process queue builds it here.
     */
    public static TextMessage processingMessage(Session session, String documentId, Map<String, String> headers)
            throws JMSException {
        TextMessage message = session.createTextMessage(documentId);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            message.setStringProperty(h.getKey(), h.getValue());
        }
        return message;
    }
}
