package org.corridor.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.corridor.detect.Detection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.detect.ContentDetector;
import org.corridor.edi.EdiDocumentParser;
import org.corridor.edi.EdiMappers;
import org.corridor.edi.EdiSchemas;
import org.corridor.enrich.AgreementCatalog;
import org.corridor.enrich.Enricher;
import org.corridor.parse.DocumentReader;
import org.corridor.parse.csv.AssayCsvParser;
import org.corridor.parse.json.CanonicalJsonParser;
import org.corridor.parse.csv.AssayWideCsvParser;
import org.corridor.parse.csv.PackingListCsvParser;
import org.corridor.parse.fixed.PackingListFixedParser;
import org.corridor.parse.json.PswStatusParser;
import org.corridor.parse.json.PswWorksheetParser;
import org.corridor.parse.xml.BillOfLadingXmlParser;

/**
 * Bytes in, enriched canonical documents out: detect, parse, enrich. One assembly for the gateway and the command
 * line, so {@code convert} prints exactly what partners receive.
 */
public final class DocumentPipeline {

    private final DocumentReader reader;
    private final Enricher enricher;

    public DocumentPipeline(DocumentReader reader, Enricher enricher) {
        this.reader = reader;
        this.enricher = enricher;
    }

    public static DocumentPipeline create(CamelContext camelContext, AgreementCatalog agreements, Clock clock) {
        DocumentReader reader = new DocumentReader(new ContentDetector(),
                List.of(new CanonicalJsonParser(), new AssayWideCsvParser(), new AssayCsvParser(camelContext),
                        new PackingListCsvParser(camelContext), new PackingListFixedParser(camelContext),
                        new BillOfLadingXmlParser(), new PswWorksheetParser(), new PswStatusParser(),
                        new EdiDocumentParser(new EdiSchemas(), EdiMappers.all())));
        return new DocumentPipeline(reader, new Enricher(agreements, clock));
    }

    public DocumentReader reader() {
        return reader;
    }

    public Enricher enricher() {
        return enricher;
    }

    /**
     * The same for a file of any size, document by document where the format allows (EDI): each enriched document
     * goes to {@code sink} as soon as it is read.
     */
    public void toCanonical(Path file, String fileName, String sha256, String idBase,
                            Consumer<CanonicalDocument> sink) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        Detection detection = reader.detect(head);
        reader.stream(file, detection, fileName, sha256, idBase, d -> sink.accept(enricher.enrich(d)));
    }

    public List<CanonicalDocument> toCanonical(byte[] content, String fileName, String sha256, String idBase) {
        return reader.read(content, fileName, sha256, idBase).stream().map(enricher::enrich).toList();
    }
}
