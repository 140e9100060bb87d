package org.corridor.parse.edifact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Party;
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
 * EDIFACT D96A INVOIC to an INVOICE: BGM 380 commercial (FINAL when it refers to a previous invoice, RFF+OI, as the
 * final concentrate invoice after the assay exchange does), 325 proforma (PROVISIONAL), 383 debit note, 381 credit
 * note. Line amounts (MOA+203) must add up exactly to the invoice total (MOA+77 after UNS) and to the line total
 * (MOA+79) when sent. See docs/mig/edifact-invoic-d96a.md.
 */
public final class InvoicMapper implements EdiMessageMapper {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EDITION = Pattern.compile("(?i).*\\b(19|20)(\\d{2})\\b.*");

    private final ReferenceData reference;

    /** A mapper that checks codes against {@code reference}. */
    public InvoicMapper(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String standard() {
        return EdiEnvelope.EDIFACT;
    }

    @Override
    public List<String> messageTypes() {
        return List.of("INVOIC");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment bgm = message.first("BGM").orElseThrow();
        if (bgm.component(1, 1) == null) {
            // C002 is conditional in D96A, but without 1001 Corridor cannot tell an invoice from a credit note
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    bgm,
                    1,
                    1,
                    "BGM01-1 (1001, document name code) is"
                            + " empty: Corridor needs it to know what the document is. Use 380 (commercial invoice), 325"
                            + " (proforma invoice), 383 (debit note) or 381 (credit note).");
        }
        String type = switch (bgm.component(1, 1)) {
            case "325" -> "PROVISIONAL";
            case "383" -> "DEBIT_NOTE";
            case "381" -> "CREDIT_NOTE";
            default -> message.first("RFF", "OI").isPresent() ? "FINAL" : "COMMERCIAL";
        };
        LocalDate issued = message.first("DTM", "3")
                .or(() -> message.first("DTM", "137"))
                .map(EdiValues::dtmDate)
                .orElse(null);
        List<Invoice.Line> lines = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (List<EdiSegment> group : message.groups("LIN", Set.of("UNS"))) {
            Invoice.Line line = line(group);
            lines.add(line);
            sum = sum.add(line.amount());
        }
        BigDecimal total = checkTotals(message, sum, lines.size());
        Invoice body = new Invoice(
                bgm.element(2),
                type,
                issued,
                party(message, "SE"),
                party(message, "BY"),
                message.first("RFF", "CT").map(r -> r.component(1, 2)).orElse(null),
                currency(message),
                incoterm(message),
                lines,
                total);
        return List.of(ParsedMessage.of(body));
    }

    private static Party party(EdiMessage message, String qualifier) {
        return EdifactValues.nad(message, qualifier).map(EdifactValues::party).orElse(null);
    }

    /** CUX C504 (2 reference currency, 6345 currency, 4 invoicing currency). */
    private static String currency(EdiMessage message) {
        return message.first("CUX")
                .map(cux -> {
                    String code = cux.component(1, 2);
                    if (code == null || !CURRENCY.matcher(code).matches()) {
                        throw EdiValues.reject(
                                ErrorCode.EDI_CONTENT,
                                cux,
                                1,
                                2,
                                "\"" + code + "\" in CUX01-2 (data element"
                                        + " 6345, currency) is not an ISO 4217 currency code such as USD.");
                    }
                    return code;
                })
                .orElse(null);
    }

    /** TOD C100 4053 (the Incoterms rule), 4052 (its edition, such as "INCOTERMS 2020"); LOC+1 the named place. */
    private static Incoterm incoterm(EdiMessage message) {
        return message.first("TOD")
                .map(tod -> {
                    String version = null;
                    String text = tod.component(3, 4);
                    if (text != null) {
                        Matcher m = EDITION.matcher(text);
                        version = m.matches() ? m.group(1) + m.group(2) : null;
                    }
                    String place =
                            message.first("LOC", "1").map(EdifactValues::locode).orElse(null);
                    return new Incoterm(tod.component(3, 1), place, version);
                })
                .orElse(null);
    }

