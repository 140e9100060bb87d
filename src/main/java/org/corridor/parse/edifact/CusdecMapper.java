package org.corridor.parse.edifact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Quantity;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;

/**
 * EDIFACT D96A CUSDEC, export goods declaration (BGM 1001 {@code 830}), to CUSTOMS_DECLARATION, as
 * docs/mig/edifact-cusdec-d96a.md describes: header {@code CST} the procedure, {@code LOC} 9/11/28 the ports and
 * destination, {@code DTM+137} the declaration date, {@code EQD}/{@code SEL} the containers and their seals (in the
 * same order), {@code RFF} ABT/IV/LC the declaration, invoice and letter of credit, {@code FII} the bank,
 * {@code NAD} EX/CN/DT the parties with their tax ids, {@code TOD}+{@code LOC+1} the Incoterm, {@code MOA+39} the
 * total; after {@code UNS+D} one {@code CST} group per goods item with description, origin, weights, quantity and
 * value.
 */
public final class CusdecMapper implements EdiMessageMapper {

    static final Set<String> PROCEDURES = Set.of("COMMERCIAL", "SAMPLE", "G2G");
    static final Set<String> BASES = Set.of("WET", "DRY");

    private final ReferenceData reference;

    /** A mapper that checks codes against {@code reference}. */
    public CusdecMapper(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String standard() {
        return "EDIFACT";
    }

    @Override
    public List<String> messageTypes() {
        return List.of("CUSDEC");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        List<EdiSegment> header = new ArrayList<>();
        for (EdiSegment s : message.segments()) {
            if (s.tag().equals("UNS")) {
                break;
            }
            header.add(s);
        }
        String procedure = EdiMessage.first(header, "CST")
                .map(cst -> {
                    String code = cst.component(2, 1);
                    if (code == null || !PROCEDURES.contains(code)) {
                        throw EdiValues.reject(
                                code == null ? ErrorCode.EDI_ELEMENT_MISSING : ErrorCode.EDI_CODE,
                                cst,
                                2,
                                1,
                                (code == null
                                                ? "CST02-1 (data element 7361) in segment CST at position "
                                                        + cst.position() + " is empty"
                                                : "\"" + code + "\" in CST02-1 at position " + cst.position()
                                                        + " is not a customs procedure Corridor knows")
                                        + ". Write COMMERCIAL, SAMPLE or G2G.");
                    }
                    return code;
                })
                .orElse(null);
        String portOfLoading = location(header, "9");
        String declarationNo = reference(header, "ABT");
        String letterOfCredit = reference(header, "LC");
        String bank =
                EdiMessage.first(header, "FII").map(f -> f.component(3, 7)).orElse(null);
        CustomsDeclaration.FinancialInstrument instrument = letterOfCredit == null && bank == null
                ? null
                : new CustomsDeclaration.FinancialInstrument(
                        letterOfCredit != null ? "LC" : null, letterOfCredit, bank);
        Incoterm incoterm = EdiMessage.first(header, "TOD")
                .map(tod -> new Incoterm(tod.component(3, 1), location(header, "1"), tod.component(3, 4)))
                .orElse(null);
        Optional<EdiSegment> total = EdiMessage.first(header, "MOA", "39");
        List<CustomsDeclaration.Container> containers = new ArrayList<>();
        List<EdiSegment> equipment = EdiMessage.groups(header, "EQD", Set.of()).stream()
                .map(g -> g.get(0))
                .toList();
        List<EdiSegment> seals =
                header.stream().filter(s -> s.tag().equals("SEL")).toList();
        for (int i = 0; i < equipment.size(); i++) {
            containers.add(new CustomsDeclaration.Container(
                    equipment.get(i).component(2, 1),
                    i < seals.size() ? seals.get(i).element(1) : null));
        }
        List<CustomsDeclaration.Line> lines = new ArrayList<>();
        for (List<EdiSegment> item : message.groups("CST", Set.of("UNS", "UNT"))) {
            if (item.get(0).position() > header.size()) {
                lines.add(line(item));
            }
        }
        return List.of(ParsedMessage.of(new CustomsDeclaration(
                portOfLoading == null ? null : portOfLoading.substring(0, 2),
                "EXPORT",
                procedure,
                declarationNo,
                EdiMessage.first(header, "DTM", "137").map(EdiValues::dtmDate).orElse(null),
                party(header, "EX"),
                party(header, "CN"),
                party(header, "DT"),
                portOfLoading,
                location(header, "11"),
                location(header, "28"),
                incoterm,
                total.map(m -> m.component(1, 3)).orElse(null),
                reference(header, "IV"),
                total.map(m -> EdiValues.decimal(m, 1, 2)).orElse(null),
                instrument,
                lines,
                containers)));
    }

    private CustomsDeclaration.Line line(List<EdiSegment> item) {
        EdiSegment cst = item.get(0);
        List<String> description = new ArrayList<>();
        for (EdiSegment ftx : item) {
            if (ftx.tag().equals("FTX") && ftx.is(1, "AAA")) {
                for (int c = 1; c <= 5; c++) {
                    if (ftx.component(4, c) != null) {
                        description.add(ftx.component(4, c));
                    }
                }
            }
        }
        BigDecimal gross = weight(item, "AAB");
        BigDecimal net = weight(item, "AAA");
        Quantity quantity =
                EdiMessage.first(item, "MEA", "AAE").map(this::quantity).orElse(null);
        return new CustomsDeclaration.Line(
                EdiValues.integer(cst, 1, 1),
                cst.component(2, 1),
                description.isEmpty() ? null : String.join(" ", description),
                quantity,
                gross,
                net,
                EdiMessage.first(item, "MOA", "38")
                        .map(m -> EdiValues.decimal(m, 1, 2))
                        .orElse(null),
                location(item, "27"));
    }

    /** {@code MEA+WT+<AAB|AAA>+KGM:value}: gross or net weight in kilograms. */
    private static BigDecimal weight(List<EdiSegment> item, String dimension) {
        for (EdiSegment mea : item) {
            if (mea.tag().equals("MEA") && mea.is(1, "WT") && dimension.equals(mea.component(2, 1))) {
                if (!"KGM".equals(mea.component(3, 1))) {
                    throw EdiValues.reject(
                            ErrorCode.EDI_CONTENT,
                            mea,
                            3,
                            1,
                            "\"" + mea.component(3, 1)
                                    + "\" in MEA03-1 at position " + mea.position() + ": declare weights in kilograms"
                                    + " (KGM).");
                }
                return EdiValues.decimal(mea, 3, 2);
            }
        }
        return null;
    }

    /** {@code MEA+AAE+:::<WET|DRY>+<Rec 20 unit>:value}: the declared quantity. */
    private Quantity quantity(EdiSegment mea) {
        String rec20 = mea.component(3, 1);
        String unit = reference
                .unitForRec20(rec20)
                .orElseThrow(
                        () -> EdiValues.reject(
                                ErrorCode.EDI_CONTENT,
                                mea,
                                3,
                                1,
                                "\"" + rec20 + "\" in MEA03-1 at position " + mea.position()
                                        + " is not a unit Corridor maps. Use a UN/ECE Rec 20 code such as TNE (tonne) or KGM."));
        String basis = mea.component(2, 4);
        if (basis != null && !BASES.contains(basis)) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CODE,
                    mea,
                    2,
                    4,
                    "\"" + basis + "\" in MEA02-4 at position " + mea.position()
                            + " is not a basis Corridor knows. Write WET or DRY, or leave it empty.");
        }
        return new Quantity(EdiValues.decimal(mea, 3, 2), unit, basis);
    }

    private static String location(List<EdiSegment> within, String qualifier) {
        return EdiMessage.first(within, "LOC", qualifier)
                .map(l -> l.component(2, 1))
                .orElse(null);
    }

    private static String reference(List<EdiSegment> within, String qualifier) {
        return EdiMessage.first(within, "RFF", qualifier)
                .map(r -> r.component(1, 2))
                .orElse(null);
    }

    /**
     * {@code NAD+<function>+++name+street+city+++country} with its tax ids in the RFF after it: {@code AHP} (tax
     * registration: NTN for a Pakistani party, EIN for a US one) and {@code VA} (sales tax registration, STRN).
     */
    private static Party party(List<EdiSegment> header, String function) {
        List<List<EdiSegment>> groups = EdiMessage.groups(header, "NAD", Set.of("TOD", "MOA"));
        for (List<EdiSegment> group : groups) {
            EdiSegment nad = group.get(0);
            if (!nad.is(1, function)) {
                continue;
            }
            String country = nad.element(9);
            List<PartyId> ids = new ArrayList<>();
            for (EdiSegment rff : group) {
                if (rff.tag().equals("RFF") && rff.is(1, "AHP")) {
                    ids.add(new PartyId("US".equals(country) ? "EIN" : "NTN", rff.component(1, 2)));
                } else if (rff.tag().equals("RFF") && rff.is(1, "VA")) {
                    ids.add(new PartyId("STRN", rff.component(1, 2)));
                }
            }
            return new Party(nad.component(4, 1), country, ids);
        }
        return null;
    }
}
