package org.corridor.edi;

import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.VisibleText;

/**
 * One thing wrong in an interchange, where acknowledgements need it: the segment tag and its position (in the message
 * for message faults, in the interchange for envelope faults), the line of the file, the element and component
 * positions (null for a segment fault), the data element number the schema gives, the error code for the clerk and
 * the codes for CONTRL (UN/EDIFACT 0085) and 997/999 (X12 AK304/IK304 for segments, AK403/IK403 for elements).
 */
public record EdiFault(
        ErrorCode code,
        String segment,
        Integer position,
        Integer line,
        Integer element,
        Integer component,
        String dataElement,
        String edifactCode,
        String x12Code,
        String text) {

    public EdiFault {
        // the text quotes values from the file, and goes into acknowledgements' records and tracking
        text = VisibleText.of(text);
    }

    /** The reference a partner reads in a guide: {@code DTM01-2}; {@code BGM02}; just the tag for a segment fault. */
    public static String reference(String tag, Integer element, Integer component) {
        if (element == null || element < 1) {
            return null;
        }
        String ref = tag + String.format("%02d", element);
        return component != null && component > 0 ? ref + "-" + component : ref;
    }

    /** Whether the fault is in a data element rather than in the segment structure. */
    public boolean inElement() {
        return element != null;
    }

    public Location location() {
        return new Location(line, null, reference(segment, element, component), segment, position);
    }

    public Problem problem() {
        return new Problem(code, location(), text);
    }
}
