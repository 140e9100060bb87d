package org.corridor.render.x12;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiWriter;
import org.corridor.render.AbstractMessageWriter;

/**
 * An INVOICE as an X12 004010 810, in the segments {@code InvoiceMapper} reads (docs/mig/x12-810-004010.md,
 * "Outbound"). An 810 line has no amount of its own: the reader computes it as IT102 × IT104, so a deduction is
 * written with a negative unit price, and a line whose amount is not its quantity times its price to the cent (or
 * that has no quantity or price) is written as one lump sum, {@code IT1*n*1*EA*amount}, keeping the invoice total.
 */
public final class Invoice810Writer extends AbstractMessageWriter {

    private static final Map<String, String> TYPES =
            Map.of("COMMERCIAL", "DI", "PROVISIONAL", "ZZ", "FINAL", "FB", "DEBIT_NOTE", "DR", "CREDIT_NOTE", "CR");
    private static final Map<String, String> UNITS =
            Map.of("T", "MT", "KG", "KG", "G", "GR", "LB", "LB", "EA", "EA", "PCT", "P1");
    private static final Map<String, String> ID_QUALIFIERS = Map.of("EDI", "ZZ", "EIN", "24", "DUNS", "1");
    /** Incoterms where the seller pays the main carriage (freight prepaid, named place at destination). */
    private static final Set<String> SELLER_PAYS_CARRIAGE = Set.of("CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP");

    public Invoice810Writer() {
        super(EdiEnvelope.X12, "810", "004010", "IN", DocumentKind.INVOICE);
    }

    @Override
    public void write(CanonicalDocument document, EdiWriter.Message message) {
        Invoice invoice = (Invoice) document.body();
        String type = invoice.invoiceType() == null ? null : TYPES.get(invoice.invoiceType());
        if (invoice.invoiceType() != null && type == null) {
            throw new IllegalArgumentException("Invoice type " + invoice.invoiceType() + " has no BIG07 code.");
        }
        if (invoice.issueDate() == null) {
            throw new IllegalArgumentException(
                    "Invoice " + invoice.invoiceNo() + " has no issue date; BIG01 needs" + " one.");
        }
        message.segment(
                "BIG",
                TestResults863Writer.CCYYMMDD.format(invoice.issueDate()),
                invoice.invoiceNo(),
                null,
                null,
                null,
                null,
                type,
                "00");
        if (invoice.currency() != null) {
            message.segment("CUR", "SE", invoice.currency());
        }
        if (invoice.contractRef() != null) {
            message.segment("REF", "CT", invoice.contractRef());
        }
        party(message, "SE", invoice.seller());
        party(message, "BY", invoice.buyer());
        Incoterm incoterm = invoice.incoterm();
        if (incoterm != null && incoterm.rule() != null) {
            boolean prepaid = SELLER_PAYS_CARRIAGE.contains(incoterm.rule());
            message.segment(
                    "FOB",
                    prepaid ? "PP" : "CC",
                    incoterm.place() == null ? null : prepaid ? "DE" : "OR",
                    incoterm.place(),
                    "01",
                    incoterm.rule());
        }
        BigDecimal sum = BigDecimal.ZERO;
        int count = 0;
        for (Invoice.Line line : invoice.lines()) {
            count++;
            sum = sum.add(line(message, line, count));
        }
        if (invoice.totalAmount() == null || sum.compareTo(invoice.totalAmount()) != 0) {
            throw new IllegalArgumentException("Invoice " + invoice.invoiceNo() + ": the total "
                    + invoice.totalAmount() + " is not the sum of its line amounts (" + sum.toPlainString()
                    + "); an 810 total (TDS01) must be.");
        }
        message.segment("TDS", cents(invoice.totalAmount()));
        message.segment("CTT", String.valueOf(count));
    }

    /** Writes the IT1 loop of a line; returns the amount an 810 reader computes for it. */
    private static BigDecimal line(EdiWriter.Message message, Invoice.Line line, int position) {
        String lineNo = String.valueOf(line.lineNo() != null ? line.lineNo() : position);
        BigDecimal qty = line.quantity() == null ? null : line.quantity().value();
        String unit = line.quantity() == null ? null : UNITS.get(line.quantity().unit());
        BigDecimal price = line.unitPrice();
        BigDecimal amount = line.amount();
        if (qty != null && unit != null && price != null) {
            if (amount != null && qty.multiply(price).signum() * amount.signum() < 0) {
                price = price.negate(); // a deduction: the 810 carries the sign on the price
            }
            BigDecimal computed = qty.multiply(price).setScale(2, RoundingMode.HALF_UP);
            if (amount == null || computed.compareTo(amount) == 0) {
                message.segment("IT1", lineNo, qty.toPlainString(), unit, price.toPlainString());
                description(message, line);
                return computed;
            }
        }
        if (amount == null) {
            throw new IllegalArgumentException("Line " + lineNo + " has neither quantity, unit and price nor an"
                    + " amount; an 810 line needs one or the other.");
        }
        message.segment("IT1", lineNo, "1", "EA", amount.toPlainString());
        description(message, line);
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static void description(EdiWriter.Message message, Invoice.Line line) {
        if (line.description() != null) {
            message.segment("PID", "F", null, null, null, line.description());
        }
    }

    /** TDS01: the amount in cents, two implied decimals. */
    private static String cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY)
                .movePointRight(2)
                .toBigIntegerExact()
                .toString();
    }

    /** N1 with the first identifier an 810 carries (EDI id, EIN, DUNS), and N4 with the country. */
    private static void party(EdiWriter.Message message, String role, Party party) {
        if (party == null) {
            throw new IllegalArgumentException("The invoice names no " + ("SE".equals(role) ? "seller" : "buyer")
                    + "; an 810 needs N1*" + role + ".");
        }
        PartyId id = party.ids().stream()
                .filter(i -> ID_QUALIFIERS.containsKey(i.scheme()))
                .findFirst()
                .orElse(null);
        message.segment(
                "N1",
                role,
                party.name(),
                id == null ? null : ID_QUALIFIERS.get(id.scheme()),
                id == null ? null : id.value());
        if (party.country() != null) {
            message.segment("N4", null, null, null, party.country());
        }
    }
}
