package org.corridor.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/agreements} (staff: a viewer or above): every version of every agreement the gateway has loaded, which one is
 * in force today, and the agreement files it refused with their reasons, so an operator who dropped a new version
 * sees whether it took.
 */
@RestController
@RequestMapping("/api/agreements")
class AgreementController {

    private final AgreementStore agreements;
    private final Clock clock;

    AgreementController(AgreementStore agreements, Clock clock) {
        this.agreements = agreements;
        this.clock = clock;
    }

    @GetMapping
    ResponseEntity<Map<String, Object>> list() {
        LocalDate today = LocalDate.now(clock);
        List<Agreement> inForce = agreements.inForceOn(today);
        List<Map<String, Object>> versions = agreements.allVersions().stream()
                .sorted(Comparator.comparing(Agreement::id).thenComparingInt(Agreement::version))
                .map(a -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("id", a.id());
                    v.put("version", a.version());
                    v.put("title", a.title());
                    v.put("type", a.type());
                    v.put("effectiveFrom", String.valueOf(a.effectiveFrom()));
                    v.put(
                            "effectiveTo",
                            a.effectiveTo() == null ? null : a.effectiveTo().toString());
                    v.put("inForceToday", inForce.contains(a));
                    return v;
                })
                .toList();
        List<Map<String, Object>> refused = agreements.refusals().stream()
                .map(r -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("file", r.file());
                    f.put("reason", r.reason());
                    f.put("refusedAt", r.refusedAt().toString());
                    return f;
                })
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", today.toString());
        body.put("versions", versions);
        body.put("refused", refused);
        return ResponseEntity.ok(body);
    }
}
