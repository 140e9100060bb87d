package org.corridor.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementStore;
import org.corridor.base.FileNames;
import org.corridor.partner.PartnerRegistry;
import org.corridor.rules.AllowanceLedger;
import org.corridor.track.DocumentQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partners' health at a glance ({@code GET /api/partners}: channel, formats, last success, failures and dead letters
 * of the last 24 hours, overdue acknowledgements) and one agreement with the use of its quotas and permits
 * ({@code GET /api/agreements/{ref}}: used, remaining and limit in tonnes).
 */
@RestController
class PartnerApi {

    private final PartnerRegistry partners;
    private final DocumentQueries queries;
    private final AgreementStore agreements;
    private final AllowanceLedger ledger;
    private final Clock clock;

    PartnerApi(
            PartnerRegistry partners,
            DocumentQueries queries,
            AgreementStore agreements,
            AllowanceLedger ledger,
            Clock clock) {
        this.partners = partners;
        this.queries = queries;
        this.agreements = agreements;
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/api/partners")
    List<Map<String, Object>> partners() {
        Instant since = Instant.now(clock).minus(Duration.ofHours(24));
        return partners.all().stream()
                .map(p -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", p.id());
                    row.put("name", p.profile().name());
                    row.put(
                            "channel",
                            p.endpoint() == null || p.endpoint().channel() == null
                                    ? null
                                    : p.endpoint().channel().name());
                    row.put("formats", p.profile().formats());
                    row.put(
                            "acknowledgement",
                            p.expectedAck().map(a -> a.expected().label()).orElse(null));
                    row.putAll(queries.partnerHealth(p.id(), since));
                    return row;
                })
                .toList();
    }

    @GetMapping("/api/agreements/{ref}")
    ResponseEntity<?> agreement(@PathVariable String ref) {
        return detail(ref)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> Problems.answer(
                        404, "no agreement " + FileNames.forLog(ref), Map.of("code", "NO_SUCH_AGREEMENT")));
    }

    /** The agreement in force today (else its latest version) with the use of its quotas and permits. */
    Optional<Map<String, Object>> detail(String ref) {
        Optional<Agreement> found = agreements.find(ref, LocalDate.now(clock)).or(() -> agreements.find(ref));
        return found.map(a -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", a.id());
            body.put("version", a.version());
            body.put("title", a.title());
            body.put("effectiveFrom", String.valueOf(a.effectiveFrom()));
            body.put(
                    "effectiveTo",
                    a.effectiveTo() == null ? null : a.effectiveTo().toString());
            body.put(
                    "quotas",
                    a.quotas().stream()
                            .map(q -> use(
                                    q.id(),
                                    q.commodity(),
                                    q.from() + " to " + q.to(),
                                    ledger.used(a.id(), AllowanceLedger.Kind.QUOTA, q.id()),
                                    q.tonnes()))
                            .toList());
            body.put(
                    "permits",
                    a.permits().stream()
                            .map(p -> use(
                                    p.number(),
                                    String.join(", ", p.hsCodes()),
                                    p.validFrom() + " to " + p.validTo(),
                                    ledger.used(a.id(), AllowanceLedger.Kind.PERMIT, p.number()),
                                    p.tonnes()))
                            .toList());
            return body;
        });
    }

    private static Map<String, Object> use(
            String id, String commodity, String period, BigDecimal used, BigDecimal limit) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("commodity", commodity);
        row.put("period", period);
        row.put("used", used);
        row.put("limit", limit);
        row.put("remaining", limit == null ? null : limit.subtract(used));
        row.put(
                "percentUsed",
                limit == null || limit.signum() == 0
                        ? null
                        : used.multiply(BigDecimal.valueOf(100)).divide(limit, 1, java.math.RoundingMode.HALF_UP));
        return row;
    }
}
