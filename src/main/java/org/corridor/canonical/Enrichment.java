package org.corridor.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What enrichment learned about a document from its agreement and the reference tables (envelope field
 * {@code enrichment}): the commodity, which agreement party each named party is, and the names of the HS codes and
 * places it mentions. Informative: the body keeps what the sender wrote, with parties completed from the agreement.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Enrichment(String commodity, List<ResolvedParty> parties, List<HsCode> hsCodes, List<Place> places) {

    public Enrichment {
        parties = parties == null ? List.of() : List.copyOf(parties);
        hsCodes = hsCodes == null ? List.of() : List.copyOf(hsCodes);
        places = places == null ? List.of() : List.copyOf(places);
    }

    /** A party the body names ({@code role} = the body field: exporter, lab, seller, …) and its agreement party id. */
    public record ResolvedParty(String role, String partyId, String name) {}

    /** An HS code the document carries and its description from the reference table. */
    public record HsCode(String code, String description) {}

    /** A UN/LOCODE the document carries, with its name and country from the reference table. */
    public record Place(String locode, String name, String country) {}
}
