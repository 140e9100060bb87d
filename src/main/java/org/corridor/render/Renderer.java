package org.corridor.render;

import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;

/** Writes a canonical document in one partner-facing format. */
public interface Renderer {

    /** The format agreements name in their distribution list. */
    OutputFormat format();

    byte[] render(CanonicalDocument document);

    /** File extension for folder and SFTP partners. */
    String extension();

    String contentType();
}
