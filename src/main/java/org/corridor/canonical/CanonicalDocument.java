package org.corridor.canonical;

/** The envelope every parsed document shares (schema corridor/1); the JSON form is a public contract. */
public record CanonicalDocument(
        String schema,
        DocumentKind kind,
        String documentId,
        Source source,
        String agreementRef,
        String shipmentRef,
        DocumentBody body) {

    public static final String SCHEMA = "corridor/1";

    public static CanonicalDocument of(String documentId, Source source, DocumentBody body) {
        return of(documentId, source, body.kind(), body);
    }

    public static CanonicalDocument of(String documentId, Source source, DocumentKind kind, DocumentBody body) {
        return new CanonicalDocument(SCHEMA, kind, documentId, source, null, null, body);
    }

    public CanonicalDocument withAgreement(String agreement, DocumentBody enrichedBody) {
        return new CanonicalDocument(schema, kind, documentId, source, agreement, shipmentRef, enrichedBody);
    }

    public CanonicalDocument withShipmentRef(String shipment) {
        return new CanonicalDocument(schema, kind, documentId, source, agreementRef, shipment, body);
    }
}
