package org.corridor.report;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.audit.AuditLog;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.ReferenceData;
import org.corridor.dossier.DossierService;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.FindingCode;
import org.corridor.rules.AgreementRules;
import org.corridor.rules.AllowanceLedger;
import org.corridor.track.DeliveryStatus;
import org.corridor.track.DocumentQueries;
import org.corridor.track.DocumentStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds an agreement's transparency report from what the gateway holds: its dossiers, the tracking of their documents
 * (drops, deliveries, acknowledgements, refusals), the allowance ledger, the audit head.
 */
@Component
public class TransparencySource {

    /** A finding code as a refusal's reason names it, {@code QUOTA_EXCEEDED: ...}. */
    private static final Pattern FINDING = Pattern.compile("\\b([A-Z][A-Z0-9_]+): ");

    private final JdbcTemplate jdbc;
    private final AgreementCatalog agreements;
    private final DossierService dossiers;
    private final AllowanceLedger ledger;
    private final AuditLog audit;
    private final DocumentQueries documents;
    private final AgreementRules rules;
    private final Clock clock;

    TransparencySource(
            JdbcTemplate jdbc,
            AgreementCatalog agreements,
            DossierService dossiers,
            AllowanceLedger ledger,
            AuditLog audit,
            DocumentQueries documents,
            ReferenceData reference,
            Clock clock) {
        this.jdbc = jdbc;
        this.agreements = agreements;
        this.dossiers = dossiers;
        this.ledger = ledger;
        this.audit = audit;
        this.documents = documents;
        this.rules = new AgreementRules(clock, reference);
        this.clock = clock;
    }

    /** The report of this agreement (its newest version), if the gateway knows the agreement. */
    public Optional<TransparencyReport> report(String agreementRef) {
        Optional<Agreement> found = agreements.find(agreementRef);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Agreement agreement = found.get();
        // the head first: every shipment counted is at or before it
        AuditLog.Head head = audit.head();
        Map<String, TransparencyReport.Flow> flows = flows(agreementRef);
        List<TransparencyReport.Shipment> shipments = jdbc
                .queryForList(
                        "SELECT shipment_ref FROM dossiers WHERE agreement_ref = ? ORDER BY shipment_ref",
                        String.class,
                        agreementRef)
                .stream()
                .map(dossiers::dossier)
                .flatMap(Optional::stream)
                .map(d -> new TransparencyReport.Shipment(
                        d.shipmentRef(),
                        d.documents(),
                        flows.getOrDefault(d.shipmentRef(), TransparencyReport.Flow.NONE)))
                .toList();
        Map<String, BigDecimal> quotaUsed = new LinkedHashMap<>();
        for (Agreement.Quota q : agreement.quotas()) {
            quotaUsed.put(q.id(), ledger.used(agreement.id(), AllowanceLedger.Kind.QUOTA, q.id()));
        }
        Map<String, BigDecimal> permitUsed = new LinkedHashMap<>();
        for (Agreement.Permit p : agreement.permits()) {
            if (p.tonnes() != null) {
                permitUsed.put(p.number(), ledger.used(agreement.id(), AllowanceLedger.Kind.PERMIT, p.number()));
            }
        }
        TransparencyReport.Facts facts =
                new TransparencyReport.Facts(shipments, refusals(agreement, shipments), quotaUsed, permitUsed);
        return Optional.of(
                TransparencyReport.compute(agreement, rules, facts, clock.instant(), head.seq(), head.hash()));
    }

