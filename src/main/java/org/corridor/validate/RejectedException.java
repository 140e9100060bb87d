package org.corridor.validate;

/** Thrown when a document is invalid; the route turns it into a rejection with the problem as the reason. */
public class RejectedException extends RuntimeException {

    private final transient Problem problem;

    public RejectedException(Problem problem) {
        super(problem.describe());
        this.problem = problem;
    }

    public RejectedException(ErrorCode code, Location location, String message) {
        this(new Problem(code, location, message));
    }

    public Problem problem() {
        return problem;
    }
}
