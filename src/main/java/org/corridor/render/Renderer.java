package org.corridor.render;

import org.corridor.canonical.CanonicalDocument;

/** Writes a canonical document in one partner-facing format. */
public interface Renderer {

    /** The format name agreements use in their distribution list, e.g. CANONICAL_JSON. */
    String format();

    byte[] render(CanonicalDocument document);

    /** File extension for folder and SFTP partners. */
    String extension();

    String contentType();
}
