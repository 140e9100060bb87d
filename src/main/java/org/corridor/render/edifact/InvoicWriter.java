package org.corridor.render.edifact;

import java.util.List;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Party;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiWriter;
import org.corridor.render.AbstractMessageWriter;

/**
 * INVOICE as EDIFACT D96A INVOIC, the segments {@code InvoicMapper} reads (docs/mig/edifact-invoic-d96a.md): BGM
 * 325/380/383/381 by invoice type (a FINAL invoice is a 380 with {@code RFF+OI}, the previous invoice's number not
 * being in the canonical body), the basis of a line's quantity in {@code MEA+WT+AAL:::DRY|WET} (unit, no value),
 * descriptions in IMD C273 7008 pieces of 35 characters, the invoice total in {@code MOA+77}.
 */
public final class InvoicWriter extends AbstractMessageWriter {

    private final ReferenceData reference;

    /** Units are written as the Rec 20 codes {@code reference} gives them. */
    public InvoicWriter(ReferenceData reference) {
        super(EdiEnvelope.EDIFACT, "INVOIC", "D96A", null, DocumentKind.INVOICE);
        this.reference = reference;
    }

    @Override
    public void write(CanonicalDocument document, EdiWriter.Message m) {
        Invoice inv = (Invoice) document.body();
        String type = inv.invoiceType() == null ? "COMMERCIAL" : inv.invoiceType();
        m.segment(
                "BGM",
                switch (type) {
                    case "PROVISIONAL" -> "325";
                    case "DEBIT_NOTE" -> "383";
                    case "CREDIT_NOTE" -> "381";
                    case "COMMERCIAL", "FINAL" -> "380";
                    default ->
                        throw new IllegalArgumentException("Invoice type " + type + " of " + inv.invoiceNo()
                                + " has no INVOIC document code; Corridor writes COMMERCIAL, FINAL, PROVISIONAL, DEBIT_NOTE and"
                                + " CREDIT_NOTE.");
                },
                inv.invoiceNo(),
                "9");
        if (inv.issueDate() != null) {
            m.segment("DTM", EdifactOut.dtm("3", inv.issueDate()));
        }
        if (inv.contractRef() != null) {
            m.segment("RFF", EdifactOut.c("CT", inv.contractRef()));
        }
        if ("FINAL".equals(type)) {
            // "refers to a previous invoice": what makes a 380 a final invoice; its number is not in the body
            m.segment("RFF", "OI");
        }
        party(m, "SE", inv.seller());
        party(m, "BY", inv.buyer());
        if (inv.currency() != null) {
            m.segment("CUX", EdifactOut.c("2", inv.currency(), "4"));
        }
        if (inv.incoterm() != null) {
            m.segment(
                    "TOD",
                    "6",
                    null,
                    EdifactOut.c(
                            inv.incoterm().rule(),
                            null,
                            null,
                            inv.incoterm().version() == null
                                    ? null
                                    : "Incoterms " + inv.incoterm().version()));
            if (inv.incoterm().place() != null) {
                m.segment("LOC", "1", EdifactOut.c(inv.incoterm().place(), "139", "6"));
            }
        }
        for (Invoice.Line line : inv.lines()) {
            m.segment("LIN", EdifactOut.number(line.lineNo()));
            if (line.hsCode() != null) {
                m.segment("PIA", "5", EdifactOut.c(line.hsCode(), "HS"));
            }
            for (List<String> pieces : EdifactOut.chunks(EdifactOut.wrap(line.description(), 35), 2)) {
                m.segment("IMD", "F", null, EdifactOut.after(3, pieces));
            }
            if (line.quantity() != null) {
                String unit = EdifactOut.rec20(reference, line.quantity().unit(), "invoice line " + line.lineNo());
                if (line.quantity().basis() != null) {
                    m.segment(
                            "MEA",
                            "WT",
                            EdifactOut.c("AAL", null, null, line.quantity().basis()),
                            unit);
                }
                m.segment(
                        "QTY",
                        EdifactOut.c("47", EdifactOut.number(line.quantity().value()), unit));
            }
            m.segment("MOA", EdifactOut.c("203", EdifactOut.number(line.amount())));
            if (line.unitPrice() != null) {
                m.segment("PRI", EdifactOut.c("CAL", EdifactOut.number(line.unitPrice())));
            }
        }
        m.segment("UNS", "S");
        if (inv.totalAmount() != null) {
            m.segment("MOA", EdifactOut.c("77", EdifactOut.number(inv.totalAmount())));
        }
    }

    private static void party(EdiWriter.Message m, String function, Party party) {
        if (party != null) {
            m.segment("NAD", EdifactOut.nad(function, party));
        }
    }
}
