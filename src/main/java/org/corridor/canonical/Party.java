package org.corridor.canonical;

import java.util.List;

/** A trading party as documents name it: name, ISO country and its identifiers. */
public record Party(String name, String country, List<PartyId> ids) {

    public Party {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    /** A party known only by what the document wrote. */
    public static Party named(String name) {
        return new Party(name, null, List.of());
    }
}
