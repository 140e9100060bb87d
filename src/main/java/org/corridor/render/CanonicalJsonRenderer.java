package org.corridor.render;

import java.nio.charset.StandardCharsets;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;

/** The canonical JSON contract (corridor/1), one document per message. */
public class CanonicalJsonRenderer implements Renderer {

    @Override
    public OutputFormat format() {
        return OutputFormat.CANONICAL_JSON;
    }

    @Override
    public byte[] render(CanonicalDocument document) {
        return CanonicalJson.write(document).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String contentType() {
        return "application/json";
    }
}
