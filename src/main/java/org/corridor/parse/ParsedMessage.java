package org.corridor.parse;

import org.corridor.canonical.DocumentBody;

/** One business message read from a file, with the envelope facts the format carried (null where it has none). */
public record ParsedMessage(DocumentBody body, String sender, String receiver, String interchangeRef,
                            String messageRef) {

    public static ParsedMessage of(DocumentBody body) {
        return new ParsedMessage(body, null, null, null, null);
    }
}
