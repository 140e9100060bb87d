package org.corridor.parse.edifact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.ReferenceData;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.ShippingDocument.Equipment;
import org.corridor.canonical.ShippingDocument.Goods;
import org.corridor.canonical.Vessel;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;

/**
 * EDIFACT D96A IFTMIN (BGM 340, shipping instructions from the exporter to the carrier) to a SHIPPING_INSTRUCTION:
 * the body bills of lading share, so the instruction and the carrier's B/L for the same shipment compare field by
 * field (lots, containers, seals, weights). See docs/mig/edifact-iftmin-d96a.md.
 */
public final class IftminMapper implements EdiMessageMapper {

    private static final Set<String> AFTER_GOODS = Set.of("EQD", "UNT");

    private final ReferenceData reference;

    /** A mapper that checks codes against {@code reference}. */
    public IftminMapper(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String standard() {
        return EdiEnvelope.EDIFACT;
    }

    @Override
    public List<String> messageTypes() {
        return List.of("IFTMIN");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment bgm = message.first("BGM").orElseThrow();
        List<Equipment> equipment = equipment(message);
        Set<String> containers = new LinkedHashSet<>();
        equipment.forEach(e -> containers.add(e.containerNo()));
        List<Goods> goods = new ArrayList<>();
        for (List<EdiSegment> group : message.groups("GID", AFTER_GOODS)) {
            goods.add(goods(group, containers));
        }
        ShippingDocument body = new ShippingDocument(
                bgm.element(2),
                reference(message, "BN"),
                reference(message, "BM"),
                party(message, "CZ"),
                party(message, "CN"),
                party(message, "NI"),
                party(message, "CA"),
                vessel(message),
                location(message, "9"),
                location(message, "11"),
                location(message, "7"),
                null,
                freightTerms(message),
                goods,
                equipment);
        return List.of(new ParsedMessage(body, DocumentKind.SHIPPING_INSTRUCTION, null, null, null, null));
    }

    private static String reference(EdiMessage message, String qualifier) {
        return message.first("RFF", qualifier).map(r -> r.component(1, 2)).orElse(null);
    }

    private static Party party(EdiMessage message, String qualifier) {
        return EdifactValues.nad(message, qualifier).map(EdifactValues::party).orElse(null);
    }

    private static String location(EdiMessage message, String qualifier) {
        return message.first("LOC", qualifier).map(EdifactValues::locode).orElse(null);
    }

    /** The main carriage (TDT stage 20): C222 8212 vessel name, 8213 IMO number; 8028 voyage. */
    private static Vessel vessel(EdiMessage message) {
        return message.first("TDT", "20")
                .map(tdt -> new Vessel(tdt.component(8, 4), tdt.component(8, 1), tdt.element(2)))
                .orElse(null);
    }

    /** CPI 4237: P prepaid, C collect. */
    private static String freightTerms(EdiMessage message) {
        return message.first("CPI")
                .map(cpi -> switch (cpi.element(3) == null ? "" : cpi.element(3)) {
                    case "P" -> "PREPAID";
                    case "C" -> "COLLECT";
                    default -> null;
                })
                .orElse(null);
    }

    /**
     * One GID group: GID (line number, package count and kind), PIA (HS), FTX+AAA (description), MEA+WT+G / AAL
     * (gross / net weight of the line), PCI + GIN+BX (lots), SGP (the containers the goods are stuffed in, with
     * their package counts, which must add up to the line's and name containers of an EQD).
     */
    private Goods goods(List<EdiSegment> group, Set<String> containers) {
        EdiSegment gid = group.get(0);
        Integer lineNo = EdiValues.integer(gid, 1, 1);
        Integer packages = EdiValues.integer(gid, 2, 1);
        String kind = gid.component(2, 2);
        String description = null;
        String hs = null;
        BigDecimal gross = null;
        BigDecimal net = null;
        List<String> lots = new ArrayList<>();
        int stuffed = 0;
        EdiSegment lastSgp = null;
        boolean inSgp = false;
        for (EdiSegment s : group) {
            switch (s.tag()) {
                case "PIA" -> hs = hs != null ? hs : EdifactValues.hsCode(s);
                case "FTX" -> {
                    if (s.is(1, "AAA")) {
                        description =
                                description == null ? EdifactValues.text(s) : description + " " + EdifactValues.text(s);
                    }
                }
                case "MEA" -> {
                    if (!inSgp && s.is(1, "WT") && "G".equals(s.component(2, 1))) {
                        gross = EdifactValues.massKg(reference, s);
                    } else if (!inSgp && s.is(1, "WT") && "AAL".equals(s.component(2, 1))) {
                        net = EdifactValues.massKg(reference, s);
                    } else if (inSgp) {
                        EdifactValues.massKg(reference, s);
                    }
                }
                case "GIN" -> {
                    for (int n = 2; n <= 6; n++) {
                        String lot = s.component(n, 1);
                        if (lot != null && !lots.contains(lot)) {
                            lots.add(lot);
                        }
                    }
                }
                case "SGP" -> {
                    inSgp = true;
                    lastSgp = s;
                    String container = s.component(1, 1);
                    if (!containers.contains(container)) {
                        throw EdiValues.reject(
                                ErrorCode.EDI_CONTENT,
                                s,
                                1,
                                1,
                                "Container " + container
                                        + " in SGP01 (goods line " + lineNo + ") is not one of the containers of this"
                                        + " instruction (EQD: " + String.join(", ", containers) + ").");
                    }
                    Integer count = EdiValues.integer(s, 2, 1);
                    stuffed += count == null ? 0 : count;
                }
                default -> {}
            }
        }
        if (lastSgp != null && packages != null && stuffed != packages) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CONTENT,
                    lastSgp,
                    2,
                    1,
                    "The packages stuffed in containers (SGP02)"
                            + " of goods line " + lineNo + " add up to " + stuffed + " but GID02 declares " + packages
                            + ". They must agree.");
        }
        return new Goods(lineNo, description, hs, packages, kind, gross, net, lots);
    }

    /** EQD+CN groups: container (C237 8260), size and type (C224 8155), seals (SEL 9308), VGM (MEA+AAE+VGM). */
    private List<Equipment> equipment(EdiMessage message) {
        List<Equipment> equipment = new ArrayList<>();
        for (List<EdiSegment> group : message.groups("EQD", Set.of("UNT"))) {
            EdiSegment eqd = group.get(0);
            String container = EdifactValues.container(eqd, 2);
            List<String> seals = new ArrayList<>();
            BigDecimal vgm = null;
            for (EdiSegment s : group) {
                if (s.tag().equals("SEL")) {
                    seals.add(s.element(1));
                } else if (s.tag().equals("MEA") && "VGM".equals(s.component(2, 1))) {
                    vgm = EdifactValues.massKg(reference, s);
                }
            }
            equipment.add(new Equipment(container, eqd.component(3, 1), seals, vgm));
        }
        return equipment;
    }
}
