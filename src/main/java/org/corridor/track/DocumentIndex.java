package org.corridor.track;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.corridor.base.Gzip;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Enrichment;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.canonical.ShipmentReferences;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the document list searches and shows of each document, written with the rest of a processing run: its own
 * number, who sent it, the search terms of its business numbers and file name ({@code document_terms}), and its
 * canonical JSON as processing last saw it ({@code document_content}).
 */
public final class DocumentIndex {

    /** The longest term kept; longer numbers are found by their first 64 letters and digits. */
    static final int MAX_TERM = 64;
    /** At most this many word starts of one value become terms of their own. */
    private static final int MAX_STARTS = 8;
    /** The field of each kind's body that names the party issuing it, as enrichment records it. */
    private static final Map<DocumentKind, String> ISSUER_ROLE = Map.of(
            DocumentKind.ASSAY_CERTIFICATE, "lab",
            DocumentKind.CUSTOMS_DECLARATION, "declarant",
            DocumentKind.BILL_OF_LADING, "carrier",
            DocumentKind.SHIPPING_INSTRUCTION, "shipper",
            DocumentKind.INVOICE, "seller");

    private DocumentIndex() {}

    /**
     * The search terms of some values: each upper-cased with all but letters and digits dropped, and again from each
     * of its word starts on (after a space or punctuation, or where letters turn to digits and back), so that
     * {@code KHILAB-CU-2025-0147.csv} is found by {@code khilab}, {@code cu-2025}, {@code 0147} and {@code 2025 0147}.
     */
    public static Set<String> terms(Collection<String> values) {
        Set<String> terms = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            String normal = normalize(value);
            List<Integer> starts = wordStarts(value);
            for (int i = 0; i < starts.size() && i < MAX_STARTS; i++) {
                String term = normalize(value.substring(starts.get(i)));
                if (!term.isEmpty()) {
                    terms.add(term.length() > MAX_TERM ? term.substring(0, MAX_TERM) : term);
                }
            }
            if (!normal.isEmpty()) {
                terms.add(normal.length() > MAX_TERM ? normal.substring(0, MAX_TERM) : normal);
            }
        }
        return terms;
    }

    /** What a search text is compared as: upper case, letters and digits only (at most {@value #MAX_TERM}). */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        String normal = out.toString().toUpperCase(Locale.ROOT);
        return normal.length() > MAX_TERM ? normal.substring(0, MAX_TERM) : normal;
    }

    private static List<Integer> wordStarts(String value) {
        List<Integer> starts = new ArrayList<>();
        int previous = -1; // 0 other, 1 letter, 2 digit
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int type = Character.isLetter(c) ? 1 : Character.isDigit(c) ? 2 : 0;
            if (type != 0 && type != previous) {
                starts.add(i);
            }
            previous = type;
        }
        return starts;
    }

    /** The document's own number as a clerk would quote it: certificate, packing list, B/L, invoice, GD number. */
    public static String businessNumber(CanonicalDocument document) {
        if (document.body() instanceof ShipmentDossier dossier) {
            return dossier.shipmentRef();
        }
        if (document.body() instanceof Acknowledgement ack) {
            return ack.ackType() + " " + ack.referencedInterchange();
        }
        ShipmentReferences refs = ShipmentReferences.of(document);
        String own = switch (document.kind()) {
            case ASSAY_CERTIFICATE -> refs.certificateNo();
            case PACKING_LIST -> refs.packingListNo();
            case BILL_OF_LADING -> refs.blNo();
            case SHIPPING_INSTRUCTION -> refs.siNo();
            case CUSTOMS_DECLARATION -> refs.declarationNo() != null ? refs.declarationNo() : refs.invoiceNo();
            case CUSTOMS_RESPONSE -> refs.declarationNo();
            case INVOICE -> refs.invoiceNo();
            default -> null;
        };
        return own != null ? own : refs.mainNumber();
    }

    /** Every number the document carries, for the search terms. */
    static List<String> numbers(CanonicalDocument document) {
        List<String> numbers = new ArrayList<>();
        numbers.add(businessNumber(document));
        numbers.add(document.shipmentRef());
        if (document.body() instanceof ShipmentDossier || document.body() instanceof Acknowledgement) {
            return numbers;
        }
        ShipmentReferences refs = ShipmentReferences.of(document);
        numbers.addAll(List.of(
                String.valueOf(refs.contractRef()),
                String.valueOf(refs.blNo()),
                String.valueOf(refs.bookingNo()),
                String.valueOf(refs.declarationNo()),
                String.valueOf(refs.invoiceNo()),
                String.valueOf(refs.packingListNo()),
                String.valueOf(refs.siNo()),
                String.valueOf(refs.certificateNo())));
        numbers.removeIf(n -> n == null || "null".equals(n));
        numbers.addAll(refs.lotNos());
        numbers.addAll(refs.containerNos());
        return numbers;
    }

    /** Who sent the document: the partner it came from, else the issuer it names (as enrichment resolved it). */
    static String sender(CanonicalDocument document, String intake) {
        if (intake != null && (intake.startsWith("http:") || intake.startsWith("sftp:") || intake.startsWith("as2:"))) {
            return intake.substring(intake.indexOf(':') + 1);
        }
        String role = ISSUER_ROLE.get(document.kind());
        Enrichment enrichment = document.enrichment();
        if (role != null && enrichment != null) {
            for (Enrichment.ResolvedParty p : enrichment.parties()) {
                if (role.equals(p.role()) && p.partyId() != null) {
                    return p.partyId();
                }
            }
        }
        return document.source() == null ? null : document.source().sender();
    }

    /** Writes what one processing run learned of its documents, inside its transaction; idempotent. */
    static void write(
            JdbcTemplate jdbc, String fileDocumentId, Collection<CanonicalDocument> documents, Timestamp now) {
        if (documents.isEmpty()) {
            return;
        }
        String intake = jdbc
                .queryForList("SELECT intake FROM documents WHERE document_id = ?", String.class, fileDocumentId)
                .stream()
                .findFirst()
                .orElse(null);
        List<Object[]> terms = new ArrayList<>();
        for (CanonicalDocument d : documents) {
            List<String> values = new ArrayList<>(numbers(d));
            if (d.source() != null) {
                values.add(d.source().fileName());
            }
            jdbc.update(
                    "UPDATE documents SET business_no = ?, sender_id = ? WHERE document_id = ?",
                    clip(businessNumber(d), 256),
                    clip(sender(d, intake), 64),
                    d.documentId());
            for (String term : terms(values)) {
                terms.add(new Object[] {term, d.documentId(), term, d.documentId()});
            }
            byte[] content = gzip(CanonicalJson.write(d).getBytes(StandardCharsets.UTF_8));
            if (jdbc.update(
                            "UPDATE document_content SET canonical = ?, stored_at = ? WHERE document_id = ?",
                            content,
                            now,
                            d.documentId())
                    == 0) {
                jdbc.update(
                        "INSERT INTO document_content (document_id, canonical, stored_at) VALUES (?, ?, ?)",
                        d.documentId(),
                        content,
                        now);
            }
        }
        jdbc.batchUpdate(
                "INSERT INTO document_terms (term, document_id) SELECT ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM document_terms WHERE term = ? AND document_id = ?)",
                terms);
    }

    /** The file name's terms for a document no processing has indexed (a file refused unread). */
    static void writeFileName(JdbcTemplate jdbc, String documentId, String fileName) {
        jdbc.batchUpdate(
                "INSERT INTO document_terms (term, document_id) SELECT ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM document_terms WHERE term = ? AND document_id = ?)",
                terms(List.of(fileName)).stream()
                        .map(t -> new Object[] {t, documentId, t, documentId})
                        .toList());
    }

    /** The canonical JSON stored for a document. */
    public static String canonical(byte[] stored) {
        return new String(gunzip(stored), StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) {
        return Gzip.pack(content);
    }

    static byte[] gunzip(byte[] stored) {
        return Gzip.unpack(stored);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
