package org.corridor.edi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One message (EDIFACT UNH…UNT, X12 ST…SE) with the interchange it came in, its type and version ({@code QALITY} /
 * {@code D96A}, {@code 863} / {@code 004010}), its control reference, its place in the interchange (1-based), all its
 * segments including header and trailer, and the faults found while reading it against its schema.
 */
public record EdiMessage(
        EdiEnvelope envelope,
        String messageType,
        String version,
        String messageRef,
        int index,
        List<EdiSegment> segments,
        List<EdiFault> faults) {

    public EdiMessage {
        segments = List.copyOf(segments);
        faults = List.copyOf(faults);
    }

    public boolean valid() {
        return faults.isEmpty();
    }

    /** The first segment with this tag. */
    public Optional<EdiSegment> first(String tag) {
        return segments.stream().filter(s -> s.tag().equals(tag)).findFirst();
    }

    /** The first segment with this tag whose element 1 (component 1) is the qualifier. */
    public Optional<EdiSegment> first(String tag, String qualifier) {
        return first(segments, tag, qualifier);
    }

    /** Every segment with this tag, in order. */
    public List<EdiSegment> all(String tag) {
        return segments.stream().filter(s -> s.tag().equals(tag)).toList();
    }

    /**
     * Segment groups (loops) that start with {@code startTag}: each runs from one occurrence of the start tag up to
     * the next one, or up to the first segment whose tag is in {@code endTags}, whichever comes first.
     */
    public List<List<EdiSegment>> groups(String startTag, Set<String> endTags) {
        return groups(segments, startTag, endTags);
    }

    /** The same for the segments of a group, for nested loops (a CCI group inside a LIN group). */
    public static List<List<EdiSegment>> groups(List<EdiSegment> within, String startTag, Set<String> endTags) {
        List<List<EdiSegment>> groups = new ArrayList<>();
        List<EdiSegment> current = null;
        for (EdiSegment segment : within) {
            if (segment.tag().equals(startTag)) {
                current = new ArrayList<>();
                groups.add(current);
            } else if (endTags.contains(segment.tag())) {
                current = null;
            }
            if (current != null) {
                current.add(segment);
            }
        }
        return groups;
    }

    /** The first segment with this tag and qualifier in a list of segments (a group). */
    public static Optional<EdiSegment> first(List<EdiSegment> within, String tag, String qualifier) {
        return within.stream()
                .filter(s -> s.tag().equals(tag) && s.is(1, qualifier))
                .findFirst();
    }

    /** The first segment with this tag in a list of segments (a group). */
    public static Optional<EdiSegment> first(List<EdiSegment> within, String tag) {
        return within.stream().filter(s -> s.tag().equals(tag)).findFirst();
    }
}
