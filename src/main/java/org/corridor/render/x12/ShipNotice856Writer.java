package org.corridor.render.x12;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ShippingDocument;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiWriter;
import org.corridor.edi.X12Reference;
import org.corridor.render.AbstractMessageWriter;

/**
 * A SHIPPING_INSTRUCTION or BILL_OF_LADING as an X12 004010 856 Ship Notice/Manifest (docs/mig/x12-856-004010.md,
 * outbound only): one shipment level (HL S: BSN number, shipped date, totals, carrier and vessel, B/L and booking
 * references, parties), one equipment level per container (HL E: TD3 with container, VGM, ISO size-type and seals)
 * and one item level per goods line (HL I: LIN with HS code and lots, SN1 packages, PID description, MEA weights).
 * Corridor reads no 856; its schema checks what is written.
 */
public final class ShipNotice856Writer extends AbstractMessageWriter {

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    /** PID05 (352) holds at most 80 characters; a longer description continues in further PID segments. */
    private static final int DESCRIPTION_LENGTH = 80;
    /** LIN holds 15 qualifier/id pairs: one for the HS code, the rest for lots. */
    private static final int MAX_LOTS = 14;

    public ShipNotice856Writer() {
        super(EdiEnvelope.X12, "856", "004010", "SH", DocumentKind.SHIPPING_INSTRUCTION, DocumentKind.BILL_OF_LADING);
    }

    @Override
    public void write(CanonicalDocument document, EdiWriter.Message message) {
        ShippingDocument shipment = (ShippingDocument) document.body();
        String number = shipment.documentNo() != null ? shipment.documentNo() : shipment.blNo();
        if (number == null) {
            throw new IllegalArgumentException(
                    "The shipment has neither a document nor a B/L number; BSN02 needs" + " one.");
        }
        // BSN03/BSN04: when this notice was prepared (the interchange's date and time)
        message.segment(
                "BSN",
                "00",
                number,
                TestResults863Writer.CCYYMMDD.format(message.preparedAt()),
                HHMM.format(message.preparedAt()));
        if (shipment.shippedOnBoardDate() != null) {
            message.segment("DTM", "011", TestResults863Writer.CCYYMMDD.format(shipment.shippedOnBoardDate()));
        }
        boolean children = !shipment.equipment().isEmpty() || !shipment.goods().isEmpty();
        message.segment("HL", "1", null, "S", children ? "1" : "0");
        totals(message, shipment);
        carriage(message, shipment);
        if (shipment.blNo() != null) {
            message.segment("REF", "BM", shipment.blNo());
        }
        if (shipment.bookingNo() != null) {
            message.segment("REF", "BN", shipment.bookingNo());
        }
        party(message, "SH", shipment.shipper());
        party(message, "CN", shipment.consignee());
        party(message, "N1", shipment.notifyParty());
        party(message, "CA", shipment.carrier());
        int hl = 1;
        for (ShippingDocument.Equipment equipment : shipment.equipment()) {
            message.segment("HL", String.valueOf(++hl), "1", "E", "0");
            equipment(message, equipment);
        }
        for (ShippingDocument.Goods goods : shipment.goods()) {
            message.segment("HL", String.valueOf(++hl), "1", "I", "0");
            goods(message, goods, hl - 1 - shipment.equipment().size());
        }
        message.segment("CTT", String.valueOf(hl));
    }

    /** TD1 at shipment level: packages and gross weight of all goods lines. */
    private static void totals(EdiWriter.Message message, ShippingDocument shipment) {
        List<ShippingDocument.Goods> goods = shipment.goods();
        boolean allCounted = !goods.isEmpty() && goods.stream().allMatch(g -> g.packageCount() != null);
        boolean allWeighed = !goods.isEmpty() && goods.stream().allMatch(g -> g.grossWeightKg() != null);
        if (!allCounted && !allWeighed) {
            return;
        }
        String packages = allCounted
                ? String.valueOf(goods.stream()
                        .mapToInt(ShippingDocument.Goods::packageCount)
                        .sum())
                : null;
        String gross = allWeighed
                ? goods.stream()
                        .map(ShippingDocument.Goods::grossWeightKg)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .toPlainString()
                : null;
        message.segment(
                "TD1",
                null,
                packages,
                null,
                null,
                null,
                gross == null ? null : "G",
                gross,
                gross == null ? null : "KG");
    }

