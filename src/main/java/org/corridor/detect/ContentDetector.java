package org.corridor.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recognises a document by its first bytes, never by its file name: a folder or a queue may carry anything, and a
 * clerk may name a file anything. Only the head of the file is looked at, so detection costs the same for 1 KB and
 * 200 MB.
 */
public final class ContentDetector {

    /** Enough to see an ISA segment, a UNA/UNB envelope, a JSON or XML root and a CSV header line. */
    static final int HEAD_BYTES = 4096;

    /** The first few KB as text, without a byte order mark: what format and message recognition look at. */
    public static String head(byte[] content) {
        return stripBom(new String(content, 0, Math.min(content.length, HEAD_BYTES), StandardCharsets.UTF_8));
    }

    /**
     * The wire format. A CSV is only recognised as a CSV here; which message it holds is for the parsers to say
     * (see {@link org.corridor.parse.DocumentParser#recognise}).
     */
    public Detection detect(byte[] content) {
        String text = head(content).stripLeading();
        if (text.startsWith("UNA") || text.startsWith("UNB")) {
            return new Detection(Detection.EDIFACT, null, null);
        }
        if (text.startsWith("ISA")) {
            return new Detection(Detection.X12, null, null);
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return new Detection(Detection.JSON, null, null);
        }
        if (text.startsWith("<")) {
            return new Detection(Detection.XML, null, null);
        }
        String firstLine = text.lines().findFirst().orElse("");
        if (firstLine.contains(",")) {
            return new Detection(Detection.CSV, null, null);
        }
        return new Detection(Detection.UNKNOWN, null, null);
    }

    /** Removes a leading UTF-8 byte order mark, which Bindy and StAEDI both choke on. */
    public static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The same for raw bytes. */
    public static byte[] stripBom(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        return bytes;
    }
}
