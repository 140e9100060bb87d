package org.corridor.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log over HTTP: {@code GET /api/audit/verify} (administrators) walks the chain and names the first entry found
 * wrong; the published daily heads are public, {@code GET /transparency/audit/heads} (all, as JSON) and
 * {@code GET /transparency/audit/heads/YYYY-MM-DD.txt} (one day's file as written), so anyone can keep a copy.
 */
@RestController
class AuditController {

    private final DataSource dataSource;
    private final AuditHeads heads;

    AuditController(DataSource dataSource, AuditHeads heads) {
        this.dataSource = dataSource;
        this.heads = heads;
    }

    @GetMapping(value = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> verify() {
        return json(AuditVerifier.verify(dataSource, heads.published()));
    }

    @GetMapping(value = "/transparency/audit/heads", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> heads() {
        return heads.published().stream().map(AuditController::json).toList();
    }

    @GetMapping(value = "/transparency/audit/heads/{day}.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> head(@PathVariable String day) {
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body("not a date (YYYY-MM-DD): " + day + "\n");
        }
        return heads.text(date)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body("no head published for " + date + "\n"));
    }

    static Map<String, Object> json(AuditVerifier.Verification v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", v.intact());
        body.put("entriesChecked", v.entries());
        body.put("head", Map.of("sequence", v.headSeq(), "hash", v.headHash()));
        body.put("publishedHeadsChecked", v.publishedHeads());
        if (v.firstBreak() != null) {
            body.put(
                    "firstBreak",
                    Map.of(
                            "sequence",
                            v.firstBreak().seq(),
                            "kind",
                            v.firstBreak().kind().name(),
                            "message",
                            v.firstBreak().message()));
        }
        return body;
    }

    static Map<String, Object> json(AuditHeads.Published p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", p.date().toString());
        body.put("sequence", p.seq());
        body.put("hash", p.hash());
        body.put("time", AuditHashing.text(p.at()));
        return body;
    }
}
