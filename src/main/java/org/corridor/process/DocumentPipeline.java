package org.corridor.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.ReferenceData;
import org.corridor.detect.Detection;
import org.corridor.enrich.Enricher;
import org.corridor.formats.FormatCatalog;
import org.corridor.parse.DocumentReader;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Finding;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.corridor.rules.AgreementRules;

/**
 * Bytes in, enriched and checked canonical documents out: detect, parse, enrich, agreement rules. One assembly for
 * the gateway and the command line, so {@code convert} prints exactly what partners receive and {@code validate}
 * refuses what the gateway refuses (but for the checks that need the gateway's records: quotas, permit quantities
 * and the shipment dossier).
 */
public final class DocumentPipeline {

    private final DocumentReader reader;
    private final Enricher enricher;
    private final AgreementRules rules;

    public DocumentPipeline(DocumentReader reader, Enricher enricher, AgreementRules rules) {
        this.reader = reader;
        this.enricher = enricher;
        this.rules = rules;
    }

    /** The pipeline with every parser of the format catalog, enriching and checking with the catalog's reference data. */
    public static DocumentPipeline create(FormatCatalog formats, AgreementCatalog agreements, Clock clock) {
        ReferenceData reference = formats.reference();
        return new DocumentPipeline(
                formats.reader(), new Enricher(agreements, clock, reference), new AgreementRules(clock, reference));
    }

    /** The same, with the standard catalog built on {@code camelContext} (tests'). */
    public static DocumentPipeline create(
            CamelContext camelContext, ReferenceData reference, AgreementCatalog agreements, Clock clock) {
        return create(FormatCatalog.standard(camelContext, reference), agreements, clock);
    }

    public DocumentReader reader() {
        return reader;
    }

    public Enricher enricher() {
        return enricher;
    }

    /** The agreement version an enriched document falls under (the one in force on its date). */
    public Agreement agreementOf(CanonicalDocument enriched) {
        return enricher.agreementOf(enriched);
    }

    /**
     * Enriches one document and checks it against its agreement's rules: warnings (and information) travel with the
     * document in its {@code findings}; any error refuses it, every error named with its finding code and field.
     */
    public CanonicalDocument enrichAndCheck(CanonicalDocument document) {
        return check(enricher.enrich(document));
    }

    /** Checks an enriched document against its agreement's rules: the document with its findings, or a refusal. */
    public CanonicalDocument check(CanonicalDocument enriched) {
        List<Finding> findings = rules.check(enriched, agreementOf(enriched));
        refusalOf(findings).ifPresent(refusal -> {
            throw refusal;
        });
        return enriched.withFindings(findings);
    }

    /**
     * The refusal error findings call for: one problem per error, its finding code first in the reason; none when
     * there is no error among them.
     */
    public static Optional<RejectedException> refusalOf(List<Finding> findings) {
        List<Problem> errors = findings.stream()
                .filter(Finding::isError)
                .map(f -> new Problem(
                        ErrorCode.AGREEMENT_RULE,
                        new Location(null, null, f.field(), null, null),
                        f.code() + ": " + f.text()))
                .toList();
        return errors.isEmpty() ? Optional.empty() : Optional.of(new RejectedException(errors));
    }

    /**
     * The same for a file of any size, document by document where the format allows (EDI): each enriched document
     * goes to {@code sink} as soon as it is read.
     */
    public void toCanonical(Path file, String fileName, String sha256, String idBase, Consumer<CanonicalDocument> sink)
            throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        Detection detection = reader.detect(head);
        reader.stream(file, detection, fileName, sha256, idBase, d -> sink.accept(enrichAndCheck(d)));
    }

    public List<CanonicalDocument> toCanonical(byte[] content, String fileName, String sha256, String idBase) {
        return reader.read(content, fileName, sha256, idBase).stream()
                .map(this::enrichAndCheck)
                .toList();
    }
}
