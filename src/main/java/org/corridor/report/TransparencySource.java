package org.corridor.report;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.audit.AuditLog;
import org.corridor.dossier.DossierService;
import org.corridor.rules.AllowanceLedger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Builds an agreement's transparency report from what the gateway holds: its dossiers, quota ledger, audit head. */
@Component
public class TransparencySource {

    private final JdbcTemplate jdbc;
    private final AgreementCatalog agreements;
    private final DossierService dossiers;
    private final AllowanceLedger ledger;
    private final AuditLog audit;
    private final Clock clock;

    TransparencySource(
            JdbcTemplate jdbc,
            AgreementCatalog agreements,
            DossierService dossiers,
            AllowanceLedger ledger,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.agreements = agreements;
        this.dossiers = dossiers;
        this.ledger = ledger;
        this.audit = audit;
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
        List<TransparencyReport.Shipment> shipments = jdbc
                .queryForList(
                        "SELECT shipment_ref FROM dossiers" + " WHERE agreement_ref = ? ORDER BY shipment_ref",
                        String.class,
                        agreementRef)
                .stream()
                .map(dossiers::dossier)
                .flatMap(Optional::stream)
                .map(d -> new TransparencyReport.Shipment(d.shipmentRef(), d.documents()))
                .toList();
        Map<String, BigDecimal> used = new LinkedHashMap<>();
        for (Agreement.Quota q : agreement.quotas()) {
            used.put(q.id(), ledger.used(agreement.id(), AllowanceLedger.Kind.QUOTA, q.id()));
        }
        return Optional.of(
                TransparencyReport.compute(agreement, shipments, used, clock.instant(), head.seq(), head.hash()));
    }
}
