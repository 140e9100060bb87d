package org.corridor.base;

import java.nio.charset.StandardCharsets;

/**
 * The one place where a received file's name is made safe, for every intake (inbox folder, queue, SFTP, HTTP). A name
 * comes from whoever sent the file and may hold anything a file system, a message header or a query string allows:
 * path separators, {@code ..}, control characters, bytes that are not UTF-8, hundreds of characters. It is used in
 * three forms:
 * <ul>
 * <li>{@link #received}: the name as it came, only bounded, kept in the tracking store and carried with the
 * document;</li>
 * <li>{@link #forDisk}: the name the file gets in {@code archive/} and {@code error/}: no separator, no {@code .} or
 * {@code ..}, no control character, and short enough that every name derived from it fits the 255 bytes file systems
 * allow;</li>
 * <li>{@link #forLog}: the name in log lines and notes, control characters escaped so that it cannot split a line or
 * rewrite a terminal.</li>
 * </ul>
 * Each is a pure function of the name, so every stage that holds the received name derives the same file name from it.
 */
public final class FileNames {

    /**
     * The longest name on disk, in UTF-8 bytes. The longest name derived from it is an error copy's note under a
     * document id, {@code D-yyyyMMdd-xxxxxxxxxxxx__<name>.error.txt}: 35 bytes more, within the 255 bytes of ext4, XFS
     * and most other file systems.
     */
    public static final int MAX_DISK_BYTES = 200;
    /** The longest name kept as received, in characters (tracking column: 512). */
    public static final int MAX_RECEIVED_CHARS = 255;
    /** The name on disk of a file whose own name holds nothing usable. */
    public static final String UNNAMED = "unnamed";

    /** An extension longer than this is not kept when a long name is shortened: it is a part of the name. */
    private static final int MAX_EXTENSION_BYTES = 16;
    /** What a shortened name keeps of its end: its extension and a little before it. */
    private static final int KEPT_END_CHARS = 24;

    private FileNames() {}

    /**
     * The name as received, to keep and to carry: unchanged but bounded to {@link #MAX_RECEIVED_CHARS} (the middle is
     * left out, so the end and its extension stay), and with NUL as U+FFFD, since PostgreSQL cannot store NUL.
     */
    public static String received(String name) {
        if (name == null) {
            return "";
        }
        return bounded(name.replace('\0', '\uFFFD'), MAX_RECEIVED_CHARS);
    }

    /**
     * The name for a file on disk, or an empty string when nothing usable is left (the name was {@code .}, {@code ..},
     * only separators, dots and spaces). Path separators and control, format and unreadable characters become
     * {@code _}; surrounding spaces and trailing dots go; a leading dot (a hidden file) or dash (read as an option by
     * shell commands) becomes {@code _}; a name longer than {@link #MAX_DISK_BYTES} is shortened, keeping its
     * extension, with a short hash of the whole name so that long names alike stay apart.
     */
    public static String forDisk(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder replaced = new StringBuilder(name.length());
        name.codePoints().forEach(c -> replaced.appendCodePoint(unsafeOnDisk(c) ? '_' : c));
        String safe = replaced.toString().strip();
        int end = safe.length();
        while (end > 0 && (safe.charAt(end - 1) == '.' || Character.isWhitespace(safe.charAt(end - 1)))) {
            end--;
        }
        safe = safe.substring(0, end);
        if (safe.chars().allMatch(c -> c == '_' || c == '.' || Character.isWhitespace(c))) {
            return "";
        }
        if (safe.startsWith(".") || safe.startsWith("-")) {
            safe = "_" + safe.substring(1);
        }
        return fit(safe, name);
    }

    /** {@link #forDisk(String)}, or {@code fallback} when the name holds nothing usable. */
    public static String forDisk(String name, String fallback) {
        String safe = forDisk(name);
        return safe.isEmpty() ? fallback : safe;
    }

    /**
     * The name for a log line or a note: as received but bounded, with line breaks, tabs and other control and format
     * characters written as escapes: a line break as {@code \n}, a tab as {@code \t}, any other as its code point the
     * way Java writes it.
     */
    public static String forLog(String name) {
        if (name == null) {
            return "(no name)";
        }
        StringBuilder out = new StringBuilder();
        bounded(name, MAX_RECEIVED_CHARS).codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafeInText(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** What could split, hide or reorder text: control, format, line and paragraph separators, lone surrogates. */
    private static boolean unsafeInText(int c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }

    /** Besides what is unsafe in text: path separators, and U+FFFD, which stands for bytes that were not UTF-8. */
    private static boolean unsafeOnDisk(int c) {
        return c == '/' || c == '\\' || c == '\uFFFD' || unsafeInText(c);
    }

    /** The name itself when short enough; otherwise its start, a hash of the whole name and its extension. */
    private static String fit(String safe, String whole) {
        if (utf8Length(safe) <= MAX_DISK_BYTES) {
            return safe;
        }
        int dot = safe.lastIndexOf('.');
        String extension = dot > 0 && utf8Length(safe.substring(dot)) <= MAX_EXTENSION_BYTES ? safe.substring(dot) : "";
        String stem = extension.isEmpty() ? safe : safe.substring(0, dot);
        String tag = "~" + Hashing.sha256Hex(whole).substring(0, 8);
        int budget = MAX_DISK_BYTES - utf8Length(tag) - utf8Length(extension);
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < stem.length(); ) {
            int c = stem.codePointAt(i);
            int size = utf8Length(new String(Character.toChars(c)));
            if (bytes + size > budget) {
                break;
            }
            kept.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        return kept.toString().stripTrailing() + tag + extension;
    }

    /** The text itself when short enough; otherwise its start and its end around an ellipsis. */
    private static String bounded(String text, int maxChars) {
        int count = text.codePointCount(0, text.length());
        if (count <= maxChars) {
            return text;
        }
        int head = text.offsetByCodePoints(0, maxChars - 1 - KEPT_END_CHARS);
        int tail = text.offsetByCodePoints(text.length(), -KEPT_END_CHARS);
        return text.substring(0, head) + "…" + text.substring(tail);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
