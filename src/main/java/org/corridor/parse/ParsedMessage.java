package org.corridor.parse;

import org.corridor.canonical.DocumentBody;
import org.corridor.canonical.DocumentKind;

/**
 * One business message read from a file, with the envelope facts the format carried (null where it has none).
 * {@code kind} is the body's own kind unless the parser says otherwise (a shipping document body serves both the
 * shipping instruction and the bill of lading). {@code messageType} and {@code version} are set where one file
 * holds messages of several types (an EDI interchange); null means the file's detected type and version.
 * {@code shipmentRef} is the exporter's shipment reference where the format carries one (the packing list header,
 * the declaration worksheet): it becomes the canonical envelope's {@code shipmentRef} and names the dossier.
 */
public record ParsedMessage(
        DocumentBody body,
        DocumentKind kind,
        String sender,
        String receiver,
        String interchangeRef,
        String messageRef,
        String messageType,
        String version,
        String shipmentRef) {

    public ParsedMessage {
        kind = kind != null ? kind : body.kind();
        shipmentRef = shipmentRef == null || shipmentRef.isBlank() ? null : shipmentRef.trim();
    }

    public ParsedMessage(
            DocumentBody body,
            DocumentKind kind,
            String sender,
            String receiver,
            String interchangeRef,
            String messageRef,
            String messageType,
            String version) {
        this(body, kind, sender, receiver, interchangeRef, messageRef, messageType, version, null);
    }

    public ParsedMessage(
            DocumentBody body,
            DocumentKind kind,
            String sender,
            String receiver,
            String interchangeRef,
            String messageRef) {
        this(body, kind, sender, receiver, interchangeRef, messageRef, null, null);
    }

    public static ParsedMessage of(DocumentBody body) {
        return new ParsedMessage(body, null, null, null, null, null);
    }

    /** The same message, declaring this shipment reference (blank means none). */
    public ParsedMessage withShipmentRef(String reference) {
        return new ParsedMessage(
                body, kind, sender, receiver, interchangeRef, messageRef, messageType, version, reference);
    }
}
