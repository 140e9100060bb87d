package org.corridor.parse;

import org.corridor.canonical.DocumentBody;
import org.corridor.canonical.DocumentKind;

/**
 * One business message read from a file, with the envelope facts the format carried (null where it has none).
 * {@code kind} is the body's own kind unless the parser says otherwise (a shipping document body serves both the
 * shipping instruction and the bill of lading).
 */
public record ParsedMessage(DocumentBody body, DocumentKind kind, String sender, String receiver,
                            String interchangeRef, String messageRef) {

    public ParsedMessage {
        kind = kind != null ? kind : body.kind();
    }

    public static ParsedMessage of(DocumentBody body) {
        return new ParsedMessage(body, null, null, null, null, null);
    }
}
