package org.corridor.web;

import java.util.Map;
import org.corridor.deliver.Replays;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' replay: {@code POST /api/documents/{id}/replay[?force=true]}, by an operator's session or API token
 * ({@link WebSecurity} refuses anyone else). Who asked is recorded with the replay's event.
 */
@RestController
@RequestMapping("/api/documents")
class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping("/{documentId}/replay")
    ResponseEntity<?> replay(
            @PathVariable String documentId,
            @RequestParam(defaultValue = "false") boolean force,
            Authentication caller) {
        Replays.Outcome outcome = replays.replay(documentId, force, Actors.of(caller));
        Map<String, Object> body =
                Map.of("documentId", documentId, "outcome", outcome.name(), "message", outcome.message());
        return switch (outcome) {
            case NOT_FOUND -> Problems.answer(404, "no document " + documentId, body);
            case NOTHING_TO_DO -> Problems.answer(409, outcome.message(), body);
            case QUEUED -> ResponseEntity.accepted().body(body);
        };
    }
}
