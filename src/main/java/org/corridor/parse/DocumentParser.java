package org.corridor.parse;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.corridor.detect.Detection;

/** Reads one wire format into canonical bodies; throws {@link org.corridor.problem.RejectedException} on bad input. */
public interface DocumentParser {

    /**
     * Recognises this parser's message in the head of a file (the first few KB as text, byte order mark removed),
     * given the wire format the content detector found (UNKNOWN for text that is not EDI, JSON, XML or CSV, such as
     * fixed-width records). Returns the detection with the message type filled in, or empty.
     */
    Optional<Detection> recognise(Detection format, String head);

    /** Whether this parser reads what detection found. */
    boolean accepts(Detection detection);

    /** Layout version written into {@code source.version}. */
    String version(Detection detection);

    /** Every business message in the content, in file order. */
    List<ParsedMessage> parse(byte[] content, Detection detection);

    /**
     * The same, also handing what the format says about the file beyond its messages to {@code facts}, before a
     * rejection is thrown: an EDI interchange's envelope and faults, which its acknowledgement reports.
     */
    default List<ParsedMessage> parse(byte[] content, Detection detection, Consumer<Object> facts) {
        return parse(content, detection);
    }
}
