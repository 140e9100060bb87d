package org.corridor.parse.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Quantity;
import org.corridor.canonical.ReferenceData;
import org.corridor.detect.Detection;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.PackingListRules;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;

/**
 * Reads the clearing agent's worksheet of a Pakistan Single Declaration (JSON, see docs/mig/psw-worksheet-json.md)
 * into a CUSTOMS_DECLARATION with jurisdiction PK. The JSON Schema checks form and types; this class checks what a
 * schema cannot: ISO 4217 currency, the total against the lines, net against gross, container check digits.
 */
public final class PswWorksheetParser implements DocumentParser {

    static final String SCHEMA = "/schemas/psw-worksheet-1.schema.json";
    static final String VERSION = "1";
    static final BigDecimal TOTAL_TOLERANCE = new BigDecimal("0.01");

    private final JsonMessageReader reader = new JsonMessageReader(SCHEMA, "declaration worksheet");

    private final ReferenceData reference;

    /** Checks codes against {@code reference}. */
    public PswWorksheetParser(ReferenceData reference) {
        this.reference = reference;
    }

    /** The worksheet is the only JSON message that carries {@code worksheetVersion}. */
    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        return Detection.JSON.equals(format.format()) && head.contains("\"worksheetVersion\"")
                ? Optional.of(new Detection(Detection.JSON, Detection.PSW_SD, VERSION))
                : Optional.empty();
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.JSON.equals(detection.format()) && Detection.PSW_SD.equals(detection.messageType());
    }

    @Override
    public String version(Detection detection) {
        return VERSION;
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        JsonMessageReader.Checked checked = reader.read(content);
        PswWorksheet w = bind(checked);
        checkCurrency(w, checked);
        List<CustomsDeclaration.Line> lines = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < w.lines().size(); i++) {
            PswWorksheet.Line l = w.lines().get(i);
            if (l.netWeightKg().compareTo(l.grossWeightKg()) > 0) {
                throw new RejectedException(
                        ErrorCode.JSON_WEIGHTS,
                        checked.at("$.lines[" + i + "].netWeightKg"),
                        "Line " + l.lineNo() + " declares a net weight of "
                                + l.netWeightKg().toPlainString()
                                + " kg, more than its gross weight of "
                                + l.grossWeightKg().toPlainString()
                                + " kg. The net weight cannot exceed the gross weight.");
            }
            sum = sum.add(l.value());
            PswWorksheet.Amount q = l.quantity();
            lines.add(new CustomsDeclaration.Line(
                    l.lineNo(),
                    l.hsCode(),
                    l.description(),
                    new Quantity(q.value(), q.unit(), q.basis()),
                    l.grossWeightKg(),
                    l.netWeightKg(),
                    l.value(),
                    l.originCountry()));
        }
        if (sum.subtract(w.totalValue()).abs().compareTo(TOTAL_TOLERANCE) > 0) {
            throw new RejectedException(
                    ErrorCode.JSON_TOTALS,
                    checked.at("$.totalValue"),
                    "The total value is " + w.totalValue().toPlainString() + " " + w.currency()
                            + " but the values of the " + w.lines().size() + " line(s) add up to "
                            + sum.toPlainString() + " " + w.currency() + ". They must agree within "
                            + TOTAL_TOLERANCE.toPlainString() + ".");
        }
        List<CustomsDeclaration.Container> containers = new ArrayList<>();
        List<PswWorksheet.Container> written = w.containers() == null ? List.of() : w.containers();
        for (int i = 0; i < written.size(); i++) {
            PswWorksheet.Container c = written.get(i);
            String problem = PackingListRules.containerProblem(c.containerNo());
            if (problem != null) {
                throw new RejectedException(
                        ErrorCode.CONTAINER_CHECK_DIGIT, checked.at("$.containers[" + i + "].containerNo"), problem);
            }
            containers.add(new CustomsDeclaration.Container(c.containerNo(), c.sealNo()));
        }
        PswWorksheet.Instrument fi = w.financialInstrument();
        PswWorksheet.Terms terms = w.incoterm();
        CustomsDeclaration declaration = new CustomsDeclaration(
                "PK",
                w.declarationType(),
                w.procedure(),
                w.gdNumber(),
                w.gdDate(),
                party(w.exporter(), "PK"),
                party(w.consignee(), null),
                party(w.declarant(), "PK"),
                w.portOfLoading(),
                w.portOfDischarge(),
                w.destinationCountry(),
                new Incoterm(terms.rule(), terms.place(), terms.version()),
                w.currency(),
                w.invoiceNo(),
                w.totalValue(),
                new CustomsDeclaration.FinancialInstrument(fi.type(), fi.number(), fi.bank(), fi.currency()),
                lines,
                containers);
        return List.of(ParsedMessage.of(declaration).withShipmentRef(w.shipmentRef()));
    }

    private static PswWorksheet bind(JsonMessageReader.Checked checked) {
        return checked.bind(PswWorksheet.class, "declaration worksheet");
    }

    /** ISO 4217, and the Pakistan rule that the invoice is in the financial instrument's currency. */
    private void checkCurrency(PswWorksheet w, JsonMessageReader.Checked checked) {
        if (!reference.isCurrency(w.currency())) {
            throw new RejectedException(
                    ErrorCode.JSON_CURRENCY,
                    checked.at("$.currency"),
                    "\"" + w.currency() + "\" is not an ISO 4217 currency code. Use the three-letter code, such as"
                            + " USD or PKR.");
        }
        String instrument = w.financialInstrument().currency();
        if (instrument != null && !instrument.equals(w.currency())) {
            throw new RejectedException(
                    ErrorCode.JSON_CURRENCY,
                    checked.at("$.financialInstrument.currency"),
                    "The financial instrument is in " + instrument + " but the invoice is in " + w.currency()
                            + ". In Pakistan the invoice must be in the currency of the financial instrument.");
        }
    }

    /** A trader with its Pakistani (NTN, STRN) or US (EIN) ids, in that order. */
    private static Party party(PswWorksheet.Trader t, String defaultCountry) {
        List<PartyId> ids = new ArrayList<>();
        if (t.ntn() != null) {
            ids.add(new PartyId("NTN", t.ntn()));
        }
        if (t.strn() != null) {
            ids.add(new PartyId("STRN", t.strn()));
        }
        if (t.ein() != null) {
            ids.add(new PartyId("EIN", t.ein()));
        }
        return new Party(t.name(), t.country() != null ? t.country() : defaultCountry, ids);
    }
}
