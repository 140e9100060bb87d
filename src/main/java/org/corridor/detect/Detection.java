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
    /** The exporter's fixed-width packing list (weighbridge export): header, one detail per package, trailer. */
    public static final String PACKING_LIST = "PACKING-LIST";
    /** The packing list as CSV: one row per package, no trailer. */
    public static final String PACKING_LIST_CSV = "PACKING-LIST-CSV";

    /** The clearing agent's worksheet of a Pakistan Single Declaration (goods declaration) as JSON. */
    public static final String PSW_SD = "PSW-SD";
    /** The clearing agent's status update on a filed goods declaration as JSON. */
    public static final String PSW_STATUS = "PSW-STATUS";

    public boolean isKnownMessage() {
        return messageType != null;
    }
}
