package org.corridor.base;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The formats Corridor writes for partners, by the names agreement distribution lists and partner files use. Here, at
 * the bottom, because agreements, partner files and tracking name them as well as the renderers.
 */
public enum OutputFormat implements DeliveryFormat {

    /** The canonical JSON contract (corridor/1), one document per message. */
    CANONICAL_JSON(false),
    /** The clearing agent's declaration worksheet as JSON. */
    PSW_WORKSHEET_JSON(false),
    /** The clearing agent's declaration worksheet as CSV. */
    PSW_WORKSHEET_CSV(false),
    /** One UN/EDIFACT D96A interchange per document. */
    EDIFACT(false),
    /** One X12 004010 interchange per document. */
    X12(false),
    /** The US customs broker's data set (ISF 10+2 and entry lines) of a whole shipment: for shipment dossiers. */
    US_BROKER_DATA_SET(true);

    private final boolean perShipment;

    OutputFormat(boolean perShipment) {
        this.perShipment = perShipment;
    }

    /**
     * The format a file names, case and surrounding blanks ignored ({@code edifact} is {@code EDIFACT}).
     *
     * @throws IllegalArgumentException naming the value and the formats there are
     */
    @JsonCreator
    public static OutputFormat of(String text) {
        if (text != null) {
            String name = text.strip().toUpperCase(Locale.ROOT);
            for (OutputFormat f : values()) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not one of " + names());
    }

    /** Every format name, in declaration order, comma-separated: for messages that list what is allowed. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Whether the format is an EDI standard, written per partner with its own envelope and control numbers. */
    public boolean isEdi() {
        return this == EDIFACT || this == X12;
    }

    @Override
    public String label() {
        return name();
    }

    /** Whether it is written from a whole shipment (a shipment dossier) rather than from one document. */
    public boolean isPerShipment() {
        return perShipment;
    }
}
