package org.corridor.parse.x12;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.ShippingDocument.Equipment;
import org.corridor.canonical.ShippingDocument.Goods;
import org.corridor.canonical.Vessel;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.edi.X12Reference;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.PackingListRules;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;

/**
 * X12 004010 310 Freight Receipt and Invoice (Ocean) to a BILL_OF_LADING; see docs/mig/x12-310-004010.md. The B/L
 * number is N9*BM, the parties come from the N1 loops (the carrier's SCAC from B311 first), the ports from the R4
 * loops, each LX loop is one goods line with its lots (N9*LT), containers (N7 with M7 seals), description and HS code
 * (L5) and weights (L0); L3 must state the totals of the lines.
 */
public final class FreightReceipt310Mapper implements EdiMessageMapper {

    private static final Map<String, String> FREIGHT = Map.of("PP", "PREPAID", "CC", "COLLECT");

    @Override
    public String standard() {
        return "X12";
    }

    @Override
    public List<String> messageTypes() {
        return List.of("310");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment b3 = message.first("B3").orElseThrow();
        List<EdiSegment> header = message.segments().stream()
                .takeWhile(s -> !s.tag().equals("N1"))
                .toList();
        String blNo = EdiMessage.first(header, "N9", "BM")
                .map(n -> n.element(2))
                .orElseThrow(() -> EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        b3,
                        0,
                        0,
                        "The bill of lading has no B/L number: add" + " N9*BM with the number after B3."));
        String bookingNo =
                EdiMessage.first(header, "N9", "BN").map(n -> n.element(2)).orElse(null);
        Vessel vessel = message.first("V1")
                .map(v -> new Vessel(v.element(2), v.is(8, "L") ? v.element(1) : null, v.element(4)))
                .orElse(null);

        Party shipper = null;
        Party consignee = null;
        Party notify = null;
        Party carrier = null;
        List<PartyId> scac = List.of(new PartyId("SCAC", b3.element(11)));
        for (List<EdiSegment> loop : message.groups("N1", Set.of("R4", "LX", "L3", "SE"))) {
            switch (loop.get(0).element(1)) {
                case "SH" -> shipper = X12Parties.party(loop);
                case "CN" -> consignee = X12Parties.party(loop);
                case "N1" -> notify = X12Parties.party(loop);
                default -> carrier = X12Parties.party(loop, scac);
            }
        }
        if (carrier == null) {
            carrier = new Party(null, null, scac);
        }

        String loading = null;
        String discharge = null;
        String delivery = null;
        LocalDate shippedOnBoard = null;
        for (List<EdiSegment> loop : message.groups("R4", Set.of("LX", "L3", "SE"))) {
            EdiSegment r4 = loop.get(0);
            switch (r4.element(1)) {
                case "L" -> {
                    loading = r4.element(3);
                    shippedOnBoard = EdiMessage.first(loop, "DTM", "140")
                            .map(d -> EdiValues.date(d, 2, 1))
                            .orElse(null);
                }
                case "D" -> discharge = r4.element(3);
                default -> delivery = r4.element(3);
            }
            // dates of every R4 loop are checked even where the canonical model keeps none
            loop.stream().filter(s -> s.tag().equals("DTM")).forEach(d -> EdiValues.date(d, 2, 1));
        }

        List<Goods> goods = new ArrayList<>();
        List<Equipment> equipment = new ArrayList<>();
        for (List<EdiSegment> lx : message.groups("LX", Set.of("L3", "SE"))) {
            goods.add(goods(lx));
            for (List<EdiSegment> n7 : EdiMessage.groups(lx, "N7", Set.of("L5", "L0"))) {
                equipment.add(equipment(n7));
            }
        }
        checkTotals(message.first("L3").orElseThrow(), goods);

