package org.corridor.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Error answers of the HTTP API as problem details (RFC 9457, {@code application/problem+json}): a status, a title, a
 * {@code detail} in plain words, the request path as {@code instance}, and extension members such as the
 * machine-readable {@code code}. Each also carries the sentence as {@code error}, the member the first API answered
 * with, so clients written for it keep working.
 */
public final class Problems {

    /** The problem type of Corridor's own answers; each has its status and title. */
    public static final URI TYPE = URI.create("about:blank");

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error " + status.value() : known.getReasonPhrase());
        problem.setProperty("error", detail);
        return problem;
    }

    public static ProblemDetail of(int status, String detail, Map<String, Object> more) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(status), detail);
        more.forEach(problem::setProperty);
        return problem;
    }

    /** The answer: the problem with its status and media type. */
    public static ResponseEntity<ProblemDetail> answer(int status, String detail) {
        return answer(of(status, detail, Map.of()));
    }

    public static ResponseEntity<ProblemDetail> answer(int status, String detail, Map<String, Object> more) {
        return answer(of(status, detail, more));
    }

    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
