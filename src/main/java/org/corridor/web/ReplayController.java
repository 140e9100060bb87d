package org.corridor.web;

import java.util.Map;
import org.corridor.deliver.Replays;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' replay: {@code POST /api/documents/{id}/replay[?force=true]}. */
@RestController
@RequestMapping("/api/documents")
class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping("/{documentId}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable String documentId,
                                               @RequestParam(defaultValue = "false") boolean force) {
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
