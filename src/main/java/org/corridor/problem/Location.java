package org.corridor.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Where in a document a problem is: line and column for text formats, segment and position for EDI, a field name or
 * path for both. Unknown parts are null.
 */
public record Location(Integer line, Integer column, String field, String segment, Integer position) {

    public Location {
        // a field name or segment tag may be read from the file (a JSON key, a mangled tag)
        field = VisibleText.of(field);
        segment = VisibleText.of(segment);
    }

    public static final Location NONE = new Location(null, null, null, null, null);

    public static Location at(int line, int column, String field) {
        return new Location(line, column, field, null, null);
    }

    public static Location line(int line) {
        return new Location(line, null, null, null, null);
    }

    /** The place in words, e.g. {@code line 5, column 7 (field "value")}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (segment != null) {
            parts.add("segment " + segment + (position != null ? " at position " + position : ""));
        }
        if (line != null) {
            parts.add("line " + line);
        }
        if (column != null) {
            parts.add("column " + column);
        }
        String place = String.join(", ", parts);
        if (field != null) {
            place = place.isEmpty() ? "field \"" + field + "\"" : place + " (field \"" + field + "\")";
        }
        return place.isEmpty() ? "the whole file" : place;
    }
}
