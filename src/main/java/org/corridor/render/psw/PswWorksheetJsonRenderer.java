package org.corridor.render.psw;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.Quantity;
import org.corridor.render.Renderer;

/**
 * Writes a Pakistan CUSTOMS_DECLARATION back as the clearing agent's worksheet (schema psw-worksheet-1, see
 * docs/mig/psw-worksheet-json.md), so that {@code PswWorksheetParser} reads it back to an equal body.
 *
 * <p>Keys come in the order of the guide, {@code worksheetVersion} first (it is how the worksheet is recognised).
 * Decimals are written exactly as held, in plain notation ({@code 21342.00} stays {@code 21342.00}). What the
 * canonical document does not hold is not invented: no addresses, and no
 * {@code financialInstrument.currency} for an instrument that arrived without one (from CUSDEC, say).
 * A declaration the worksheet cannot carry (an id in a scheme the party's object has no key for, a required
 * field missing) is refused with {@link IllegalArgumentException} rather than written invalid.
 */
public class PswWorksheetJsonRenderer implements Renderer {

    static final OutputFormat FORMAT = OutputFormat.PSW_WORKSHEET_JSON;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    @Override
    public OutputFormat format() {
        return FORMAT;
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] render(CanonicalDocument document) {
        CustomsDeclaration d = PswDeclarations.pakistanDeclaration(document, FORMAT);
        if (!"EXPORT".equals(d.direction())) {
            throw new IllegalArgumentException("The worksheet carries only EXPORT declarations, not " + d.direction());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(prettyPrinter());
            write(g, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    private static void write(JsonGenerator g, CustomsDeclaration d) throws IOException {
        g.writeStartObject();
        g.writeStringField("worksheetVersion", "1");
        g.writeStringField("declarationType", d.direction());
        g.writeStringField("procedure", required(d.procedure(), "procedure"));
        if ((d.declarationNo() == null) != (d.declarationDate() == null)) {
            throw new IllegalArgumentException("The worksheet carries the GD number and date together or not at all");
        }
        if (d.declarationNo() != null) {
            g.writeStringField("gdNumber", d.declarationNo());
            g.writeStringField("gdDate", d.declarationDate().toString());
        }
        trader(g, "exporter", required(d.exporter(), "exporter"), Set.of("NTN", "STRN"));
        trader(g, "consignee", required(d.consignee(), "consignee"), Set.of("EIN"));
        trader(g, "declarant", required(d.declarant(), "declarant"), Set.of("NTN"));
        CustomsDeclaration.FinancialInstrument fi = required(d.financialInstrument(), "financialInstrument");
        g.writeObjectFieldStart("financialInstrument");
        g.writeStringField("type", fi.type());
        g.writeStringField("number", fi.number());
        optional(g, "bank", fi.bank());
        optional(g, "currency", fi.currency());
        g.writeEndObject();
        g.writeStringField("invoiceNo", d.invoiceNo());
        g.writeStringField("currency", d.currency());
        number(g, "totalValue", required(d.totalValue(), "totalValue"));
        Incoterm terms = required(d.incoterm(), "incoterm");
        g.writeObjectFieldStart("incoterm");
        g.writeStringField("rule", terms.rule());
        g.writeStringField("place", terms.place());
        optional(g, "version", terms.version());
        g.writeEndObject();
        g.writeStringField("portOfLoading", d.portOfLoading());
        g.writeStringField("portOfDischarge", d.portOfDischarge());
        g.writeStringField("destinationCountry", d.destinationCountry());
        g.writeArrayFieldStart("lines");
        for (CustomsDeclaration.Line l : d.lines()) {
            g.writeStartObject();
            g.writeNumberField("lineNo", required(l.lineNo(), "lineNo"));
            g.writeStringField("hsCode", l.hsCode());
            g.writeStringField("description", l.description());
            Quantity q = required(l.quantity(), "quantity");
            g.writeObjectFieldStart("quantity");
            number(g, "value", required(q.value(), "quantity.value"));
            g.writeStringField("unit", q.unit());
            optional(g, "basis", q.basis());
            g.writeEndObject();
            number(g, "grossWeightKg", required(l.grossWeightKg(), "grossWeightKg"));
            number(g, "netWeightKg", required(l.netWeightKg(), "netWeightKg"));
            number(g, "value", required(l.value(), "value"));
            g.writeStringField("originCountry", l.originCountry());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!d.containers().isEmpty()) {
            g.writeArrayFieldStart("containers");
            for (CustomsDeclaration.Container c : d.containers()) {
                g.writeStartObject();
                g.writeStringField("containerNo", c.containerNo());
                g.writeStringField("sealNo", c.sealNo());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * A party with the ids its object has keys for, written in the order the parser reads them back (NTN, STRN,
     * EIN). An id in another scheme, or the ids in another order, would not come back equal: refused. The EDI
     * interchange id is left out: enrichment adds it from the agreement, and adds it again when the worksheet is read.
     */
    private static void trader(JsonGenerator g, String key, Party party, Set<String> schemes) throws IOException {
        for (PartyId id : tradeIds(party)) {
            if (!schemes.contains(id.scheme())) {
                throw new IllegalArgumentException(
                        "The worksheet's " + key + " has no place for a " + id.scheme() + " id (it carries "
                                + String.join(", ", schemes.stream().sorted().toList()) + ")");
            }
        }
        String ntn = PswDeclarations.id(party, "NTN");
        String strn = PswDeclarations.id(party, "STRN");
        String ein = PswDeclarations.id(party, "EIN");
        List<String> order = tradeIds(party).stream().map(PartyId::scheme).toList();
        List<String> canonicalOrder =
                List.of("NTN", "STRN", "EIN").stream().filter(order::contains).toList();
        if (!order.equals(canonicalOrder)) {
            throw new IllegalArgumentException("The " + key + "'s ids are in the order " + order
                    + "; the worksheet carries them as " + canonicalOrder);
        }
        g.writeObjectFieldStart(key);
        g.writeStringField("name", party.name());
        optional(g, "country", party.country());
        optional(g, "ntn", ntn);
        optional(g, "strn", strn);
        optional(g, "ein", ein);
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String key, BigDecimal value) throws IOException {
        g.writeFieldName(key);
        g.writeNumber(value);
    }

    private static void optional(JsonGenerator g, String key, String value) throws IOException {
        if (value != null) {
            g.writeStringField(key, value);
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("The declaration has no " + field + "; the worksheet requires it");
        }
        return value;
    }

    private static List<PartyId> tradeIds(Party party) {
        return party.ids().stream().filter(i -> !"EDI".equals(i.scheme())).toList();
    }
}