        ShippingDocument document = new ShippingDocument(
                blNo,
                bookingNo,
                blNo,
                shipper,
                consignee,
                notify,
                carrier,
                vessel,
                loading,
                discharge,
                delivery,
                shippedOnBoard,
                FREIGHT.get(b3.element(4)),
                goods,
                equipment);
        return List.of(new ParsedMessage(document, DocumentKind.BILL_OF_LADING, null, null, null, null));
    }

    /** One LX loop: lots (N9*LT), description (L502 of every L5, joined by a space), HS code, packages, weights. */
    private static Goods goods(List<EdiSegment> lx) {
        EdiSegment line = lx.get(0);
        List<String> lots = lx.stream()
                .filter(s -> s.tag().equals("N9") && s.is(1, "LT"))
                .map(s -> s.element(2))
                .toList();
        List<EdiSegment> descriptions =
                lx.stream().filter(s -> s.tag().equals("L5")).toList();
        String description = String.join(
                " ",
                descriptions.stream()
                        .map(s -> s.element(2))
                        .filter(Objects::nonNull)
                        .toList());
        String hsCode = descriptions.stream()
                .filter(s -> s.element(3) != null)
                .findFirst()
                .map(s -> s.element(3))
                .orElse(null);
        if (hsCode != null && !hsCode.matches("\\d{6,10}")) {
            EdiSegment l5 = descriptions.stream()
                    .filter(s -> s.element(3) != null)
                    .findFirst()
                    .orElseThrow();
            throw EdiValues.reject(
                    ErrorCode.EDI_CONTENT,
                    l5,
                    3,
                    0,
                    "\"" + hsCode + "\" in L503 is not an HS code."
                            + " Write 6 to 10 digits without dots, for example 260300.");
        }
        BigDecimal gross = null;
        BigDecimal net = null;
        Integer packages = null;
        String packageKind = null;
        for (EdiSegment l0 : lx.stream().filter(s -> s.tag().equals("L0")).toList()) {
            BigDecimal weight = EdiValues.decimal(l0, 4, 1);
            if (l0.is(5, "G")) {
                gross = weight;
            } else {
                net = weight;
            }
            if (l0.element(8) != null) {
                packages = EdiValues.integer(l0, 8, 1);
                String form = l0.element(9);
                packageKind = form == null
                        ? null
                        : X12Reference.get()
                                .packageKind(form)
                                .orElseThrow(() -> EdiValues.reject(
                                        ErrorCode.EDI_CODE,
                                        l0,
                                        9,
                                        0,
                                        "\"" + form + "\" in L009 is not a packaging"
                                                + " form Corridor maps to a UN/ECE Rec 21 package code."));
            }
        }
        return new Goods(
                EdiValues.integer(line, 1, 1),
                description.isEmpty() ? null : description,
                hsCode,
                packages,
                packageKind,
                gross,
                net,
                lots);
    }

    /** One N7 loop: container number (N701 + N702, ISO 6346), ISO size-type (N722), seals (M7), VGM (N703 gross). */
    private static Equipment equipment(List<EdiSegment> loop) {
        EdiSegment n7 = loop.get(0);
        String containerNo = n7.element(1) + n7.element(2);
        String problem = PackingListRules.containerProblem(containerNo);
        if (problem != null) {
            throw EdiValues.reject(ErrorCode.CONTAINER_CHECK_DIGIT, n7, 2, 0, problem);
        }
        List<String> seals = new ArrayList<>();
        for (EdiSegment m7 : loop.stream().filter(s -> s.tag().equals("M7")).toList()) {
            for (int i = 1; i <= 4; i++) {
                if (m7.element(i) != null) {
                    seals.add(m7.element(i));
                }
            }
        }
        BigDecimal vgm = null;
        if (n7.element(3) != null) {
            if (!n7.is(4, "G") || !n7.is(17, "K")) {
                throw EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        n7,
                        3,
                        0,
                        "The weight of container " + containerNo
                                + " in N703 must be its verified gross mass: N704 = G (gross) and N717 = K (kilograms).");
            }
            vgm = EdiValues.decimal(n7, 3, 1);
        }
        return new Equipment(containerNo, n7.element(22), seals, vgm);
    }

    /** L301 must be the sum of the lines' gross weights and L311, when sent, the sum of their packages. */
    private static void checkTotals(EdiSegment l3, List<Goods> goods) {
        BigDecimal gross = goods.stream()
                .map(Goods::grossWeightKg)
                .filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal stated = EdiValues.decimal(l3, 1, 1);
        if (!l3.is(2, "G") || stated.compareTo(gross) != 0) {
            throw EdiValues.reject(
                    ErrorCode.TOTALS_MISMATCH,
                    l3,
                    1,
                    0,
                    "The total gross weight in L301 is "
                            + stated.toPlainString() + " kg but the L0 gross weights of the lines add up to "
                            + gross.toPlainString() + " kg (L302 must be G).");
        }
        if (l3.element(11) != null) {
            int packages = goods.stream()
                    .map(Goods::packageCount)
                    .filter(Objects::nonNull)
                    .mapToInt(Integer::intValue)
                    .sum();
            int statedPackages = EdiValues.integer(l3, 11, 1);
            if (statedPackages != packages) {
                throw EdiValues.reject(
                        ErrorCode.TOTALS_MISMATCH,
                        l3,
                        11,
                        0,
                        "The total number of packages in L311"
                                + " is " + statedPackages + " but the L008 package counts of the lines add up to "
                                + packages + ".");
            }
        }
    }
}
