package org.corridor.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.util.Collections;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/** A partner's AS2 request as camel-as2-api reads one: an httpcore5 request rebuilt from the servlet's. */
final class As2Requests {

    private As2Requests() {}

    /**
     * The request's headers, and {@code body} ({@code length} bytes, the spooled body) as its entity: a streaming
     * entity, as camel-as2's {@code EntityParser} insists on ("entity is not streaming" for a ByteArrayEntity).
     */
    static BasicClassicHttpRequest rebuilt(HttpServletRequest request, String path, InputStream body, long length) {
        BasicClassicHttpRequest copy = new BasicClassicHttpRequest("POST", path);
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                copy.addHeader(name, value);
            }
        }
        ContentType type;
        try {
            type = request.getContentType() == null ? null : ContentType.parse(request.getContentType());
        } catch (RuntimeException e) {
            type = null; // camel-as2 reads the Content-Type header itself and says what is wrong with it
        }
        copy.setEntity(new InputStreamEntity(body, length, type));
        return copy;
    }
}
