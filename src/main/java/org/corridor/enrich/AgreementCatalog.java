package org.corridor.enrich;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The agreements the gateway knows, newest version of each; where enrichment and routing look them up. */
public interface AgreementCatalog {

    List<Agreement> all();

    default Optional<Agreement> find(String id) {
        return all().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    default List<Agreement> inForceOn(LocalDate date) {
        return all().stream().filter(a -> a.inForceOn(date)).toList();
    }

    /** The party (its id in the agreements) that uses this EDI interchange id, in any agreement. */
    default Optional<String> partyWithEdiId(String interchangeId) {
        if (interchangeId == null) {
            return Optional.empty();
        }
        return all().stream().flatMap(a -> a.parties().stream())
                .filter(p -> p.ids().stream().anyMatch(i -> "EDI".equals(i.scheme())
                        && i.value().equalsIgnoreCase(interchangeId.strip())))
                .map(Agreement.AgreementParty::id).findFirst();
    }

    /** A fixed set, as the command line reads it straight from files. */
    static AgreementCatalog of(List<Agreement> agreements) {
        List<Agreement> copy = List.copyOf(agreements);
        return () -> copy;
    }
}
