package org.corridor.base;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip in memory, for what Corridor keeps compressed in its database (canonical JSON, sent payloads). */
public final class Gzip {

    private Gzip() {}

    public static byte[] pack(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length / 4 + 64);
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] unpack(byte[] stored) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("stored content cannot be read", e);
        }
    }
}
