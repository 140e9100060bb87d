package org.corridor.parse.x12;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Quantity;
import org.corridor.canonical.ReferenceData;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;

/**
 * X12 004010 810 invoice to an INVOICE body (docs/mig/x12-810-004010.md). The schema has checked structure, lengths
 * and code lists; this mapper checks what it cannot: that seller and buyer are named, that the currency is an ISO 4217
 * code, that grades name analytes Corridor knows, that CTT01 counts the lines and that the total in TDS01 (cents,
 * two implied decimals) is the sum of the line amounts to the cent.
 */
public final class InvoiceMapper implements EdiMessageMapper {

    /** BIG07 (640) to the canonical invoice type; absent is a commercial invoice. */
    static final Map<String, String> INVOICE_TYPES =
            Map.of("DI", "COMMERCIAL", "ZZ", "PROVISIONAL", "FB", "FINAL", "DR", "DEBIT_NOTE", "CR", "CREDIT_NOTE");

    /** X12 units (355) to canonical units; X12 {@code MT} is the metric tonne. */
    static final Map<String, String> UNITS =
            Map.of("MT", "T", "KG", "KG", "GR", "G", "LB", "LB", "EA", "EA", "P1", "PCT");

    /** N103 (66) to the canonical identifier scheme. */
    static final Map<String, String> ID_SCHEMES = Map.of("1", "DUNS", "9", "DUNS", "24", "EIN", "ZZ", "EDI");

    private final ReferenceData reference;

    /** A mapper that checks codes against {@code reference}. */
    public InvoiceMapper(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String standard() {
        return EdiEnvelope.X12;
    }

    @Override
    public List<String> messageTypes() {
        return List.of("810");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment big = message.first("BIG").orElseThrow();
        String type = big.element(7) == null ? "COMMERCIAL" : INVOICE_TYPES.get(big.element(7));
        Party seller = party(message, "SE");
        Party buyer = party(message, "BY");
        String contract = message.first("REF", "CT").map(r -> r.element(2)).orElse(null);
        String currency = currency(message);
        List<Invoice.Line> lines = lines(message);
        BigDecimal total = total(message, lines);
        Invoice invoice = new Invoice(
                big.element(2),
                type,
                EdiValues.date(big, 1, 1),
                seller,
                buyer,
                contract,
                currency,
                incoterm(message),
                lines,
                total);
        return List.of(ParsedMessage.of(invoice));
    }

    private static Party party(EdiMessage message, String role) {
        List<List<EdiSegment>> loops = message.groups("N1", Set.of("ITD", "DTM", "FOB", "IT1", "TDS", "CTT", "SE"));
        for (List<EdiSegment> loop : loops) {
            EdiSegment n1 = loop.get(0);
            if (!n1.is(1, role)) {
                continue;
            }
            List<PartyId> ids = new ArrayList<>();
            if (n1.element(3) != null) {
                ids.add(new PartyId(ID_SCHEMES.get(n1.element(3)), n1.element(4)));
            }
            String country =
                    EdiMessage.first(loop, "N4").map(n4 -> n4.element(4)).orElse(null);
            if (country != null && country.length() != 2) {
                EdiSegment n4 = EdiMessage.first(loop, "N4").orElseThrow();
                throw EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        n4,
                        4,
                        0,
                        "Country \"" + country + "\" in " + n4.reference(4, 0)
                                + " is not an ISO 3166 two-letter country code such as PK or US.");
            }
            return new Party(n1.element(2), country, ids);
        }
        EdiSegment big = message.first("BIG").orElseThrow();
        throw new org.corridor.problem.RejectedException(
                ErrorCode.EDI_SEGMENT_MISSING,
                EdiValues.at(big),
                "Invoice " + big.element(2) + " names no " + ("SE".equals(role) ? "seller" : "buyer") + ": add an N1"
                        + " loop with N101 = " + role + " (" + ("SE".equals(role) ? "selling party" : "buying party")
                        + ").");
    }

