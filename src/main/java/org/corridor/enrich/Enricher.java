package org.corridor.enrich;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.Party;
import org.corridor.validate.ErrorCode;
import org.corridor.validate.Location;
import org.corridor.validate.RejectedException;

/**
 * Attaches the agreement a document falls under and resolves the parties it names to the agreement's parties (name,
 * country and every identifier), so partners receive the same party data whatever the sender wrote.
 */
public final class Enricher {

    private final AgreementCatalog agreements;
    private final Clock clock;

    public Enricher(AgreementCatalog agreements, Clock clock) {
        this.agreements = agreements;
        this.clock = clock;
    }

    public CanonicalDocument enrich(CanonicalDocument document) {
        if (document.body() instanceof AssayCertificate certificate) {
            return enrichAssay(document, certificate);
        }
        return enrichByDate(document);
    }

    /**
     * A document that names no commodity or party an agreement could be matched on (a packing list, say) falls
     * under the one agreement in force today; with none, or several, nobody can tell which, and it is refused.
     */
    private CanonicalDocument enrichByDate(CanonicalDocument document) {
        LocalDate today = LocalDate.now(clock);
        List<Agreement> inForce = agreements.inForceOn(today);
        if (inForce.size() != 1) {
            throw new RejectedException(ErrorCode.NO_AGREEMENT, Location.NONE, inForce.isEmpty()
                    ? "No agreement is in force on " + today + " for this " + document.kind() + "."
                    : "Several agreements are in force on " + today + " and this " + document.kind()
                            + " names nothing that tells which one it falls under.");
        }
        return document.withAgreement(inForce.get(0).id(), document.body());
    }

    /**
     * The date that decides which agreement applies: the issue date, else the last analysis date, and only for a
     * certificate with neither, today. So converting the same file gives the same answer on any day.
     */
    private LocalDate documentDate(AssayCertificate certificate) {
        if (certificate.issueDate() != null) {
            return certificate.issueDate();
        }
        return certificate.results().stream().map(AssayResult::analysisDate).filter(java.util.Objects::nonNull)
                .max(LocalDate::compareTo).orElse(LocalDate.now(clock));
    }

    private CanonicalDocument enrichAssay(CanonicalDocument document, AssayCertificate certificate) {
        LocalDate date = documentDate(certificate);
        String labKey = certificate.lab() != null ? certificate.lab().name() : null;
        List<Agreement> candidates = agreements.inForceOn(date).stream()
                .filter(a -> a.covers(certificate.commodity()))
                .sorted(Comparator.comparing((Agreement a) -> labKey == null || a.findParty(labKey).isEmpty())
                        .thenComparing(Agreement::id))
                .toList();
        if (candidates.isEmpty()) {
            throw new RejectedException(ErrorCode.NO_AGREEMENT, new Location(null, null, "commodity", null, null),
                    "No agreement in force on " + date + " covers the commodity " + certificate.commodity()
                            + " of certificate " + certificate.certificateNo() + ".");
        }
        Agreement agreement = candidates.get(0);
        Party lab = labKey == null ? null : agreement.findParty(labKey)
                .map(p -> new Party(p.name(), p.country(), p.ids()))
                .orElse(certificate.lab());
        return document.withAgreement(agreement.id(), certificate.withLab(lab));
    }
}
