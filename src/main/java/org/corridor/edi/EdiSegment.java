package org.corridor.edi;

import java.util.List;

/**
 * One segment of a message as it was read: its tag, its position in the message (the message header UNH or ST is 1,
 * the numbering CONTRL and 997/999 report), the line of the file it starts on, and its elements, each a list of
 * components (a simple element is a list of one). Empty elements and components are empty strings; values are the
 * text after release characters were removed. Only the first occurrence of a repeated element is kept.
 */
public record EdiSegment(String tag, int position, int line, List<List<String>> elements) {

    public EdiSegment {
        elements = List.copyOf(elements);
    }

    /** Number of elements present (trailing empty elements are usually omitted by the sender). */
    public int elementCount() {
        return elements.size();
    }

    /** The first component of element {@code n} (1-based), or null when absent or empty. */
    public String element(int n) {
        return component(n, 1);
    }

    /** Component {@code c} of element {@code n} (both 1-based), or null when absent or empty. */
    public String component(int n, int c) {
        if (n < 1 || n > elements.size()) {
            return null;
        }
        List<String> components = elements.get(n - 1);
        if (c < 1 || c > components.size()) {
            return null;
        }
        String value = components.get(c - 1);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The reference a partner reads in a guide: {@code DTM01-2} is element 1, component 2 of DTM. */
    public String reference(int n, int c) {
        return EdiFault.reference(tag, n, c);
    }

    /** Whether element {@code n} (component 1) holds exactly {@code value}; a qualifier test. */
    public boolean is(int n, String value) {
        return value.equals(element(n));
    }
}
