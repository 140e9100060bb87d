package org.corridor.base;

/** The acknowledgements Corridor writes to a sender of EDI, by the names tracking and file names use. */
public enum AckFormat implements DeliveryFormat {
    /** UN/EDIFACT CONTRL. */
    CONTRL("CONTRL"),
    /** X12 997 functional acknowledgement. */
    X12_997("997"),
    /** X12 999 implementation acknowledgement (005010). */
    X12_999("999"),
    /** X12 TA1 interchange acknowledgement, when no functional group can be named. */
    TA1("TA1");

    private final String label;

    AckFormat(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The EDI standard it is written in: a CONTRL is EDIFACT, the others X12. */
    public OutputFormat syntax() {
        return this == CONTRL ? OutputFormat.EDIFACT : OutputFormat.X12;
    }

    /** The acknowledgement type an EDI acknowledgement writer names ({@code CONTRL}, {@code 997}, …). */
    public static AckFormat of(String label) {
        for (AckFormat a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("\"" + label + "\" is not an acknowledgement Corridor writes");
    }
}
