package org.corridor.base;

/**
 * AS2 names ({@code AS2-From}, {@code AS2-To}; RFC 4130 section 6.2): 1 to 128 printable ASCII characters, quoted
 * when they hold a space. Corridor takes the plain form only: letters, digits and {@code . _ - @ :}, which every AS2
 * product accepts and which is safe in logs and file names; such a name may still come quoted ({@code "FWOPK"}), which
 * is the same name.
 */
public final class As2Names {

    /** What a valid name is, for error messages. */
    public static final String RULE = "must be 1 to 128 letters, digits, '.', '_', '-', '@' or ':'";

    private As2Names() {}

    public static boolean valid(String name) {
        return name != null && name.matches("[A-Za-z0-9._@:-]{1,128}");
    }

    /** A name as a header carries it, without the quotes RFC 4130 allows around any name; null stays null. */
    public static String unquoted(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        return n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"") ? n.substring(1, n.length() - 1) : n;
    }
}
