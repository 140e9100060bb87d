package org.corridor.problem;

/**
 * Makes text quoted from a received file safe to show: a refusal reason quotes the bad value, and that value may hold
 * control characters (a NUL, an escape sequence, a line break that would forge a log line or split the error note),
 * invisible format characters or a right-to-left override. Each becomes a visible {@code <U+001B>}.
 */
public final class VisibleText {

    private VisibleText() {}

    /** The text with every control, line-separator and format character written as {@code <U+XXXX>}; null stays null. */
    public static String of(String text) {
        if (text == null || text.codePoints().noneMatch(VisibleText::hidden)) {
            return text;
        }
        StringBuilder visible = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (hidden(c)) {
                visible.append(String.format("<U+%04X>", c));
            } else {
                visible.appendCodePoint(c);
            }
        });
        return visible.toString();
    }

    private static boolean hidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
