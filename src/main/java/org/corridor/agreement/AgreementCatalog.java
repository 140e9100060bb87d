package org.corridor.agreement;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agreements the gateway knows, every version of each; where enrichment and routing look them up. A new version
 * of an agreement does not erase the old one: the version in force on a document's date applies to it.
 */
public interface AgreementCatalog {

    /** Every version of every agreement, by id then version. */
    List<Agreement> allVersions();

    /** The newest version of each agreement (whatever its dates), by id. */
    default List<Agreement> all() {
        Map<String, Agreement> newest = new LinkedHashMap<>();
        for (Agreement a : sorted(allVersions())) {
            newest.put(a.id(), a);
        }
        return List.copyOf(newest.values());
    }

    /** The newest version of this agreement. */
    default Optional<Agreement> find(String id) {
        return all().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * The version of this agreement in force on that date: the highest version whose effective dates include it.
     */
    default Optional<Agreement> find(String id, LocalDate date) {
        return versions(id).stream().filter(a -> a.inForceOn(date)).reduce((older, newer) -> newer);
    }

    /** Every version of this agreement, oldest first; empty for an unknown id. */
    default List<Agreement> versions(String id) {
        return sorted(allVersions()).stream().filter(a -> a.id().equals(id)).toList();
    }

    /** For each agreement with a version in force on that date, that version (the highest one), by id. */
    default List<Agreement> inForceOn(LocalDate date) {
        Map<String, Agreement> inForce = new LinkedHashMap<>();
        for (Agreement a : sorted(allVersions())) {
            if (a.inForceOn(date)) {
                inForce.put(a.id(), a);
            }
        }
        return List.copyOf(inForce.values());
    }

    /** The party (its id in the agreements) that uses this EDI interchange id, in any agreement. */
    default Optional<String> partyWithEdiId(String interchangeId) {
        if (interchangeId == null) {
            return Optional.empty();
        }
        return all().stream()
                .flatMap(a -> a.parties().stream())
                .filter(p -> p.ids().stream()
                        .anyMatch(i -> "EDI".equals(i.scheme()) && i.value().equalsIgnoreCase(interchangeId.strip())))
                .map(Agreement.AgreementParty::id)
                .findFirst();
    }

    /** A fixed set, as the command line reads it straight from files; it may hold several versions of one id. */
    static AgreementCatalog of(List<Agreement> agreements) {
        List<Agreement> copy = sorted(agreements);
        return () -> copy;
    }

    private static List<Agreement> sorted(List<Agreement> agreements) {
        return agreements.stream()
                .sorted(Comparator.comparing(Agreement::id).thenComparingInt(Agreement::version))
                .toList();
    }
}