    /**
     * Per shipment, the times of its documents: the drop of each document's file to the delivery to the last of its
     * recipients, and each delivery that owes an acknowledgement to the acknowledgement.
     */
    private Map<String, TransparencyReport.Flow> flows(String agreementRef) {
        record Row(
                String shipment,
                String document,
                Instant received,
                String status,
                Instant delivered,
                boolean ackExpected,
                Instant acknowledged) {}
        List<Row> rows = jdbc.query(
                """
                SELECT COALESCE(dd.shipment_ref, d.shipment_ref) AS shipment, d.document_id, d.received_at,
                       v.status, v.delivered_at, v.ack_expected, v.ack_at
                  FROM documents d
                  JOIN deliveries v ON v.document_id = d.document_id
                  LEFT JOIN dossier_documents dd ON dd.document_id = d.document_id
                 WHERE d.agreement_ref = ? AND COALESCE(dd.shipment_ref, d.shipment_ref) IS NOT NULL""",
                (rs, i) -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        instant(rs.getTimestamp(3)),
                        rs.getString(4),
                        instant(rs.getTimestamp(5)),
                        rs.getString(6) != null,
                        instant(rs.getTimestamp(7))),
                agreementRef);
        Map<String, Map<String, List<Row>>> byShipment = new TreeMap<>();
        for (Row r : rows) {
            byShipment
                    .computeIfAbsent(r.shipment(), k -> new TreeMap<>())
                    .computeIfAbsent(r.document(), k -> new ArrayList<>())
                    .add(r);
        }
        Map<String, TransparencyReport.Flow> flows = new HashMap<>();
        byShipment.forEach((shipment, byDocument) -> {
            List<Duration> delivered = new ArrayList<>();
            List<Duration> acknowledged = new ArrayList<>();
            int notDelivered = 0;
            int notAcknowledged = 0;
            for (List<Row> deliveries : byDocument.values()) {
                boolean all = deliveries.stream()
                        .allMatch(r -> r.delivered() != null
                                && DeliveryStatus.valueOf(r.status()).reached());
                if (all) {
                    Instant last = deliveries.stream()
                            .map(Row::delivered)
                            .max(Instant::compareTo)
                            .orElseThrow();
                    delivered.add(Duration.between(deliveries.get(0).received(), last));
                } else {
                    notDelivered++;
                }
                for (Row r : deliveries) {
                    if (r.ackExpected() && r.acknowledged() != null && r.delivered() != null) {
                        acknowledged.add(Duration.between(r.delivered(), r.acknowledged()));
                    } else if (r.ackExpected() && r.delivered() != null) {
                        notAcknowledged++;
                    }
                }
            }
            flows.put(
                    shipment,
                    new TransparencyReport.Flow(
                            List.copyOf(delivered), notDelivered, List.copyOf(acknowledged), notAcknowledged));
        });
        return flows;
    }

    /**
     * The agreement's refused documents: the month each came in, its reason code, and its commodity (its dossier's,
     * else {@link #commodityOf}).
     */
    private List<TransparencyReport.Refusal> refusals(
            Agreement agreement, List<TransparencyReport.Shipment> shipments) {
        Map<String, String> commodityOfShipment = new HashMap<>();
        for (TransparencyReport.Shipment s : shipments) {
            String commodity = TransparencyReport.commodityOf(s);
            if (commodity != null) {
                commodityOfShipment.put(s.shipmentRef(), commodity);
            }
        }
        return jdbc.query(
                """
                SELECT d.document_id, COALESCE(dd.shipment_ref, d.shipment_ref), d.reason_code, d.received_at, d.reason
                  FROM documents d
                  LEFT JOIN dossier_documents dd ON dd.document_id = d.document_id
                 WHERE d.agreement_ref = ? AND d.status = ?
                 ORDER BY d.received_at, d.document_id""",
                (rs, i) -> {
                    String commodity = rs.getString(2) == null ? null : commodityOfShipment.get(rs.getString(2));
                    if (commodity == null) {
                        commodity = commodityOf(rs.getString(1), agreement, commodityOfShipment);
                    }
                    return new TransparencyReport.Refusal(
                            commodity,
                            YearMonth.from(rs.getTimestamp(4).toInstant().atZone(ZoneOffset.UTC)),
                            reasonCode(rs.getString(3), rs.getString(5)));
                },
                agreement.id(),
                DocumentStatus.REJECTED.name());
    }

    /**
     * The code a refusal is counted under: for a broken agreement rule the rule's finding code (the reason starts with
     * it), else the error code. Only codes of the two closed sets: the reason's words are never published.
     */
    static String reasonCode(String errorCode, String reason) {
        if (ErrorCode.AGREEMENT_RULE.name().equals(errorCode) && reason != null) {
            Matcher m = FINDING.matcher(reason);
            if (m.find()) {
                String finding = m.group(1);
                if (Arrays.stream(FindingCode.values()).anyMatch(c -> c.name().equals(finding))) {
                    return finding;
                }
            }
        }
        return errorCode == null ? "UNSPECIFIED" : errorCode;
    }

    /**
     * The commodity of a refused document, from the canonical JSON processing last saw of it (often as parsed, before
     * enrichment): the commodity enrichment found, else its shipment's, else what its own fields say (an assay
     * certificate's commodity, the agreement's commodity of a declaration line's HS code); null if none.
     */
    private String commodityOf(String documentId, Agreement agreement, Map<String, String> commodityOfShipment) {
        Optional<CanonicalDocument> document = documents.canonical(documentId).flatMap(json -> {
            try {
                return CanonicalJson.readAll(json.getBytes(StandardCharsets.UTF_8)).stream()
                        .findFirst();
            } catch (RuntimeException e) {
                // whatever was stored and cannot be read back counts as a refusal of unknown commodity
                return Optional.empty();
            }
        });
        if (document.isEmpty()) {
            return null;
        }
        CanonicalDocument d = document.get();
        if (d.enrichment() != null && d.enrichment().commodity() != null) {
            return d.enrichment().commodity();
        }
        if (d.shipmentRef() != null && commodityOfShipment.containsKey(d.shipmentRef())) {
            return commodityOfShipment.get(d.shipmentRef());
        }
        if (d.body() instanceof AssayCertificate a && a.commodity() != null) {
            return a.commodity();
        }
        if (d.body() instanceof CustomsDeclaration c) {
            return c.lines().stream()
                    .map(l -> agreement.commodityOfHs(l.hsCode()))
                    .flatMap(Optional::stream)
                    .map(Agreement.Commodity::code)
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
