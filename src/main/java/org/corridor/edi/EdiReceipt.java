package org.corridor.edi;

import java.util.List;
import java.util.Map;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.problem.Problem;

/**
 * What an acknowledgement of one received interchange needs: the interchange as read (envelope, its faults, each
 * message with its schema faults), the problems found in each valid message's content while mapping it, by message
 * reference, and, for an interchange that is fine in itself, the problems elsewhere in its file that refuse the file
 * as a whole (Corridor takes or refuses a file whole, so its sender must not be told this interchange was accepted).
 */
public record EdiReceipt(
        InterchangeSummary interchange, Map<String, List<Problem>> contentProblems, List<Problem> refusedElsewhere) {

    public EdiReceipt {
        contentProblems = Map.copyOf(contentProblems);
        refusedElsewhere = List.copyOf(refusedElsewhere);
    }

    public EdiReceipt(InterchangeSummary interchange, Map<String, List<Problem>> contentProblems) {
        this(interchange, contentProblems, List.of());
    }

    /** Whether the interchange and every message in it were accepted. */
    public boolean accepted() {
        return interchange.valid()
                && contentProblems.values().stream().allMatch(List::isEmpty)
                && refusedElsewhere.isEmpty();
    }

    /** The content problems of one message; none for a message without a reference. */
    public List<Problem> contentProblemsOf(String messageRef) {
        return messageRef == null ? List.of() : contentProblems.getOrDefault(messageRef, List.of());
    }
}