    /**
     * One LIN group: LIN (line number), PIA (HS), IMD+F (description: every C273 7008 of every IMD, joined with a
     * space, since 7008 holds 35 characters), QTY+47 (invoiced quantity and unit), MEA
     * (WT with attribute DRY or WET: the basis of the quantity; AAE with an analyte as attribute: a grade, checked),
     * PRI (unit price), MOA+203 (line amount, required).
     */
    private Invoice.Line line(List<EdiSegment> group) {
        EdiSegment lin = group.get(0);
        String hs = null;
        String description = null;
        Quantity quantity = null;
        String basis = null;
        BigDecimal price = null;
        BigDecimal amount = null;
        for (EdiSegment s : group) {
            switch (s.tag()) {
                case "PIA" -> hs = hs != null ? hs : EdifactValues.hsCode(s);
                case "IMD" -> {
                    // C273 holds two 7008 of 35 characters and IMD repeats: a longer description is in pieces
                    for (int c = 4; c <= 5; c++) {
                        String piece = s.component(3, c);
                        if (piece != null) {
                            description = description == null ? piece : description + " " + piece;
                        }
                    }
                }
                case "QTY" -> quantity = EdifactValues.quantity(reference, s, 1, 2, 3, null);
                case "MEA" -> basis = measurement(s, basis);
                case "PRI" -> price = EdiValues.decimal(s, 1, 2);
                case "MOA" -> {
                    if (s.is(1, "203")) {
                        amount = EdiValues.decimal(s, 1, 2);
                    }
                }
                default -> {}
            }
        }
        if (amount == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_SEGMENT_MISSING,
                    lin,
                    1,
                    0,
                    "Invoice line " + lin.element(1) + " has no amount: add MOA+203 (line item amount) to the line.");
        }
        if (quantity != null && basis != null) {
            quantity = new Quantity(quantity.value(), quantity.unit(), basis);
        }
        return new Invoice.Line(EdiValues.integer(lin, 1, 1), description, hs, quantity, price, amount);
    }

    /** MEA+WT (attribute DRY or WET) gives the basis; MEA+AAE (attribute = analyte) is a grade: analyte and unit known. */
    private String measurement(EdiSegment mea, String basis) {
        String attribute = mea.component(2, 4);
        if (mea.is(1, "WT")) {
            if (!"DRY".equals(attribute) && !"WET".equals(attribute)) {
                throw EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        mea,
                        2,
                        4,
                        "The weight in MEA at position " + mea.position()
                                + " must say its basis in MEA02-4 (data element 6154): DRY or WET.");
            }
            EdifactValues.unit(reference, mea, 3, 1);
            return attribute;
        }
        if (attribute == null || !reference.isAnalyte(attribute)) {
            throw EdiValues.reject(
                    ErrorCode.EDI_CONTENT,
                    mea,
                    2,
                    4,
                    "\"" + (attribute == null ? "" : attribute)
                            + "\" in MEA02-4 (data element 6154) is not an analyte Corridor knows. Write it as chemists do,"
                            + " such as Cu, As or H2O.");
        }
        EdifactValues.unit(reference, mea, 3, 1);
        EdiValues.decimal(mea, 3, 2);
        return basis;
    }

    /** The totals after UNS: MOA+77 (invoice amount) is the canonical total; with MOA+79 both must equal the sum. */
    private static BigDecimal checkTotals(EdiMessage message, BigDecimal sum, int lines) {
        List<EdiSegment> after = new ArrayList<>();
        boolean summary = false;
        for (EdiSegment s : message.segments()) {
            if (s.tag().equals("UNS")) {
                summary = true;
            } else if (summary && s.tag().equals("MOA")) {
                after.add(s);
            }
        }
        BigDecimal total = null;
        for (EdiSegment moa : after) {
            BigDecimal value = EdiValues.decimal(moa, 1, 2);
            String qualifier = moa.element(1);
            if (value != null && value.compareTo(sum) != 0) {
                throw EdiValues.reject(
                        ErrorCode.EDI_TOTALS,
                        moa,
                        1,
                        2,
                        "The "
                                + ("77".equals(qualifier)
                                        ? "invoice total (MOA+77)"
                                        : "total of the line items (MOA+" + qualifier + ")")
                                + " is "
                                + value.toPlainString() + " but the amounts of the " + lines
                                + " line(s) (MOA+203) add up"
                                + " to " + sum.toPlainString() + ". They must agree exactly.");
            }
            if ("77".equals(qualifier) || total == null) {
                total = value;
            }
        }
        return total;
    }
}
