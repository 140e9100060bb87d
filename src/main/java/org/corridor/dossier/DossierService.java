package org.corridor.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.enrich.Agreement;
import org.corridor.validate.Finding;
import org.corridor.validate.Severity;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each shipment's dossier in the database: which documents it holds, the references that tie them, the
 * reconciliation's findings and whether it is complete. Attaching a document is one transaction, serialised per
 * dossier by locking its row, and idempotent per document id (a redelivery after a crash changes nothing).
 */
@Component
public class DossierService {

    /** Attempts of one attach when a concurrent attach of the same shipment got in first (then it sees its work). */
    private static final int ATTEMPTS = 50;
    private static final String DOSSIER_PREFIX = "DOSSIER-";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Reconciler reconciler = new Reconciler();

    public DossierService(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Thrown inside a transaction to start it again: a dossier it found was merged or created meanwhile. */
    private static final class StaleView extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StaleView() {
            super(null, null, false, false);
        }
    }

    /**
     * Attaches a document to its shipment's dossier (found by its lot, container, B/L, booking, declaration or
     * invoice numbers; a new one named after the document's own number when none is known), re-runs the
     * reconciliation and completeness and returns the dossier's state. Attaching the same document id again returns
     * what the first attach returned, including the completed dossier when that attach completed it.
     */
    public DossierOutcome attach(CanonicalDocument document, Agreement agreement) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return tx.execute(s -> attachOnce(document, agreement));
            } catch (StaleView | DataIntegrityViolationException | TransientDataAccessException e) {
                // a concurrent attach committed first (a new dossier, a reference, a merge): look again
                last = e;
            }
        }
        throw new IllegalStateException("document " + document.documentId() + " could not be attached to a dossier"
                + " after " + ATTEMPTS + " attempts", last);
    }

    private DossierOutcome attachOnce(CanonicalDocument document, Agreement agreement) {
        Optional<DossierOutcome> earlier = earlierOutcome(document.documentId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        ShipmentReferences refs = ShipmentReferences.of(document);
        List<ShipmentReferences.Key> keys = refs.strongKeys();
        TreeSet<String> found = dossiersOf(keys);
        String shipmentRef;
        if (found.isEmpty()) {
            shipmentRef = open(refs.mainNumber() != null ? refs.mainNumber() : document.documentId(), agreement);
            lock(shipmentRef);
        } else {
            found.forEach(this::lock);
            if (!found.equals(dossiersOf(keys))) {
                throw new StaleView();
            }
            shipmentRef = merge(found);
        }
        for (ShipmentReferences.Key key : keys) {
            jdbc.update("""
                    INSERT INTO dossier_refs (ref_type, ref_value, shipment_ref)
                    SELECT ?, ?, ? WHERE NOT EXISTS
                        (SELECT 1 FROM dossier_refs WHERE ref_type = ? AND ref_value = ?)""",
                    key.type().name(), key.value(), shipmentRef, key.type().name(), key.value());
        }
        if (!Set.of(shipmentRef).containsAll(dossiersOf(keys))) {
            // a concurrent attach gave one of these references to another dossier and committed: join it instead
            throw new StaleView();
        }
        String number = Reconciler.number(document);
        jdbc.update("UPDATE dossier_documents SET replaced_by = ? WHERE shipment_ref = ? AND kind = ? AND doc_no = ?"
                + " AND replaced_by IS NULL", document.documentId(), shipmentRef, document.kind().name(), number);

        CanonicalDocument attached = document.withShipmentRef(shipmentRef);
        List<CanonicalDocument> documents = new ArrayList<>(currentDocuments(shipmentRef));
        documents.add(attached);
        List<DossierFinding> findings = reconciler.reconcileByDocument(documents, agreement);
        List<Finding> plain = findings.stream().map(DossierFinding::finding).toList();

        Map<String, Object> row = jdbc.queryForMap("SELECT status FROM dossiers WHERE shipment_ref = ?", shipmentRef);
        DossierStatus status = DossierStatus.valueOf((String) row.get("status"));
        Timestamp now = Timestamp.from(clock.instant());
        Optional<CanonicalDocument> completed = Optional.empty();
        boolean errors = plain.stream().anyMatch(Finding::isError)
                || documents.stream().anyMatch(d -> d.findingList().stream().anyMatch(Finding::isError));
        if (status == DossierStatus.OPEN && !errors && Reconciler.allRequiredPresent(documents, agreement)) {
            status = DossierStatus.COMPLETE;
            OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            CanonicalDocument dossier = dossierDocument(shipmentRef, agreement.id(), status, at, documents, plain);
            completed = Optional.of(dossier);
            jdbc.update("UPDATE dossiers SET completed_at = ?, completed_by = ?, completed_content = ?"
                    + " WHERE shipment_ref = ?", now, document.documentId(), pack(CanonicalJson.writeLine(dossier)),
                    shipmentRef);
        }
        jdbc.update("UPDATE dossiers SET status = ?, agreement_ref = ?, updated_at = ? WHERE shipment_ref = ?",
                status.name(), agreement.id(), now, shipmentRef);
        jdbc.update("DELETE FROM dossier_findings WHERE shipment_ref = ?", shipmentRef);
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i).finding();
            jdbc.update("""
                    INSERT INTO dossier_findings (shipment_ref, finding_no, code, severity, field, document_id,
                        finding_text) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    shipmentRef, i, f.code(), f.severity().name(), f.field(), findings.get(i).documentId(),
                    truncate(f.text()));
        }
        jdbc.update("""
                INSERT INTO dossier_documents (document_id, shipment_ref, kind, doc_no, content, outcome_status,
                    outcome_findings, attached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                document.documentId(), shipmentRef, document.kind().name(), number,
                pack(CanonicalJson.writeLine(attached)), status.name(), json(plain), now);
        return new DossierOutcome(shipmentRef, status, plain, completed);
    }

    /** A new dossier named after its first document's number; a second shipment with the same number gets -2, -3… */
    private String open(String mainNumber, Agreement agreement) {
        String base = mainNumber.trim();
        String candidate = base;
        for (int n = 2; exists(candidate); n++) {
            candidate = base + "-" + n;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO dossiers (shipment_ref, agreement_ref, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?)", candidate, agreement.id(), DossierStatus.OPEN.name(), now, now);
        return candidate;
    }

    private boolean exists(String shipmentRef) {
        return !jdbc.queryForList("SELECT 1 FROM dossiers WHERE shipment_ref = ?", Integer.class, shipmentRef)
                .isEmpty();
    }

    private void lock(String shipmentRef) {
        if (jdbc.queryForList("SELECT shipment_ref FROM dossiers WHERE shipment_ref = ? FOR UPDATE", String.class,
                shipmentRef).isEmpty()) {
            throw new StaleView();
        }
    }

    private TreeSet<String> dossiersOf(List<ShipmentReferences.Key> keys) {
        TreeSet<String> found = new TreeSet<>();
        for (ShipmentReferences.Key key : keys) {
            found.addAll(jdbc.queryForList("SELECT shipment_ref FROM dossier_refs WHERE ref_type = ? AND ref_value = ?",
                    String.class, key.type().name(), key.value()));
        }
        return found;
    }

    /**
     * A document whose references belong to several dossiers shows they are one shipment: they become the complete
     * one if there is one, else the oldest; the others' documents and references move over.
     */
    private String merge(TreeSet<String> dossiers) {
        if (dossiers.size() == 1) {
            return dossiers.first();
        }
        String target = jdbc.queryForList("SELECT shipment_ref FROM dossiers WHERE shipment_ref IN ("
                        + String.join(",", dossiers.stream().map(d -> "?").toList()) + ")"
                        + " ORDER BY CASE WHEN status = 'COMPLETE' THEN 0 ELSE 1 END, opened_seq",
                String.class, dossiers.toArray()).get(0);
        for (String other : dossiers) {
            if (!other.equals(target)) {
                jdbc.update("UPDATE dossier_refs SET shipment_ref = ? WHERE shipment_ref = ?", target, other);
                jdbc.update("UPDATE dossier_documents SET shipment_ref = ? WHERE shipment_ref = ?", target, other);
                jdbc.update("DELETE FROM dossier_findings WHERE shipment_ref = ?", other);
                jdbc.update("DELETE FROM dossiers WHERE shipment_ref = ?", other);
            }
        }
        return target;
    }

    private Optional<DossierOutcome> earlierOutcome(String documentId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT d.shipment_ref, d.outcome_status, d.outcome_findings, s.completed_by, s.completed_content
                FROM dossier_documents d JOIN dossiers s ON s.shipment_ref = d.shipment_ref
                WHERE d.document_id = ?""", documentId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        Optional<CanonicalDocument> completed = documentId.equals(row.get("completed_by"))
                ? Optional.of(read((byte[]) row.get("completed_content"))) : Optional.empty();
        return Optional.of(new DossierOutcome((String) row.get("shipment_ref"),
                DossierStatus.valueOf((String) row.get("outcome_status")),
                findingsFromJson((String) row.get("outcome_findings")), completed));
    }

    private List<CanonicalDocument> currentDocuments(String shipmentRef) {
        return jdbc.queryForList("SELECT content FROM dossier_documents WHERE shipment_ref = ? AND replaced_by IS NULL"
                + " ORDER BY attach_seq", byte[].class, shipmentRef).stream().map(DossierService::read)
                .map(d -> d.withShipmentRef(shipmentRef)).toList();
    }

    /** The dossier as it stands now (documents in reconciliation order, current findings), if there is one. */
    public Optional<ShipmentDossier> dossier(String shipmentRef) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT agreement_ref, status, completed_at FROM dossiers WHERE shipment_ref = ?", shipmentRef);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        Object completedAt = row.get("completed_at");
        return Optional.of(new ShipmentDossier(shipmentRef, (String) row.get("agreement_ref"),
                (String) row.get("status"), completedAt == null ? null : offset(completedAt),
                Reconciler.sorted(currentDocuments(shipmentRef)), findings(shipmentRef)));
    }

    /** The dossier's findings now, in order (empty when there is no such dossier). */
    public List<Finding> findings(String shipmentRef) {
        return jdbc.query("SELECT code, severity, field, finding_text FROM dossier_findings WHERE shipment_ref = ?"
                + " ORDER BY finding_no", (rs, i) -> new Finding(rs.getString("code"),
                Severity.valueOf(rs.getString("severity")), rs.getString("finding_text"), rs.getString("field")),
                shipmentRef);
    }

    /** The shipment a document was attached to, if it was. */
    public Optional<String> shipmentOf(String documentId) {
        return jdbc.queryForList("SELECT shipment_ref FROM dossier_documents WHERE document_id = ?", String.class,
                documentId).stream().findFirst();
    }

    /** The SHIPMENT_DOSSIER document: the dossier's documents in reconciliation order, and its findings. */
    public static CanonicalDocument dossierDocument(String shipmentRef, String agreementRef, DossierStatus status,
                                                    OffsetDateTime completedAt, List<CanonicalDocument> documents,
                                                    List<Finding> findings) {
        ShipmentDossier body = new ShipmentDossier(shipmentRef, agreementRef, status.name(), completedAt,
                Reconciler.sorted(documents), findings);
        return new CanonicalDocument(CanonicalDocument.SCHEMA, DocumentKind.SHIPMENT_DOSSIER, documentId(shipmentRef),
                null, agreementRef, shipmentRef, null, null, body);
    }

    /** {@code DOSSIER-<shipmentRef>}, with anything but letters, digits, dot, dash and underscore made a dash. */
    public static String documentId(String shipmentRef) {
        String id = DOSSIER_PREFIX + shipmentRef.replaceAll("[^A-Za-z0-9._-]", "-");
        return id.length() <= 64 ? id : id.substring(0, 64);
    }

    private static OffsetDateTime offset(Object timestamp) {
        if (timestamp instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        return ((Timestamp) timestamp).toInstant().atOffset(ZoneOffset.UTC);
    }

    private static CanonicalDocument read(byte[] packed) {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(packed))) {
            return CanonicalJson.readAll(in.readAllBytes()).get(0);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document's canonical JSON as stored: gzip, a fifth of its size or less. */
    private static byte[] pack(String json) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(json.length() / 4);
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String json(List<Finding> findings) {
        try {
            return CanonicalJson.mapper().writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Finding> findingsFromJson(String json) {
        try {
            return List.of(CanonicalJson.mapper().readValue(json, Finding[].class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text) {
        return Objects.toString(text, "").length() <= 4000 ? text : text.substring(0, 4000);
    }
}