    /** TD5: the ocean carrier's SCAC and the vessel. */
    private static void carriage(EdiWriter.Message message, ShippingDocument shipment) {
        String scac = shipment.carrier() == null ? null : id(shipment.carrier(), "SCAC");
        String vessel = shipment.vessel() == null ? null : shipment.vessel().name();
        if (scac != null || vessel != null) {
            message.segment("TD5", null, scac == null ? null : "2", scac, "S", vessel);
        }
    }

    private static void equipment(EdiWriter.Message message, ShippingDocument.Equipment equipment) {
        String container = equipment.containerNo();
        boolean iso = container != null && container.matches("[A-Z]{4}[0-9]{7}");
        if (container == null || !iso && container.length() > 10) {
            throw new IllegalArgumentException("Container " + container + " is neither an ISO 6346 number (owner"
                    + " prefix and seven digits, split into TD302 and TD303) nor at most 10 characters (TD303).");
        }
        List<String> seals = equipment.seals();
        message.segment(
                "TD3",
                "CN",
                iso ? container.substring(0, 4) : null,
                iso ? container.substring(4) : container,
                equipment.vgmKg() == null ? null : "G",
                equipment.vgmKg() == null ? null : equipment.vgmKg().toPlainString(),
                equipment.vgmKg() == null ? null : "KG",
                null,
                null,
                seals.isEmpty() ? null : seals.get(0),
                equipment.sizeType());
        for (String seal : seals.subList(Math.min(1, seals.size()), seals.size())) {
            message.segment("REF", "SN", seal);
        }
    }

    private static void goods(EdiWriter.Message message, ShippingDocument.Goods goods, int position) {
        if (goods.lotNos().size() > MAX_LOTS) {
            throw new IllegalArgumentException("Goods line " + goods.lineNo() + " names "
                    + goods.lotNos().size() + " lots; an 856 LIN holds at most " + MAX_LOTS + ".");
        }
        List<Object> lin = new ArrayList<>();
        lin.add(String.valueOf(goods.lineNo() != null ? goods.lineNo() : position));
        if (goods.hsCode() != null) {
            lin.add("HS");
            lin.add(goods.hsCode());
        }
        for (String lot : goods.lotNos()) {
            lin.add("LT");
            lin.add(lot);
        }
        if (lin.size() > 1) {
            message.segment("LIN", lin.toArray());
        }
        if (goods.packageCount() != null) {
            message.segment("SN1", null, String.valueOf(goods.packageCount()), "PK");
        }
        for (String part : description(goods.description())) {
            message.segment("PID", "F", null, null, null, part);
        }
        if (goods.grossWeightKg() != null) {
            message.segment("MEA", "WT", "G", goods.grossWeightKg().toPlainString(), "KG");
        }
        if (goods.netWeightKg() != null) {
            message.segment("MEA", "WT", "N", goods.netWeightKg().toPlainString(), "KG");
        }
        String form = goods.packageKind() == null
                ? null
                : X12Reference.get().packagingForm(goods.packageKind()).orElse(null);
        if (form != null && goods.packageCount() != null) {
            message.segment("TD1", form, String.valueOf(goods.packageCount()));
        }
    }

    /** The description in parts of at most 80 characters, broken at a space (which is dropped) where there is one. */
    static List<String> description(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (rest.length() > DESCRIPTION_LENGTH) {
            int space = rest.lastIndexOf(' ', DESCRIPTION_LENGTH);
            int end = space > 0 ? space : DESCRIPTION_LENGTH;
            parts.add(rest.substring(0, end).strip());
            rest = rest.substring(end).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** N1 (SH shipper, CN consignee, N1 notify, CA carrier) with SCAC (2), EDI id (ZZ) or DUNS (1), N4 country. */
    private static void party(EdiWriter.Message message, String role, Party party) {
        if (party == null || party.name() == null) {
            return;
        }
        PartyId id = party.ids().stream()
                .filter(i -> "CA".equals(role) && "SCAC".equals(i.scheme()))
                .findFirst()
                .or(() -> party.ids().stream()
                        .filter(i -> "EDI".equals(i.scheme()) || "DUNS".equals(i.scheme()))
                        .findFirst())
                .orElse(null);
        String qualifier = id == null
                ? null
                : switch (id.scheme()) {
                    case "SCAC" -> "2";
                    case "DUNS" -> "1";
                    default -> "ZZ";
                };
        message.segment("N1", role, party.name(), qualifier, id == null ? null : id.value());
        if (party.country() != null) {
            message.segment("N4", null, null, null, party.country());
        }
    }

    private static String id(Party party, String scheme) {
        return party.ids().stream()
                .filter(i -> Objects.equals(scheme, i.scheme()))
                .map(PartyId::value)
                .findFirst()
                .orElse(null);
    }
}
