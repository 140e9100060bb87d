package org.corridor.render.edifact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ReferenceData;

/**
 * What the EDIFACT writers write alike, the mirror of the readers' {@code parse.edifact.EdifactValues}: dates in
 * format 102, exact decimals, canonical units back to UN/ECE Rec 20 codes, long text cut at spaces into the components
 * the readers join with a space again, and a party's one id for NAD C082.
 */
final class EdifactOut {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd");

    private EdifactOut() {}

    /** A composite: its components in order, nulls empty (trailing empties are dropped by the writer). */
    static List<String> c(String... components) {
        return Arrays.asList(components);
    }

    /** {@code DTM} C507 for a date in format 102, or null (no segment) when there is no date. */
    static List<String> dtm(String qualifier, LocalDate date) {
        return date == null ? null : List.of(qualifier, CCYYMMDD.format(date), "102");
    }

    /** A decimal as written, scale kept ({@code 21342.00} stays {@code 21342.00}); null stays empty. */
    static String number(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    static String number(Integer value) {
        return value == null ? null : value.toString();
    }

    /** The Rec 20 code of a canonical unit; a unit EDIFACT has no code for cannot be written. */
    static String rec20(ReferenceData reference, String unit, String field) {
        return reference
                .rec20ForUnit(unit)
                .orElseThrow(() -> new IllegalArgumentException("The unit \""
                        + unit + "\" of " + field + " has no UN/ECE Recommendation 20 code Corridor writes (see"
                        + " reference/units.csv), so it cannot be sent in EDIFACT."));
    }

    /**
     * Text cut into pieces of at most {@code width} characters at spaces (the space between two pieces dropped), so
     * that joining the pieces with one space gives the text back. A word longer than {@code width} is cut inside.
     */
    static List<String> wrap(String text, int width) {
        List<String> pieces = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return pieces;
        }
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                pieces.add(rest.substring(0, width));
                rest = rest.substring(width);
            } else {
                pieces.add(rest.substring(0, cut));
                rest = rest.substring(cut + 1);
            }
        }
        pieces.add(rest);
        return pieces;
    }

    /** Pieces in groups of {@code size}: the components of one segment each (FTX C108 holds five lines). */
    static List<List<String>> chunks(List<String> pieces, int size) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i += size) {
            chunks.add(pieces.subList(i, Math.min(pieces.size(), i + size)));
        }
        return chunks;
    }

    /** A composite with {@code leading} empty components before the values (C273 7008 is its fourth component). */
    static List<String> after(int leading, List<String> values) {
        List<String> components = new ArrayList<>(Arrays.asList(new String[leading]));
        components.addAll(values);
        return components;
    }

    /**
     * NAD C082 for a party: its EDI id (agency {@code ZZZ}), else its SCAC (agency {@code 182}), the two schemes the
     * readers map from 3055; null when it has neither.
     */
    static List<String> partyId(Party party) {
        for (String scheme : List.of("EDI", "SCAC")) {
            for (PartyId id : party.ids()) {
                if (scheme.equals(id.scheme())) {
                    return Arrays.asList(id.value(), null, "EDI".equals(scheme) ? "ZZZ" : "182");
                }
            }
        }
        return null;
    }

    /**
     * {@code NAD+<function>+<id>::<agency>++<name in C080 pieces>+++++<country>}: what {@code EdifactValues.party}
     * reads back (name, country, one EDI or SCAC id).
     */
    static Object[] nad(String function, Party party) {
        List<String> name = wrap(party.name(), 35);
        return new Object[] {
            function,
            partyId(party),
            null,
            name.subList(0, Math.min(5, name.size())),
            null,
            null,
            null,
            null,
            party.country()
        };
    }
}
