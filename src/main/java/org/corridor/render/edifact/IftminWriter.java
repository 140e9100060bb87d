package org.corridor.render.edifact;

import java.util.List;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.ShippingDocument.Equipment;
import org.corridor.canonical.ShippingDocument.Goods;
import org.corridor.canonical.Vessel;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiWriter;
import org.corridor.render.AbstractMessageWriter;

/**
 * SHIPPING_INSTRUCTION (and a BILL_OF_LADING, written as the instruction it describes) as EDIFACT D96A IFTMIN, BGM
 * {@code 340}, the segments {@code IftminMapper} reads (docs/mig/edifact-iftmin-d96a.md). Weights go in kilograms
 * exactly as held. The shipped-on-board date of a B/L has no place in an instruction and is not written.
 */
public final class IftminWriter extends AbstractMessageWriter {

    /** D96A 9308 seal number is an..10. */
    private static final int SEAL_LENGTH = 10;

    public IftminWriter() {
        super(
                EdiEnvelope.EDIFACT,
                "IFTMIN",
                "D96A",
                null,
                DocumentKind.SHIPPING_INSTRUCTION,
                DocumentKind.BILL_OF_LADING);
    }

    @Override
    public void write(CanonicalDocument document, EdiWriter.Message m) {
        ShippingDocument s = (ShippingDocument) document.body();
        for (Equipment e : s.equipment()) {
            for (String seal : e.seals()) {
                if (seal != null && seal.length() > SEAL_LENGTH) {
                    throw new IllegalArgumentException("Seal " + seal + " of container " + e.containerNo() + " has "
                            + seal.length() + " characters; an IFTMIN D96A seal number (SEL 9308) holds at most "
                            + SEAL_LENGTH + ", so " + s.documentNo() + " cannot be sent as IFTMIN without losing it.");
                }
            }
        }
        m.segment("BGM", "340", s.documentNo(), "9");
        reference(m, "BN", s.bookingNo());
        reference(m, "BM", s.blNo());
        if (s.freightTerms() != null) {
            m.segment(
                    "CPI",
                    "4",
                    null,
                    switch (s.freightTerms()) {
                        case "PREPAID" -> "P";
                        case "COLLECT" -> "C";
                        default ->
                            throw new IllegalArgumentException("Freight terms " + s.freightTerms() + " of "
                                    + s.documentNo() + " have no IFTMIN code (CPI 4237: P prepaid, C collect).");
                    });
        }
        Vessel v = s.vessel();
        if (v != null || s.portOfLoading() != null || s.portOfDischarge() != null || s.placeOfDelivery() != null) {
            // the ports belong to the main carriage's TDT group, so it is written even without a vessel
            m.segment(
                    "TDT",
                    "20",
                    v == null ? null : v.voyage(),
                    "1",
                    null,
                    null,
                    null,
                    null,
                    v == null
                            ? null
                            : EdifactOut.c(
                                    v.imo(), v.imo() == null ? null : "146", v.imo() == null ? null : "11", v.name()));
        }
        location(m, "9", s.portOfLoading());
        location(m, "11", s.portOfDischarge());
        location(m, "7", s.placeOfDelivery());
        party(m, "CZ", s.shipper());
        party(m, "CN", s.consignee());
        party(m, "NI", s.notifyParty());
        party(m, "CA", s.carrier());
        for (Goods g : s.goods()) {
            m.segment(
                    "GID",
                    EdifactOut.number(g.lineNo()),
                    EdifactOut.c(EdifactOut.number(g.packageCount()), g.packageKind()));
            if (g.hsCode() != null) {
                m.segment("PIA", "5", EdifactOut.c(g.hsCode(), "HS"));
            }
            for (List<String> text : EdifactOut.chunks(EdifactOut.wrap(g.description(), 70), 5)) {
                m.segment("FTX", "AAA", null, null, text);
            }
            if (g.grossWeightKg() != null) {
                m.segment("MEA", "WT", "G", EdifactOut.c("KGM", EdifactOut.number(g.grossWeightKg())));
            }
            if (g.netWeightKg() != null) {
                m.segment("MEA", "WT", "AAL", EdifactOut.c("KGM", EdifactOut.number(g.netWeightKg())));
            }
            if (!g.lotNos().isEmpty()) {
                // PCI opens the marks group; GIN+BX carries the lots, five to a segment
                m.segment(
                        "PCI",
                        "28",
                        g.lotNos().subList(0, Math.min(10, g.lotNos().size())));
                for (List<String> lots : EdifactOut.chunks(g.lotNos(), 5)) {
                    Object[] elements = new Object[lots.size() + 1];
                    elements[0] = "BX";
                    for (int i = 0; i < lots.size(); i++) {
                        elements[i + 1] = lots.get(i);
                    }
                    m.segment("GIN", elements);
                }
            }
        }
        for (Equipment e : s.equipment()) {
            m.segment(
                    "EQD", "CN", e.containerNo(), e.sizeType() == null ? null : EdifactOut.c(e.sizeType(), "102", "5"));
            if (e.vgmKg() != null) {
                m.segment("MEA", "AAE", "VGM", EdifactOut.c("KGM", EdifactOut.number(e.vgmKg())));
            }
            for (String seal : e.seals()) {
                m.segment("SEL", seal);
            }
        }
    }

    private static void reference(EdiWriter.Message m, String qualifier, String value) {
        if (value != null) {
            m.segment("RFF", EdifactOut.c(qualifier, value));
        }
    }

    private static void location(EdiWriter.Message m, String qualifier, String locode) {
        if (locode != null) {
            m.segment("LOC", qualifier, EdifactOut.c(locode, "139", "6"));
        }
    }

    private static void party(EdiWriter.Message m, String function, Party party) {
        if (party != null) {
            m.segment("NAD", EdifactOut.nad(function, party));
        }
    }
}
