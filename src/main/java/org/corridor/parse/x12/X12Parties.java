package org.corridor.parse.x12;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;

/**
 * A party from an X12 N1 loop: N102 name, N404 country, the N103/N104 identifier (ZZ = the partner's EDI id, 1 = DUNS)
 * followed by the loop's REF identifiers (TJ = Pakistan NTN, EI = US EIN), in that order.
 */
final class X12Parties {

    private static final Map<String, String> N1_SCHEMES = Map.of("ZZ", "EDI", "1", "DUNS");
    private static final Map<String, String> REF_SCHEMES = Map.of("TJ", "NTN", "EI", "EIN");

    private X12Parties() {}

    static Party party(List<EdiSegment> loop) {
        return party(loop, List.of());
    }

    /** The party with identifiers known from elsewhere in the message (a carrier's SCAC) placed first. */
    static Party party(List<EdiSegment> loop, List<PartyId> first) {
        EdiSegment n1 = loop.get(0);
        List<PartyId> ids = new ArrayList<>(first);
        String scheme = n1.element(3) == null ? null : N1_SCHEMES.get(n1.element(3));
        if (scheme != null && n1.element(4) != null) {
            ids.add(new PartyId(scheme, n1.element(4)));
        }
        for (EdiSegment ref : loop) {
            if (ref.tag().equals("REF") && REF_SCHEMES.containsKey(ref.element(1))) {
                ids.add(new PartyId(REF_SCHEMES.get(ref.element(1)), ref.element(2)));
            }
        }
        String country = EdiMessage.first(loop, "N4").map(n4 -> n4.element(4)).orElse(null);
        return new Party(n1.element(2), country, ids);
    }
}
