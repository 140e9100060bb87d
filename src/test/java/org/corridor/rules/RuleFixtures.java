package org.corridor.rules;

import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Party;
import org.corridor.canonical.Quantity;

/** The sample agreement and small documents built in code, for the agreement rule and ledger tests. */
final class RuleFixtures {

    static final Agreement SAMPLE = AGREEMENT_FILES.read(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"));

    private RuleFixtures() {}

    static Clock clockAt(String day) {
        return Clock.fixed(Instant.parse(day + "T00:00:00Z"), ZoneOffset.UTC);
    }

    static AssayResult result(String lot, String analyte, String value, String qualifier, String unit, String basis) {
        return new AssayResult(
                lot,
                lot == null ? null : "S-" + lot,
                "SELLER",
                analyte,
                new BigDecimal(value),
                qualifier,
                unit,
                basis,
                "ICP-OES",
                LocalDate.of(2025, 10, 4));
    }

    static CanonicalDocument certificate(String commodity, AssayResult... results) {
        return CanonicalDocument.of(
                "D-cert",
                null,
                new AssayCertificate("CERT-1", LocalDate.of(2025, 10, 6), null, commodity, null, List.of(results)));
    }

    static CustomsDeclaration.Line line(int no, String hsCode, String tonnes) {
        return new CustomsDeclaration.Line(
                no,
                hsCode,
                "goods",
                new Quantity(new BigDecimal(tonnes), "T", "WET"),
                null,
                null,
                new BigDecimal("1000.00"),
                "PK");
    }

    static CustomsDeclaration declaration(
            String number,
            LocalDate date,
            String currency,
            CustomsDeclaration.FinancialInstrument instrument,
            CustomsDeclaration.Line... lines) {
        return new CustomsDeclaration(
                "PK",
                "EXPORT",
                "COMMERCIAL",
                number,
                date,
                Party.named("FWO"),
                Party.named("USSM"),
                Party.named("Agent"),
                "PKBQM",
                "USHOU",
                "US",
                new Incoterm("CIF", "USHOU", "2020"),
                currency,
                "INV-1",
                new BigDecimal("1000.00"),
                instrument,
                List.of(lines),
                List.of());
    }

    static CanonicalDocument document(String documentId, CustomsDeclaration declaration) {
        return CanonicalDocument.of(documentId, null, declaration);
    }

    /** The sample agreement with other permits, quotas and commodities (the rest as in the file). */
    static Agreement variant(
            String id,
            List<Agreement.Commodity> commodities,
            List<Agreement.Quota> quotas,
            List<Agreement.Permit> permits) {
        Agreement a = SAMPLE;
        return new Agreement(
                id,
                a.version(),
                a.title(),
                a.type(),
                a.signedDate(),
                a.effectiveFrom(),
                a.effectiveTo(),
                a.parties(),
                commodities,
                a.ports(),
                a.incoterm(),
                a.weightTolerancePct(),
                quotas,
                permits,
                a.requiredDocuments(),
                a.distribution(),
                a.disclosure());
    }
}