    private String currency(EdiMessage message) {
        EdiSegment cur = message.first("CUR").orElse(null);
        if (cur == null) {
            return null;
        }
        String code = cur.element(2);
        if (!reference.isCurrency(code)) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CODE,
                    cur,
                    2,
                    0,
                    "Currency \"" + code + "\" in CUR02 is not an" + " ISO 4217 currency code such as USD or PKR.");
        }
        return code;
    }

    private static Incoterm incoterm(EdiMessage message) {
        return message.first("FOB")
                .filter(fob -> fob.is(4, "01"))
                .map(fob -> new Incoterm(fob.element(5), fob.element(3), null))
                .orElse(null);
    }

    private List<Invoice.Line> lines(EdiMessage message) {
        List<Invoice.Line> lines = new ArrayList<>();
        for (List<EdiSegment> loop : message.groups("IT1", Set.of("TDS", "CTT", "SE"))) {
            EdiSegment it1 = loop.get(0);
            Integer lineNo = it1.element(1) != null ? EdiValues.integer(it1, 1, 1) : lines.size() + 1;
            BigDecimal qty = EdiValues.decimal(it1, 2, 1);
            BigDecimal price = EdiValues.decimal(it1, 4, 1);
            if (qty == null || price == null) {
                throw EdiValues.reject(
                        ErrorCode.EDI_ELEMENT_MISSING,
                        it1,
                        qty == null ? 2 : 4,
                        0,
                        "Line "
                                + lineNo + " (IT1 at position " + it1.position() + ") needs a quantity (IT102), a unit"
                                + " (IT103) and a unit price (IT104) so that its amount can be computed.");
            }
            Quantity quantity = new Quantity(qty, UNITS.get(it1.element(3)), null);
            String description = null;
            for (List<EdiSegment> pid : EdiMessage.groups(loop, "PID", Set.of())) {
                EdiSegment head = pid.get(0);
                if (head.is(1, "F") && description == null) {
                    description = head.element(5);
                } else if (head.is(1, "S")) {
                    grade(head, pid);
                }
            }
            BigDecimal amount = qty.multiply(price).setScale(2, RoundingMode.HALF_UP);
            lines.add(new Invoice.Line(lineNo, description, null, quantity, price, amount));
        }
        return lines;
    }

    /** A grade (PID01 = S, analyte in PID04, value and unit in MEA): checked, not carried (INVOICE has no grades). */
    private void grade(EdiSegment pid, List<EdiSegment> loop) {
        String analyte = pid.element(4);
        if (analyte == null || !reference.isAnalyte(analyte)) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CONTENT,
                    pid,
                    4,
                    0,
                    "\"" + analyte + "\" in PID04 (position "
                            + pid.position()
                            + ") is not an analyte Corridor knows. Write it as chemists do: Cu, Au, Ag, As,"
                            + " Sb, H2O, Nd2O3, ...");
        }
        for (EdiSegment mea : loop) {
            if (mea.tag().equals("MEA")) {
                if (EdiValues.decimal(mea, 3, 1) == null) {
                    throw EdiValues.reject(
                            ErrorCode.EDI_ELEMENT_MISSING,
                            mea,
                            3,
                            0,
                            "The grade of " + analyte + " (MEA at position " + mea.position()
                                    + ") has no value in MEA03.");
                }
            }
        }
    }

    private static BigDecimal total(EdiMessage message, List<Invoice.Line> lines) {
        EdiSegment tds = message.first("TDS").orElseThrow();
        // TDS01 is N2: cents without a decimal mark
        BigDecimal total = EdiValues.decimal(tds, 1, 1).movePointLeft(2);
        message.first("CTT").ifPresent(ctt -> {
            Integer count = EdiValues.integer(ctt, 1, 1);
            if (count != lines.size()) {
                throw EdiValues.reject(
                        ErrorCode.EDI_COUNT,
                        ctt,
                        1,
                        0,
                        "CTT01 says the invoice has " + count + " line(s), but it holds " + lines.size()
                                + " IT1 line(s).");
            }
        });
        BigDecimal sum = lines.stream().map(Invoice.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(total) != 0) {
            throw EdiValues.reject(
                    ErrorCode.EDI_TOTALS,
                    tds,
                    1,
                    0,
                    "The invoice total in TDS01 is "
                            + total.toPlainString() + " (" + tds.element(1) + " with two implied decimals) but the "
                            + lines.size() + " line(s) add up to " + sum.toPlainString()
                            + " (quantity times unit price,"
                            + " rounded to the cent). They must agree to the cent.");
        }
        return total;
    }
}
