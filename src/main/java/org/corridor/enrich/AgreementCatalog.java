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

    /** A fixed set, as the command line reads it straight from files. */
    static AgreementCatalog of(List<Agreement> agreements) {
        List<Agreement> copy = List.copyOf(agreements);
        return () -> copy;
    }
}
