package org.corridor.detect;

/**
 * What detection found: the wire format and, where the content says so, the message type and layout version.
 * {@code messageType} is null when the format is known but the message inside it is not.
 */
public record Detection(String format, String messageType, String version) {

    public static final String EDIFACT = "EDIFACT";
    public static final String X12 = "X12";
    public static final String CSV = "CSV";
    public static final String FIXED = "FIXED";
    public static final String JSON = "JSON";
    public static final String XML = "XML";
    public static final String UNKNOWN = "UNKNOWN";

    /** The lab CSV in long form: one row per sample and analyte. */
    public static final String LAB_CSV = "LAB-CSV";

    public boolean isKnownMessage() {
        return messageType != null;
    }
}
