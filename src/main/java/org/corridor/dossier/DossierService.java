package org.corridor.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.corridor.agreement.Agreement;
import org.corridor.base.Gzip;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.canonical.ShipmentReferences;
import org.corridor.problem.Finding;
import org.corridor.problem.FindingCode;
import org.corridor.problem.Severity;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each shipment's dossier in the database: which documents it holds, the references that tie them, the
 * reconciliation's findings and whether it is complete. Attaching a document is one transaction, serialised per
 * dossier by locking its row, and idempotent per document id (a redelivery after a crash changes nothing).
 *
 * <p>A dossier's name ({@code shipmentRef}) does not depend on the order its documents arrive in: it is the shipment
 * reference the documents declare (the exporter's, in its packing list and declaration worksheet), else — until a
 * document declaring it arrives — the number of the first document in reconciliation order. A dossier renamed or
 * merged into another keeps its earlier names as aliases, so {@link #dossier(String)} finds it by any of them.
 */
@Component
public class DossierService {

    /** Attempts of one attach when a concurrent attach of the same shipment got in first (then it sees its work). */
    private static final int ATTEMPTS = 50;

    private static final String DOSSIER_PREFIX = "DOSSIER-";
    private static final int MAX_DOCUMENT_ID = 64;
    /** The owner in dossier_refs of a reference that held documents wait for: no dossier has it yet. */
    private static final String HELD = "";

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

    /** A document of a dossier as stored, with the shipment reference it declared (null when none). */
    private record Stored(CanonicalDocument document, String declared) {}

    /**
     * Attaches a document to its shipment's dossier (found by the shipment reference it declares, its lot, container,
     * B/L, booking, declaration or invoice numbers; a new one when none is known), re-runs the reconciliation and
     * completeness and returns the dossier's state. A customs status whose declaration is not known yet, and a
     * document with no reference at all, is held instead (see {@link DossierOutcome#heldReason()}); the status joins
     * its declaration's dossier when the declaration arrives. Attaching the same document id again changes nothing
     * and returns the dossier's state now, including the completed dossier when that attach completed it and it is
     * still complete.
     */
    public DossierOutcome attach(CanonicalDocument document, Agreement agreement) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return tx.execute(s -> attachOnce(document, agreement));
            } catch (StaleView | DataIntegrityViolationException | TransientDataAccessException e) {
                // a concurrent attach committed first (a new dossier, a reference, a merge, a rename): look again
                last = e;
            }
        }
        throw new IllegalStateException(
                "document " + document.documentId() + " could not be attached to a dossier" + " after " + ATTEMPTS
                        + " attempts",
                last);
    }

    private DossierOutcome attachOnce(CanonicalDocument document, Agreement agreement) {
        Optional<DossierOutcome> earlier = earlierOutcome(document.documentId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Timestamp now = Timestamp.from(clock.instant());
        ShipmentReferences refs = ShipmentReferences.of(document);
        List<ShipmentReferences.Key> keys = refs.strongKeys();
        if (keys.isEmpty()) {
            return hold(
                    document,
                    null,
                    "The " + Reconciler.label(document) + " carries no reference that ties it"
                            + " to a shipment (shipment reference, lot, container, B/L, booking, declaration or invoice"
                            + " number), so it is in no dossier.",
                    now);
        }
        TreeSet<String> found = dossiersOf(keys);
        if (found.isEmpty() && refs.linkOnly()) {
            ShipmentReferences.Key awaited = keys.stream()
                    .filter(k -> k.type() == ShipmentReferences.Type.DECLARATION)
                    .findFirst()
                    .orElse(keys.get(0));
            return hold(
                    document,
                    awaited,
                    "No "
                            + (awaited.type() == ShipmentReferences.Type.DECLARATION
                                    ? "export declaration "
                                    : awaited.type().name().toLowerCase(Locale.ROOT) + " ")
                            + awaited.value() + " has arrived yet: the " + Reconciler.label(document) + " joins that"
                            + " shipment's dossier when it does.",
                    now);
        }
        String shipmentRef;
        if (found.isEmpty()) {
            String base = refs.shipmentRef() != null
                    ? refs.shipmentRef()
                    : refs.mainNumber() != null ? refs.mainNumber() : document.documentId();
            shipmentRef = open(base, agreement, now);
            lock(shipmentRef);
        } else {
            found.forEach(this::lock);
            if (!found.equals(dossiersOf(keys))) {
                throw new StaleView();
            }
            shipmentRef = merge(found);
        }
        List<String> linked = new ArrayList<>();
        for (ShipmentReferences.Key key : keys) {
            jdbc.update(
                    """
                    INSERT INTO dossier_refs (ref_type, ref_value, shipment_ref)
                    SELECT ?, ?, ? WHERE NOT EXISTS
                        (SELECT 1 FROM dossier_refs WHERE ref_type = ? AND ref_value = ?)""", key.type().name(), key.value(), shipmentRef, key.type().name(), key.value());
            // documents held for this reference (a customs status for this declaration) join now
            if (jdbc.update(
                            "UPDATE dossier_refs SET shipment_ref = ? WHERE ref_type = ? AND ref_value = ?"
                                    + " AND shipment_ref = ?",
                            shipmentRef,
                            key.type().name(),
                            key.value(),
                            HELD)
                    > 0) {
                linked.addAll(adoptHeld(key, shipmentRef, now));
            }
        }
        if (!Set.of(shipmentRef).containsAll(dossiersOf(keys))) {
            // a concurrent attach gave one of these references to another dossier and committed: join it instead
            throw new StaleView();
        }
        String number = Reconciler.number(document);
        jdbc.update(
                "UPDATE dossier_documents SET replaced_by = ? WHERE shipment_ref = ? AND kind = ? AND doc_no = ?"
                        + " AND replaced_by IS NULL",
                document.documentId(),
                shipmentRef,
                document.kind().name(),
                number);
        insertDocument(
                document.documentId(),
                shipmentRef,
                document.kind().name(),
                number,
                pack(CanonicalJson.writeLine(document)),
                refs.shipmentRef(),
                now);

        List<Stored> current = current(shipmentRef);
        String name = name(current, shipmentRef);
        if (!name.equals(shipmentRef) && isFree(name, shipmentRef)) {
            rename(shipmentRef, name);
            shipmentRef = name;
        }
        List<CanonicalDocument> documents =
                current.stream().map(Stored::document).toList();
        List<DossierFinding> findings = new ArrayList<>(shipmentMismatches(current));
        findings.addAll(reconciler.reconcileByDocument(documents, agreement));
        List<Finding> plain = findings.stream().map(DossierFinding::finding).toList();

        Map<String, Object> row =
                jdbc.queryForMap("SELECT status, completions FROM dossiers WHERE shipment_ref = ?", shipmentRef);
        DossierStatus status = DossierStatus.valueOf((String) row.get("status"));
        int completions = ((Number) row.get("completions")).intValue();
        Optional<CanonicalDocument> completed = Optional.empty();
        boolean errors = plain.stream().anyMatch(Finding::isError)
                || documents.stream().anyMatch(d -> d.findingList().stream().anyMatch(Finding::isError));
        if (status != DossierStatus.COMPLETE && !errors && Reconciler.allRequiredPresent(documents, agreement)) {
            // first completion, or again after a later document's error was put right: sent (again) either way
            status = DossierStatus.COMPLETE;
            completions++;
            OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            CanonicalDocument dossier =
                    dossierDocument(shipmentRef, agreement.id(), status, at, completions, documents, plain);
            completed = Optional.of(dossier);
            jdbc.update(
                    "UPDATE dossiers SET completed_at = ?, completed_by = ?, completed_content = ?,"
                            + " completions = ? WHERE shipment_ref = ?",
                    now,
                    document.documentId(),
                    pack(CanonicalJson.writeLine(dossier)),
                    completions,
                    shipmentRef);
        } else if (status == DossierStatus.COMPLETE && errors) {
            // a complete (and sent) dossier that a later document contradicts is no longer complete
            status = DossierStatus.REOPENED;
        }
        jdbc.update(
                "UPDATE dossiers SET status = ?, agreement_ref = ?, updated_at = ? WHERE shipment_ref = ?",
                status.name(),
                agreement.id(),
                now,
                shipmentRef);
        jdbc.update("DELETE FROM dossier_findings WHERE shipment_ref = ?", shipmentRef);
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i).finding();
            jdbc.update(
                    """
                    INSERT INTO dossier_findings (shipment_ref, finding_no, code, severity, field, document_id,
                        finding_text) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    shipmentRef,
                    i,
                    f.code(),
                    f.severity().name(),
                    f.field(),
                    findings.get(i).documentId(),
                    truncate(f.text()));
        }
        jdbc.update(
                "UPDATE dossier_documents SET outcome_status = ?, outcome_findings = ? WHERE document_id = ?",
                status.name(),
                json(plain),
                document.documentId());
        return new DossierOutcome(shipmentRef, status, plain, completed, linked, null);
    }

    /**
     * Keeps a document out of every dossier for now. When it waits for a reference (a customs status for its
     * declaration), the reference is claimed in dossier_refs for the held documents: a document that brings the
     * reference at the same moment waits for this row lock and then adopts what is held.
     */
    private DossierOutcome hold(
            CanonicalDocument document, ShipmentReferences.Key awaited, String reason, Timestamp now) {
        if (awaited != null) {
            jdbc.update(
                    """
                    INSERT INTO dossier_refs (ref_type, ref_value, shipment_ref)
                    SELECT ?, ?, ? WHERE NOT EXISTS
                        (SELECT 1 FROM dossier_refs WHERE ref_type = ? AND ref_value = ?)""",
                    awaited.type().name(),
                    awaited.value(),
                    HELD,
                    awaited.type().name(),
                    awaited.value());
            if (jdbc.update(
                            "UPDATE dossier_refs SET shipment_ref = ? WHERE ref_type = ? AND ref_value = ?"
                                    + " AND shipment_ref = ?",
                            HELD,
                            awaited.type().name(),
                            awaited.value(),
                            HELD)
                    == 0) {
                // a dossier took the reference meanwhile: join it instead
                throw new StaleView();
            }
        }
        jdbc.update(
                """
                INSERT INTO dossier_pending (document_id, ref_type, ref_value, kind, content, reason, held_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                document.documentId(),
                awaited == null ? null : awaited.type().name(),
                awaited == null ? null : awaited.value(),
                document.kind().name(),
                pack(CanonicalJson.writeLine(document)),
                truncate(reason, 1000),
                now);
        return DossierOutcome.held(reason);
    }

    /** The documents held for this reference join the dossier that now has it; their ids, in arrival order. */
    private List<String> adoptHeld(ShipmentReferences.Key key, String shipmentRef, Timestamp now) {
        List<Map<String, Object>> held = jdbc.queryForList(
                "SELECT document_id, kind, content FROM dossier_pending"
                        + " WHERE ref_type = ? AND ref_value = ? ORDER BY held_at, document_id",
                key.type().name(),
                key.value());
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> h : held) {
            byte[] content = (byte[]) h.get("content");
            CanonicalDocument document = read(content);
            insertDocument(
                    (String) h.get("document_id"),
                    shipmentRef,
                    (String) h.get("kind"),
                    Reconciler.number(document),
                    content,
                    ShipmentReferences.of(document).shipmentRef(),
                    now);
            ids.add((String) h.get("document_id"));
        }
        jdbc.update(
                "DELETE FROM dossier_pending WHERE ref_type = ? AND ref_value = ?",
                key.type().name(),
                key.value());
        return ids;
    }

    private void insertDocument(
            String documentId,
            String shipmentRef,
            String kind,
            String number,
            byte[] content,
            String declared,
            Timestamp now) {
        jdbc.update(
                """
                INSERT INTO dossier_documents (document_id, shipment_ref, kind, doc_no, content, outcome_status,
                    outcome_findings, attached_at, declared_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", documentId, shipmentRef, kind, number, content, DossierStatus.OPEN.name(), "[]", now, declared);
    }

    /**
     * The dossier's name from its documents, whatever their order: the shipment reference they declare (of the first
     * declaring document in reconciliation order, should they differ), else the number of its first document in that
     * order (the packing list's, else the B/L's, …), else the name it has.
     */
    private static String name(List<Stored> current, String currentName) {
        List<Stored> ordered = ordered(current);
        return ordered.stream()
                .map(Stored::declared)
                .filter(Objects::nonNull)
                .findFirst()
                .or(() -> ordered.stream()
                        .map(s -> ShipmentReferences.of(s.document()).mainNumber())
                        .filter(Objects::nonNull)
                        .map(String::trim)
                        .findFirst())
                .orElse(currentName);
    }

    /** Documents in reconciliation order (by kind, then number), as {@link Reconciler#sorted(List)} orders them. */
    private static List<Stored> ordered(List<Stored> current) {
        Map<CanonicalDocument, Stored> byDocument = new IdentityHashMap<>();
        current.forEach(s -> byDocument.put(s.document(), s));
        return Reconciler.sorted(current.stream().map(Stored::document).toList()).stream()
                .map(byDocument::get)
                .toList();
    }

    /** SHIPMENT_MISMATCH for each document that declares another shipment than the one the dossier is named after. */
    private static List<DossierFinding> shipmentMismatches(List<Stored> current) {
        List<Stored> declaring =
                ordered(current).stream().filter(s -> s.declared() != null).toList();
        List<DossierFinding> out = new ArrayList<>();
        if (declaring.isEmpty()) {
            return out;
        }
        Stored first = declaring.get(0);
        for (Stored other : declaring) {
            if (!other.declared().equals(first.declared())) {
                out.add(new DossierFinding(
                        other.document().documentId(),
                        Finding.error(
                                FindingCode.SHIPMENT_MISMATCH,
                                "shipmentRef",
                                "The " + Reconciler.label(other.document())
                                        + " names shipment " + other.declared() + " but the "
                                        + Reconciler.label(first.document()) + " names shipment " + first.declared()
                                        + ", and their references tie them to one shipment. One of them must be corrected"
                                        + " and sent again.")));
            }
        }
        return out;
    }

    /** A new dossier with this name; when the name is taken (another shipment's, or an alias) -2, -3… */
    private String open(String base, Agreement agreement, Timestamp now) {
        String name = base.trim();
        String candidate = name;
        for (int n = 2; !isFree(candidate, null); n++) {
            candidate = name + "-" + n;
        }
        jdbc.update(
                "INSERT INTO dossiers (shipment_ref, agreement_ref, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                candidate,
                agreement.id(),
                DossierStatus.OPEN.name(),
                now,
                now);
        return candidate;
    }

    /** No other dossier has this name, now or as an earlier name. */
    private boolean isFree(String name, String self) {
        if (exists(name)) {
            return false;
        }
        List<String> owner =
                jdbc.queryForList("SELECT shipment_ref FROM dossier_aliases WHERE alias = ?", String.class, name);
        return owner.isEmpty() || owner.get(0).equals(self);
    }

    private boolean exists(String shipmentRef) {
        return !jdbc.queryForList("SELECT 1 FROM dossiers WHERE shipment_ref = ?", Integer.class, shipmentRef)
                .isEmpty();
    }

    private void lock(String shipmentRef) {
        if (jdbc.queryForList(
                        "SELECT shipment_ref FROM dossiers WHERE shipment_ref = ? FOR UPDATE",
                        String.class,
                        shipmentRef)
                .isEmpty()) {
            throw new StaleView();
        }
    }

    private TreeSet<String> dossiersOf(List<ShipmentReferences.Key> keys) {
        TreeSet<String> found = new TreeSet<>();
        for (ShipmentReferences.Key key : keys) {
            found.addAll(jdbc.queryForList(
                    "SELECT shipment_ref FROM dossier_refs WHERE ref_type = ? AND ref_value = ?"
                            + " AND shipment_ref <> ?",
                    String.class,
                    key.type().name(),
                    key.value(),
                    HELD));
        }
        return found;
    }

    /**
     * A document whose references belong to several dossiers shows they are one shipment: they become the complete
     * one if there is one, else the oldest; the others' documents and references move over, and their names become
     * aliases of it. (Their name is then decided again from all their documents.)
     */
    private String merge(TreeSet<String> dossiers) {
        if (dossiers.size() == 1) {
            return dossiers.first();
        }
        String target = jdbc.queryForList(
                        "SELECT shipment_ref FROM dossiers WHERE shipment_ref IN ("
                                + String.join(
                                        ",", dossiers.stream().map(d -> "?").toList()) + ")"
                                + " ORDER BY CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END, opened_seq",
                        String.class,
                        dossiers.toArray())
                .get(0);
        for (String other : dossiers) {
            if (!other.equals(target)) {
                moveContents(other, target);
                jdbc.update("DELETE FROM dossiers WHERE shipment_ref = ?", other);
                alias(other, target);
            }
        }
        return target;
    }

    /** The dossier under its new name: a new row, its contents moved, the old row gone and its name an alias. */
    private void rename(String from, String to) {
        jdbc.update("""
                INSERT INTO dossiers (shipment_ref, opened_seq, agreement_ref, status, created_at, updated_at,
                    completed_at, completed_by, completed_content, completions)
                SELECT ?, opened_seq, agreement_ref, status, created_at, updated_at, completed_at, completed_by,
                    completed_content, completions FROM dossiers WHERE shipment_ref = ?""", to, from);
        moveContents(from, to);
        jdbc.update("DELETE FROM dossiers WHERE shipment_ref = ?", from);
        alias(from, to);
    }

    private void moveContents(String from, String to) {
        jdbc.update("UPDATE dossier_refs SET shipment_ref = ? WHERE shipment_ref = ?", to, from);
        jdbc.update("UPDATE dossier_documents SET shipment_ref = ? WHERE shipment_ref = ?", to, from);
        jdbc.update("DELETE FROM dossier_findings WHERE shipment_ref = ?", from);
        jdbc.update("UPDATE dossier_aliases SET shipment_ref = ? WHERE shipment_ref = ?", to, from);
    }

    /** {@code earlier} now names {@code current}; {@code current} is a name in use, so no longer an alias. */
    private void alias(String earlier, String current) {
        jdbc.update("DELETE FROM dossier_aliases WHERE alias = ? OR alias = ?", earlier, current);
        jdbc.update("INSERT INTO dossier_aliases (alias, shipment_ref) VALUES (?, ?)", earlier, current);
    }

    /** A document attached before: the dossier's state now (it may have changed since), or why it is held. */
    private Optional<DossierOutcome> earlierOutcome(String documentId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT d.shipment_ref, s.status, s.completed_by, s.completed_content
                FROM dossier_documents d JOIN dossiers s ON s.shipment_ref = d.shipment_ref
                WHERE d.document_id = ?""", documentId);
        if (rows.isEmpty()) {
            return heldReason(documentId).map(DossierOutcome::held);
        }
        Map<String, Object> row = rows.get(0);
        String shipmentRef = (String) row.get("shipment_ref");
        DossierStatus status = DossierStatus.valueOf((String) row.get("status"));
        // a crash after completing and before the hand-off: the redelivery hands the completed dossier off
        Optional<CanonicalDocument> completed =
                status == DossierStatus.COMPLETE && documentId.equals(row.get("completed_by"))
                        ? Optional.of(read((byte[]) row.get("completed_content")))
                        : Optional.empty();
        return Optional.of(new DossierOutcome(shipmentRef, status, findings(shipmentRef), completed, List.of(), null));
    }

    /** Why a document is held outside every dossier (empty when it is in one, or unknown). */
    public Optional<String> heldReason(String documentId) {
        return jdbc
                .queryForList("SELECT reason FROM dossier_pending WHERE document_id = ?", String.class, documentId)
                .stream()
                .findFirst();
    }

    private List<Stored> current(String shipmentRef) {
        return jdbc.query(
                "SELECT content, declared_ref FROM dossier_documents WHERE shipment_ref = ?"
                        + " AND replaced_by IS NULL ORDER BY attach_seq",
                (rs, i) -> new Stored(read(rs.getBytes("content")), rs.getString("declared_ref")),
                shipmentRef);
    }

    private List<CanonicalDocument> currentDocuments(String shipmentRef) {
        return current(shipmentRef).stream()
                .map(s -> s.document().withShipmentRef(shipmentRef))
                .toList();
    }

    /**
     * The dossier as it stands now (documents in reconciliation order, each under the dossier's name; current
     * findings), by its name or by an earlier one (an alias), if there is one.
     */
    public Optional<ShipmentDossier> dossier(String shipmentRef) {
        Optional<String> name = resolve(shipmentRef);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT agreement_ref, status, completed_at FROM dossiers WHERE shipment_ref = ?", name.get());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        Object completedAt = row.get("completed_at");
        return Optional.of(new ShipmentDossier(
                name.get(),
                (String) row.get("agreement_ref"),
                (String) row.get("status"),
                completedAt == null ? null : offset(completedAt),
                Reconciler.sorted(currentDocuments(name.get())),
                findings(name.get())));
    }

    /** The dossier's name now: the name itself, or the dossier an earlier name (an alias) points to. */
    public Optional<String> resolve(String shipmentRef) {
        if (exists(shipmentRef)) {
            return Optional.of(shipmentRef);
        }
        return jdbc
                .queryForList("SELECT shipment_ref FROM dossier_aliases WHERE alias = ?", String.class, shipmentRef)
                .stream()
                .findFirst();
    }

    /** The dossier's findings now, in order (empty when there is no such dossier). */
    public List<Finding> findings(String shipmentRef) {
        return jdbc.query(
                "SELECT code, severity, field, finding_text FROM dossier_findings WHERE shipment_ref = ?"
                        + " ORDER BY finding_no",
                (rs, i) -> new Finding(
                        rs.getString("code"),
                        Severity.valueOf(rs.getString("severity")),
                        rs.getString("finding_text"),
                        rs.getString("field")),
                shipmentRef);
    }

    /** The shipment a document is in now (a merge or rename moves it), if it is in one. */
    public Optional<String> shipmentOf(String documentId) {
        return jdbc
                .queryForList(
                        "SELECT shipment_ref FROM dossier_documents WHERE document_id = ?", String.class, documentId)
                .stream()
                .findFirst();
    }

    /** The SHIPMENT_DOSSIER document of a first completion: the documents in reconciliation order, the findings. */
    public static CanonicalDocument dossierDocument(
            String shipmentRef,
            String agreementRef,
            DossierStatus status,
            OffsetDateTime completedAt,
            List<CanonicalDocument> documents,
            List<Finding> findings) {
        return dossierDocument(shipmentRef, agreementRef, status, completedAt, 1, documents, findings);
    }

    /**
     * The SHIPMENT_DOSSIER document of the dossier's n-th completion (see {@link #documentId(String, int)}), every
     * document under the dossier's name.
     */
    public static CanonicalDocument dossierDocument(
            String shipmentRef,
            String agreementRef,
            DossierStatus status,
            OffsetDateTime completedAt,
            int completion,
            List<CanonicalDocument> documents,
            List<Finding> findings) {
        ShipmentDossier body = new ShipmentDossier(
                shipmentRef,
                agreementRef,
                status.name(),
                completedAt,
                Reconciler.sorted(documents.stream()
                        .map(d -> d.withShipmentRef(shipmentRef))
                        .toList()),
                findings);
        return new CanonicalDocument(
                CanonicalDocument.SCHEMA,
                DocumentKind.SHIPMENT_DOSSIER,
                documentId(shipmentRef, completion),
                null,
                agreementRef,
                shipmentRef,
                null,
                null,
                body);
    }

    /** {@code DOSSIER-<shipmentRef>}, with anything but letters, digits, dot, dash and underscore made a dash. */
    public static String documentId(String shipmentRef) {
        return documentId(shipmentRef, 1);
    }

    /**
     * The id of the dossier document of the n-th completion: {@code DOSSIER-<shipmentRef>} the first time,
     * {@code DOSSIER-<shipmentRef>-R<n>} when a reopened dossier completes again (at most 64 characters, the name
     * shortened to keep the suffix).
     */
    public static String documentId(String shipmentRef, int completion) {
        String suffix = completion <= 1 ? "" : "-R" + completion;
        String id = DOSSIER_PREFIX + shipmentRef.replaceAll("[^A-Za-z0-9._-]", "-");
        int room = MAX_DOCUMENT_ID - suffix.length();
        return (id.length() <= room ? id : id.substring(0, room)) + suffix;
    }

    private static OffsetDateTime offset(Object timestamp) {
        if (timestamp instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        return ((Timestamp) timestamp).toInstant().atOffset(ZoneOffset.UTC);
    }

    private static CanonicalDocument read(byte[] packed) {
        return CanonicalJson.readAll(Gzip.unpack(packed)).get(0);
    }

    /** A document's canonical JSON as stored: gzip, a fifth of its size or less. */
    private static byte[] pack(String json) {
        return Gzip.pack(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(List<Finding> findings) {
        try {
            return CanonicalJson.mapper().writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text) {
        return truncate(text, 4000);
    }

    private static String truncate(String text, int max) {
        return Objects.toString(text, "").length() <= max ? text : text.substring(0, max);
    }
}
