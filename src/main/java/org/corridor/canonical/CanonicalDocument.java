package org.corridor.canonical;

import java.util.List;
import org.corridor.problem.Finding;

/**
 * The envelope every parsed document shares (schema corridor/1); the JSON form is a public contract. Enrichment adds
 * {@code agreementRef}, {@code enrichment} and, in the gateway, {@code shipmentRef}; the agreement rules add
 * {@code findings} (warnings travel with the document; an error stops it).
 */
public record CanonicalDocument(
        String schema,
        DocumentKind kind,
        String documentId,
        Source source,
        String agreementRef,
        String shipmentRef,
        Enrichment enrichment,
        List<Finding> findings,
        DocumentBody body) {

    public static final String SCHEMA = "corridor/1";

    public CanonicalDocument {
        findings = findings == null || findings.isEmpty() ? null : List.copyOf(findings);
    }

    public CanonicalDocument(
            String schema,
            DocumentKind kind,
            String documentId,
            Source source,
            String agreementRef,
            String shipmentRef,
            DocumentBody body) {
        this(schema, kind, documentId, source, agreementRef, shipmentRef, null, null, body);
    }

    public static CanonicalDocument of(String documentId, Source source, DocumentBody body) {
        return of(documentId, source, body.kind(), body);
    }

    public static CanonicalDocument of(String documentId, Source source, DocumentKind kind, DocumentBody body) {
        return new CanonicalDocument(SCHEMA, kind, documentId, source, null, null, null, null, body);
    }

    public CanonicalDocument withAgreement(String agreement, DocumentBody enrichedBody) {
        return new CanonicalDocument(
                schema, kind, documentId, source, agreement, shipmentRef, enrichment, findings, enrichedBody);
    }

    public CanonicalDocument withEnrichment(Enrichment details) {
        return new CanonicalDocument(
                schema, kind, documentId, source, agreementRef, shipmentRef, details, findings, body);
    }

    public CanonicalDocument withShipmentRef(String shipment) {
        return new CanonicalDocument(
                schema, kind, documentId, source, agreementRef, shipment, enrichment, findings, body);
    }

    /** The same document with these findings added after the ones it has. */
    public CanonicalDocument withFindings(List<Finding> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        List<Finding> all = new java.util.ArrayList<>(findings == null ? List.of() : findings);
        all.addAll(more);
        return new CanonicalDocument(
                schema, kind, documentId, source, agreementRef, shipmentRef, enrichment, all, body);
    }

    /** The findings, never null. */
    public List<Finding> findingList() {
        return findings == null ? List.of() : findings;
    }
}
