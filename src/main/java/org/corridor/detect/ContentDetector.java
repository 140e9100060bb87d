package org.corridor.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Recognises a document by its first bytes, never by its file name: a folder or a queue may carry anything, and a
 * clerk may name a file anything. Only the head of the file is looked at, so detection costs the same for 1 KB and
 * 200 MB.
 */
public final class ContentDetector {

    /** Enough to see an ISA segment, a UNA/UNB envelope, a JSON or XML root and a CSV header line. */
    static final int HEAD_BYTES = 4096;

    /** The first columns of the long lab CSV; the parser checks the rest of the header. */
    static final String LAB_CSV_FIRST_COLUMN = "certificate_no";

    public Detection detect(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, HEAD_BYTES), StandardCharsets.UTF_8);
        text = stripBom(text).stripLeading();
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
            String first = firstLine.split(",", -1)[0].replace("\"", "").trim().toLowerCase(Locale.ROOT);
            if (first.equals(LAB_CSV_FIRST_COLUMN)) {
                return new Detection(Detection.CSV, Detection.LAB_CSV, "long");
            }
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
