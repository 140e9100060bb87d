package org.corridor.render;

import java.nio.charset.StandardCharsets;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.springframework.stereotype.Component;

/** The canonical JSON contract (corridor/1), one document per message. */
@Component
public class CanonicalJsonRenderer implements Renderer {

    public static final String FORMAT = "CANONICAL_JSON";

    @Override
    public String format() {
        return FORMAT;
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
