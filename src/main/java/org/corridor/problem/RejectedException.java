package org.corridor.problem;

import java.util.List;

/**
 * Thrown when a document is invalid; the route turns it into a rejection with the problem as the reason. Formats that
 * find every fault in one pass (EDI) carry all of them; {@link #problem()} is the first.
 */
public class RejectedException extends RuntimeException {

    private final transient Problem problem;
    private final transient List<Problem> problems;

    public RejectedException(Problem problem) {
        this(List.of(problem));
    }

    public RejectedException(List<Problem> problems) {
        super(problems.get(0).describe() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problem = problems.get(0);
        this.problems = List.copyOf(problems);
    }

    public RejectedException(ErrorCode code, Location location, String message) {
        this(new Problem(code, location, message));
    }

    public Problem problem() {
        return problem;
    }

    /** Every problem found, the first one first. */
    public List<Problem> problems() {
        return problems;
    }
}
