package org.corridor.parse.edifact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Quantity;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.PackingListRules;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;

/**
 * What the transport and invoice messages (IFTMIN, IFTSTA, INVOIC) read alike: parties from NAD, UN/LOCODEs from LOC,
 * HS codes from PIA, quantities and masses from MEA/QTY with their UN/ECE Rec 20 units, free text from FTX, container
 * numbers from EQD/SGP. Each refuses a value it cannot map with the segment, position and element.
 */
final class EdifactValues {

    private static final Pattern LOCODE = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private EdifactValues() {}

    /** The NAD with this party qualifier (3035), if present. */
    static Optional<EdiSegment> nad(EdiMessage message, String qualifier) {
        return message.first("NAD", qualifier);
    }

    /**
     * A party from NAD: name from C080 (3036, parts joined with a space), else the first C058 line; country from
     * 3207; the party id C082 3039 is the EDI id when its agency (3055) is {@code ZZZ} or absent, the SCAC when 182.
     */
    static Party party(EdiSegment nad) {
        List<String> parts = new ArrayList<>();
        for (int c = 1; c <= 5; c++) {
            String part = nad.component(4, c);
            if (part != null) {
                parts.add(part.strip());
            }
        }
        String name = parts.isEmpty() ? nad.component(3, 1) : String.join(" ", parts);
        String country = nad.element(9);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CONTENT,
                    nad,
                    9,
                    0,
                    "\"" + country + "\" in NAD09 (data element"
                            + " 3207, country) is not an ISO 3166 two-letter country code such as PK or US.");
        }
        List<PartyId> ids = new ArrayList<>();
        String id = nad.component(2, 1);
        if (id != null) {
            String agency = nad.component(2, 3);
            String scheme;
            if (agency == null || "ZZZ".equals(agency)) {
                scheme = "EDI";
            } else if ("182".equals(agency)) {
                scheme = "SCAC";
            } else {
                throw EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        nad,
                        2,
                        3,
                        "Code list agency \"" + agency
                                + "\" in NAD02-3 (data element 3055) is not one Corridor maps for party ids. Use ZZZ for the"
                                + " partner's interchange id or 182 for a carrier's SCAC.");
            }
            ids.add(new PartyId(scheme, id));
        }
        return new Party(name, country, ids);
    }

    /** The UN/LOCODE in LOC C517 (3225), checked for its form (two letters of country, three of place). */
    static String locode(EdiSegment loc) {
        String code = loc.component(2, 1);
        if (code != null && !LOCODE.matcher(code).matches()) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CONTENT,
                    loc,
                    2,
                    1,
                    "\"" + code + "\" in LOC02-1 (data element 3225,"
                            + " place) is not a UN/LOCODE. Write the five-character code, such as PKBQM or USHOU.");
        }
        return code;
    }

    /** The HS code of a PIA with C212 item type HS: digits only ({@code 2603.00} → {@code 260300}). */
    static String hsCode(EdiSegment pia) {
        for (int n = 2; n <= 6; n++) {
            if ("HS".equals(pia.component(n, 2))) {
                String code = pia.component(n, 1);
                String digits = code == null ? null : code.replace(".", "").replace(" ", "");
                if (digits == null || !digits.matches("\\d{6,10}")) {
                    throw EdiValues.reject(
                            ErrorCode.EDI_CONTENT,
                            pia,
                            n,
                            1,
                            "\"" + code + "\" in PIA0" + n
                                    + "-1 (data element 7140) is not an HS code. Write 6 to 10 digits, such as 260300.");
                }
                return digits;
            }
        }
        return null;
    }

    /** The canonical unit of a Rec 20 unit code at this place; a unit Corridor does not map is refused. */
    static String unit(ReferenceData reference, EdiSegment segment, int element, int component) {
        String code = segment.component(element, component);
        if (code == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    segment,
                    element,
                    component,
                    "The unit in "
                            + segment.reference(element, component) + " (data element 6411) is missing. Give a UN/ECE"
                            + " Recommendation 20 code such as KGM, TNE or P1.");
        }
        return reference
                .unitForRec20(code)
                .orElseThrow(() -> EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        segment,
                        element,
                        component,
                        "Unit \"" + code + "\" in " + segment.reference(element, component)
                                + " (data element 6411) is not one Corridor maps. Use a UN/ECE Recommendation 20 code:"
                                + " TNE (tonne), KGM (kilogram), GRM (gram), LBR (pound), P1 (per cent), 59 (ppm), GQ (g/t)"
                                + ("DMT".equals(code)
                                        ? "; DMT is the decimetre, not a dry metric tonne (say dry in the"
                                                + " measurement attribute instead)"
                                        : "")
                                + "."));
    }

    /** A mass in MEA (C174: 6411 unit, 6314 value) in kilograms; tonnes and grams are converted exactly. */
    static BigDecimal massKg(ReferenceData reference, EdiSegment mea) {
        BigDecimal value = EdiValues.decimal(mea, 3, 2);
        if (value == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    mea,
                    3,
                    2,
                    "The value in MEA03-2 (data element" + " 6314, measurement value) is missing.");
        }
        return switch (unit(reference, mea, 3, 1)) {
            case "KG" -> value;
            case "T" -> value.multiply(THOUSAND);
            case "G" -> value.divide(THOUSAND);
            default ->
                throw EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        mea,
                        3,
                        1,
                        "Unit \"" + mea.component(3, 1) + "\" in MEA03-1 is not a mass. Give weights in KGM or TNE.");
        };
    }

    /** A quantity with its canonical unit (no basis). */
    static Quantity quantity(
            ReferenceData reference,
            EdiSegment segment,
            int element,
            int valueComponent,
            int unitComponent,
            String basis) {
        BigDecimal value = EdiValues.decimal(segment, element, valueComponent);
        return new Quantity(value, unit(reference, segment, element, unitComponent), basis);
    }

    /** Free text of an FTX (C108, up to five lines of 4440), the lines joined with a space. */
    static String text(EdiSegment ftx) {
        List<String> lines = new ArrayList<>();
        for (int c = 1; c <= 5; c++) {
            String line = ftx.component(4, c);
            if (line != null) {
                lines.add(line.strip());
            }
        }
        return lines.isEmpty() ? null : String.join(" ", lines);
    }

    /** An ISO 6346 container number at this place, its check digit verified. */
    static String container(EdiSegment segment, int element) {
        String number = segment.component(element, 1);
        if (number == null) {
            return null;
        }
        String problem = PackingListRules.containerProblem(number);
        if (problem != null) {
            throw new RejectedException(ErrorCode.CONTAINER_CHECK_DIGIT, EdiValues.at(segment, element, 1), problem);
        }
        return number;
    }
}
