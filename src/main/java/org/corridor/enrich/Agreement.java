package org.corridor.enrich;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.PartyId;

/**
 * A trade agreement as data: who the parties are, which commodities and ports it covers, and which partner receives
 * which document kind in which format. Loaded from YAML files; see sample-docs/agreements/.
 */
public record Agreement(
        String id,
        int version,
        String title,
        String type,
        LocalDate signedDate,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        List<AgreementParty> parties,
        List<Commodity> commodities,
        Ports ports,
        Incoterm incoterm,
        List<Distribution> distribution) {

    public Agreement {
        parties = parties == null ? List.of() : List.copyOf(parties);
        commodities = commodities == null ? List.of() : List.copyOf(commodities);
        distribution = distribution == null ? List.of() : List.copyOf(distribution);
    }

    /** A party of the agreement with its roles and identifiers. */
    public record AgreementParty(String id, String name, String country, List<String> roles, List<PartyId> ids) {
        public AgreementParty {
            roles = roles == null ? List.of() : List.copyOf(roles);
            ids = ids == null ? List.of() : List.copyOf(ids);
        }
    }

    /** A commodity the agreement covers, with the HS codes allowed on the export and import side. */
    public record Commodity(String code, String description, List<String> hsExport, List<String> hsImport) {
        public Commodity {
            hsExport = hsExport == null ? List.of() : List.copyOf(hsExport);
            hsImport = hsImport == null ? List.of() : List.copyOf(hsImport);
        }
    }

    /** Allowed UN/LOCODEs by role. */
    public record Ports(List<String> loading, List<String> discharge, List<String> delivery) {
    }

    /** One recipient of one document kind, in the format it expects. */
    public record Distribution(DocumentKind kind, String partner, String format) {
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    public boolean covers(String commodity) {
        return commodities.stream().anyMatch(c -> c.code().equals(commodity));
    }

    /** The party known by this id, EDI interchange id, other identifier or name (case-insensitive). */
    public Optional<AgreementParty> findParty(String key) {
        String k = key.trim();
        return parties.stream().filter(p -> p.id().equalsIgnoreCase(k)
                || p.name().equalsIgnoreCase(k)
                || p.ids().stream().anyMatch(i -> i.value().equalsIgnoreCase(k))).findFirst();
    }

    public List<Distribution> recipientsOf(DocumentKind kind) {
        return distribution.stream().filter(d -> d.kind() == kind).toList();
    }
}
