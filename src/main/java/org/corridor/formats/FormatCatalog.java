package org.corridor.formats;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.ReferenceData;
import org.corridor.detect.ContentDetector;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiSchemas;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.DocumentReader;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.csv.AssayCsvParser;
import org.corridor.parse.csv.AssayWideCsvParser;
import org.corridor.parse.csv.PackingListCsvParser;
import org.corridor.parse.edi.EdiDocumentParser;
import org.corridor.parse.edifact.ContrlMapper;
import org.corridor.parse.edifact.CusdecMapper;
import org.corridor.parse.edifact.CusresMapper;
import org.corridor.parse.edifact.IftminMapper;
import org.corridor.parse.edifact.IftstaMapper;
import org.corridor.parse.edifact.InvoicMapper;
import org.corridor.parse.edifact.QalityMapper;
import org.corridor.parse.fixed.PackingListFixedParser;
import org.corridor.parse.json.CanonicalJsonParser;
import org.corridor.parse.json.PswStatusParser;
import org.corridor.parse.json.PswWorksheetParser;
import org.corridor.parse.x12.FreightReceipt310Mapper;
import org.corridor.parse.x12.FunctionalAckMapper;
import org.corridor.parse.x12.InvoiceMapper;
import org.corridor.parse.x12.OceanStatus315Mapper;
import org.corridor.parse.x12.TestResults863Mapper;
import org.corridor.parse.xml.BillOfLadingXmlParser;
import org.corridor.render.CanonicalJsonRenderer;
import org.corridor.render.Renderer;
import org.corridor.render.edi.EdiRenderer;
import org.corridor.render.psw.PswWorksheetCsvRenderer;
import org.corridor.render.psw.PswWorksheetJsonRenderer;
import org.corridor.render.us.UsBrokerDataSetRenderer;

/**
 * The one list of what this build reads and writes: the parsers, tried in order on what detection found, and one
 * renderer per {@link OutputFormat}. Plain Java, so the command line builds it without Spring; the gateway has the
 * same one as a bean ({@link FormatsConfig}). A format or parser added here is added everywhere.
 *
 * <p>The EDI renderers here address interchanges as the command line does (control reference 1); the gateway writes
 * EDI through {@code EdiOutbound} instead, with each partner's control numbers from the tracking store.
 */
public final class FormatCatalog {

    private final List<DocumentParser> parsers;
    private final Map<OutputFormat, Renderer> renderers;
    private final ReferenceData reference;

    private FormatCatalog(List<DocumentParser> parsers, List<Renderer> renderers, ReferenceData reference) {
        this.parsers = List.copyOf(parsers);
        this.reference = reference;
        Map<OutputFormat, Renderer> byFormat = new EnumMap<>(OutputFormat.class);
        for (Renderer r : renderers) {
            if (byFormat.put(r.format(), r) != null) {
                throw new IllegalStateException("two renderers for " + r.format());
            }
        }
        for (OutputFormat f : OutputFormat.values()) {
            if (!byFormat.containsKey(f)) {
                throw new IllegalStateException("no renderer for " + f);
            }
        }
        this.renderers = byFormat;
    }

    /**
     * Everything this build reads and writes; the Bindy parsers need a Camel context (not started). Codes, units and
     * tariff lines are checked and written with {@code reference}, the one instance the application loaded.
     */
    public static FormatCatalog standard(CamelContext camelContext, ReferenceData reference) {
        return new FormatCatalog(
                List.of(
                        new CanonicalJsonParser(),
                        new AssayWideCsvParser(reference),
                        new AssayCsvParser(camelContext, reference),
                        new PackingListCsvParser(camelContext),
                        new PackingListFixedParser(camelContext),
                        new BillOfLadingXmlParser(),
                        new PswWorksheetParser(reference),
                        new PswStatusParser(),
                        new EdiDocumentParser(new EdiSchemas(), ediMappers(reference))),
                List.of(
                        new CanonicalJsonRenderer(),
                        new PswWorksheetJsonRenderer(),
                        new PswWorksheetCsvRenderer(),
                        new EdiRenderer(OutputFormat.EDIFACT, reference),
                        new EdiRenderer(OutputFormat.X12, reference),
                        new UsBrokerDataSetRenderer(reference)),
                reference);
    }

    /** Every EDI message type Corridor reads, one mapper per message (EDIFACT D96A and X12 004010). */
    public static List<EdiMessageMapper> ediMappers(ReferenceData reference) {
        return List.of(
                new QalityMapper(reference),
                new CusdecMapper(reference),
                new CusresMapper(),
                new ContrlMapper(),
                new IftminMapper(reference),
                new IftstaMapper(reference),
                new InvoicMapper(reference),
                new TestResults863Mapper(reference),
                new FreightReceipt310Mapper(),
                new OceanStatus315Mapper(reference),
                new InvoiceMapper(reference),
                new FunctionalAckMapper(reference));
    }

    /** The reference data these parsers and renderers use, for the stages built beside them (enrich, rules). */
    public ReferenceData reference() {
        return reference;
    }

    /** The parsers, in the order they are tried: the first that recognises or accepts a detection reads it. */
    public List<DocumentParser> parsers() {
        return parsers;
    }

    /** The parser for what detection found, if this build reads it. */
    public Optional<DocumentParser> parserFor(Detection detection) {
        return parsers.stream().filter(p -> p.accepts(detection)).findFirst();
    }

    /** Detect, then parse, with these parsers. */
    public DocumentReader reader() {
        return new DocumentReader(new ContentDetector(), parsers);
    }

    /** The renderer of a format: every {@link OutputFormat} has one. */
    public Renderer renderer(OutputFormat format) {
        return renderers.get(format);
    }

    /** The formats this build writes. */
    public Set<OutputFormat> formats() {
        return renderers.keySet();
    }
}
