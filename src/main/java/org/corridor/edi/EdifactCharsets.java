package org.corridor.edi;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The EDIFACT syntax identifiers Corridor reads and writes, and their character sets: UNOA and UNOB (upper-case and
 * mixed-case ASCII subsets), UNOC (ISO 8859-1, Latin-1), UNOD (ISO 8859-2) and UNOW (UTF-8, syntax 4).
 */
public final class EdifactCharsets {

    private static final Map<String, Charset> CHARSETS = Map.of(
            "UNOA", StandardCharsets.US_ASCII,
            "UNOB", StandardCharsets.US_ASCII,
            "UNOC", StandardCharsets.ISO_8859_1,
            "UNOD", Charset.forName("ISO-8859-2"),
            "UNOW", StandardCharsets.UTF_8);

    private EdifactCharsets() {}

    public static boolean supported(String syntaxIdentifier) {
        return CHARSETS.containsKey(syntaxIdentifier);
    }

    /** The character set of a syntax identifier; UTF-8 for one Corridor does not know. */
    public static Charset charset(String syntaxIdentifier) {
        return CHARSETS.getOrDefault(syntaxIdentifier, StandardCharsets.UTF_8);
    }
}
