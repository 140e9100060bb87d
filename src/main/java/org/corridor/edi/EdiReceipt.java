package org.corridor.edi;

import java.util.List;
import java.util.Map;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.validate.Problem;

/**
 * What an acknowledgement of one received interchange needs: the interchange as read (envelope, its faults, each
 * message with its schema faults) and the problems found in each valid message's content while mapping it, by
 * message reference.
 */
public record EdiReceipt(InterchangeSummary interchange, Map<String, List<Problem>> contentProblems) {

    public EdiReceipt {
        contentProblems = Map.copyOf(contentProblems);
    }

    /** Whether the interchange and every message in it were accepted. */
    public boolean accepted() {
        return interchange.valid() && contentProblems.values().stream().allMatch(List::isEmpty);
    }
}
