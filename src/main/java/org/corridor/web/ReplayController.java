package org.corridor.web;

import java.util.Map;
import org.corridor.deliver.Replays;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' replay: {@code POST /api/documents/{id}/replay[?force=true]} with {@code Authorization: Bearer <token>},
 * the token being {@code corridor.api.operator-token} (from the environment). Without it, or while no token is
 * configured, 401.
 */
@RestController
@RequestMapping("/api/documents")
class ReplayController {

    private final Replays replays;
    private final OperatorAuth auth;

    ReplayController(Replays replays, OperatorAuth auth) {
        this.replays = replays;
        this.auth = auth;
    }

    @PostMapping("/{documentId}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable String documentId,
                                               @RequestParam(defaultValue = "false") boolean force,
                                               @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                                               String authorization) {
        if (!auth.isOperator(authorization)) {
            return auth.refusal(OperatorAuth.refusalBody());
        }
        Replays.Outcome outcome = replays.replay(documentId, force);
        Map<String, Object> body = Map.of("documentId", documentId, "outcome", outcome.name(),
                "message", outcome.message());
        return switch (outcome) {
            case NOT_FOUND -> ResponseEntity.status(404).body(body);
            case NOTHING_TO_DO -> ResponseEntity.status(409).body(body);
            case QUEUED -> ResponseEntity.accepted().body(body);
        };
    }
}
