package org.corridor.problem;

/**
 * One thing wrong with a document: a machine-readable code, where it is, and a sentence a clerk understands. The
 * sentence may quote the file; anything invisible in the quote is shown as {@code <U+XXXX>} (see {@link VisibleText}).
 */
public record Problem(ErrorCode code, Location location, String message) {

    public Problem {
        message = VisibleText.of(message);
    }

    /** {@code [CSV_NUMBER] line 5, column 7 (field "value"): "2O.45" is not a number ...}. */
    public String describe() {
        return "[" + code + "] " + location.describe() + ": " + message;
    }
}
