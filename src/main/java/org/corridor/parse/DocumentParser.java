package org.corridor.parse;

import java.util.List;
import org.corridor.detect.Detection;

/** Reads one wire format into canonical bodies; throws {@link org.corridor.validate.RejectedException} on bad input. */
public interface DocumentParser {

    /** Whether this parser reads what detection found. */
    boolean accepts(Detection detection);

    /** Layout version written into {@code source.version}. */
    String version(Detection detection);

    /** Every business message in the content, in file order. */
    List<ParsedMessage> parse(byte[] content, Detection detection);
}
