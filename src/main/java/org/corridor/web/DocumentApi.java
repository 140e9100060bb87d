package org.corridor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corridor.base.CorridorProperties;
import org.corridor.base.FileNames;
import org.corridor.base.Headers;
import org.corridor.deliver.FailedDeliveries;
import org.corridor.dossier.DossierService;
import org.corridor.intake.IntakeService;
import org.corridor.track.As2Messages;
import org.corridor.track.DocumentQueries;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The staff API over tracked documents: the filtered, keyset-paged list ({@code GET /api/documents}), one document
 * with its timeline, deliveries, interchanges, AS2 messages and dossier ({@code /{id}}), the bytes as received ({@code /original},
 * with their SHA-256 in a header), the canonical JSON, what was sent to a partner, an upload that enters like a file
 * dropped in the inbox, and an operator's retry of a failed delivery. Errors are problem details.
 */
@RestController
class DocumentApi {

    /** The header carrying the SHA-256 of the original bytes. */
    static final String SHA256_HEADER = "X-Corridor-Sha256";

    private final DocumentQueries queries;
    private final DossierService dossiers;
    private final FailedDeliveries failed;
    private final IntakeService intake;
    private final JmsTemplate jms;
    private final CorridorProperties properties;
    private final InboundSettings inbound;
    private final As2Messages as2;
    private final ObjectMapper json;

    DocumentApi(
            DocumentQueries queries,
            DossierService dossiers,
            FailedDeliveries failed,
            IntakeService intake,
            JmsTemplate jms,
            CorridorProperties properties,
            InboundSettings inbound,
            As2Messages as2,
            ObjectMapper json) {
        this.queries = queries;
        this.dossiers = dossiers;
        this.failed = failed;
        this.intake = intake;
        this.jms = jms;
        this.properties = properties;
        this.inbound = inbound;
        this.as2 = as2;
        this.json = json;
    }

    @GetMapping("/api/documents")
    ResponseEntity<?> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String sender,
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String agreement,
            @RequestParam(required = false) String shipment,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int size) {
        Instant fromAt;
        Instant toAt;
        try {
            fromAt = time(from, false);
            toAt = time(to, true);
        } catch (DateTimeParseException e) {
            return Problems.answer(
                    400,
                    "from and to are dates (2025-03-01) or instants (2025-03-01T10:00:00Z); got \""
                            + FileNames.forLog(e.getParsedString()) + "\"",
                    Map.of("code", "BAD_DATE"));
        }
        if (size < 1 || size > DocumentQueries.MAX_PAGE) {
            return Problems.answer(
                    400,
                    "size is the number of rows per page, from 1 to " + DocumentQueries.MAX_PAGE + "; got " + size,
                    Map.of("code", "BAD_PAGE_SIZE"));
        }
        DocumentQueries.Page page = queries.list(
                new DocumentQueries.Filter(status, kind, sender, recipient, agreement, shipment, fromAt, toAt, q),
                cursor,
                size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        body.put("items", page.rows());
        body.put("next", page.next());
        return ResponseEntity.ok(body);
    }

    @ExceptionHandler(DocumentQueries.BadCursor.class)
    ResponseEntity<?> badCursor(DocumentQueries.BadCursor e) {
        return Problems.answer(400, e.getMessage(), Map.of("code", "BAD_CURSOR"));
    }

    @GetMapping("/api/documents/{id}")
    ResponseEntity<?> document(@PathVariable String id) {
        return detail(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
    }

    /** Everything the document page and {@code GET /api/documents/{id}} show of one document. */
    Optional<Map<String, Object>> detail(String id) {
        Optional<Map<String, Object>> row = queries.document(id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> r = row.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("parentId", r.get("parent_id"));
        body.put("kind", r.get("kind"));
        body.put("businessNumber", r.get("business_no"));
        body.put("fileName", r.get("file_name"));
        body.put("sender", r.get("sender_id"));
        body.put("intake", r.get("intake"));
        body.put("status", r.get("status"));
        body.put("reasonCode", r.get("reason_code"));
        body.put("reason", r.get("reason"));
        body.put("agreement", r.get("agreement_ref"));
        body.put("shipment", r.get("shipment_ref"));
        body.put("wireFormat", r.get("wire_format"));
        body.put("messageType", r.get("message_type"));
        body.put("sha256", r.get("sha256"));
        body.put("sizeBytes", r.get("size_bytes"));
        body.put("receivedAt", DocumentQueries.text(r.get("received_at")));
        body.put(
                "timeline",
                queries.timeline(id).stream()
                        .map(e -> {
                            Map<String, Object> event = new LinkedHashMap<>();
                            event.put("at", DocumentQueries.text(e.get("created_at")));
                            event.put("stage", e.get("stage"));
                            event.put("partner", e.get("partner_id"));
                            event.put("actor", e.get("actor") == null ? "gateway" : e.get("actor"));
                            // which gateway node wrote it (one of a cluster; a gateway alone names its host)
                            event.put("node", e.get("node_id"));
                            event.put("detail", e.get("detail"));
                            return event;
                        })
                        .toList());
        body.put("findings", findings(id));
        body.put(
                "deliveries",
                queries.deliveries(id).stream()
                        .map(d -> {
                            Map<String, Object> delivery = new LinkedHashMap<>();
                            delivery.put("id", id + ":" + d.get("partner_id"));
                            delivery.put("partner", d.get("partner_id"));
                            delivery.put("format", d.get("doc_format"));
                            delivery.put("channel", d.get("channel"));
                            delivery.put("state", d.get("status"));
                            delivery.put("attempts", d.get("attempts"));
                            delivery.put(
                                    "lastAnswer",
                                    d.get("last_error") != null
                                            ? d.get("last_error")
                                            : d.get("target") == null ? null : "delivered to " + d.get("target"));
                            delivery.put("updatedAt", DocumentQueries.text(d.get("updated_at")));
                            delivery.put("ackExpected", d.get("ack_expected"));
                            delivery.put("ackState", ackState(d));
                            delivery.put("ackDetail", d.get("ack_detail"));
                            return delivery;
                        })
                        .toList());
        body.put(
                "interchanges",
                queries.interchanges(id, (String) r.get("parent_id")).stream()
                        .map(i -> {
                            Map<String, Object> interchange = new LinkedHashMap<>();
                            i.forEach((k, v) -> interchange.put(
                                    camel(k),
                                    v instanceof java.util.Date || v instanceof java.time.temporal.Temporal
                                            ? DocumentQueries.text(v)
                                            : v));
                            return interchange;
                        })
                        .toList());
        body.put("as2Messages", as2Messages(id, (String) r.get("parent_id")));
        body.put(
                "dossier",
                r.get("shipment_ref") == null
                        ? null
                        : dossiers.dossier((String) r.get("shipment_ref"))
                                .map(d -> Map.of(
                                        "shipment",
                                        d.shipmentRef(),
                                        "status",
                                        String.valueOf(d.status()),
                                        "documents",
                                        d.documents().size()))
                                .orElse(null));
        return Optional.of(body);
    }

    /**
     * The AS2 messages that carried the document, oldest first: the one it came in (for a document split from an
     * interchange, its file's), and every attempt to send it to a partner, each with its receipt.
     */
    private List<Map<String, Object>> as2Messages(String id, String parentId) {
        List<As2Messages.Message> messages = new java.util.ArrayList<>();
        if (parentId != null) {
            messages.addAll(as2.ofDocument(parentId));
        }
        messages.addAll(as2.ofDocument(id));
        return messages.stream()
                .map(m -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("direction", m.direction().name());
                    message.put("partner", m.partnerId());
                    message.put("messageId", m.messageId());
                    message.put("attempt", m.attempt());
                    message.put("state", m.state().name());
                    message.put("receipt", m.disposition());
                    message.put("mic", m.mic());
                    message.put("micAlgorithm", m.micAlgorithm());
                    message.put("at", DocumentQueries.text(m.createdAt()));
                    message.put("answeredAt", DocumentQueries.text(m.answeredAt()));
                    message.put("receiptDueAt", DocumentQueries.text(m.dueAt()));
                    return message;
                })
                .toList();
    }

    /** The findings in plain words: the canonical document's own, or the reason it was refused. */
    List<Map<String, Object>> findings(String id) {
        List<Map<String, Object>> found = new java.util.ArrayList<>();
        queries.canonical(id).ifPresent(text -> {
            try {
                JsonNode findings = json.readTree(text).path("findings");
                for (JsonNode f : findings) {
                    Map<String, Object> finding = new LinkedHashMap<>();
                    finding.put("severity", f.path("severity").asText(null));
                    finding.put("code", f.path("code").asText(null));
                    finding.put("field", f.path("field").asText(null));
                    finding.put("text", f.path("text").asText(f.path("message").asText(null)));
                    found.add(finding);
                }
            } catch (IOException e) {
                // stored by us as JSON; a document without readable findings shows none
            }
        });
        queries.document(id).filter(r -> r.get("reason") != null).ifPresent(r -> {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("severity", "ERROR");
            refusal.put("code", r.get("reason_code"));
            refusal.put("field", null);
            refusal.put("text", r.get("reason"));
            found.add(refusal);
        });
        return found;
    }

    @GetMapping("/api/documents/{id}/original")
    ResponseEntity<?> original(@PathVariable String id) throws IOException {
        Optional<Map<String, Object>> row = queries.document(id);
        if (row.isEmpty()) {
            return notFound(id);
        }
        Path archived = Path.of(String.valueOf(row.get().get("archive_path")));
        if (row.get().get("archive_path") == null
                || String.valueOf(row.get().get("archive_path")).isEmpty()
                || !Files.isRegularFile(archived)) {
            return Problems.answer(
                    404,
                    "the original of " + id + " is not in the archive (a part of a file has its"
                            + " bytes in the file's original"
                            + (row.get().get("parent_id") == null
                                    ? ""
                                    : ", " + row.get().get("parent_id")) + ")",
                    Map.of("code", "NO_ORIGINAL"));
        }
        byte[] bytes = Files.readAllBytes(archived);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(SHA256_HEADER, String.valueOf(row.get().get("sha256")))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\""
                                + FileNames.forLog(String.valueOf(row.get().get("file_name")))
                                        .replace("\"", "") + "\"")
                .body(bytes);
    }

    @GetMapping("/api/documents/{id}/canonical")
    ResponseEntity<?> canonical(@PathVariable String id) {
        if (queries.document(id).isEmpty()) {
            return notFound(id);
        }
        return queries.canonical(id)
                .<ResponseEntity<?>>map(text -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(text))
                .orElseGet(() -> Problems.answer(
                        404,
                        "document " + id + " has no canonical form: it was refused before it could be read",
                        Map.of("code", "NO_CANONICAL")));
    }

    @GetMapping("/api/documents/{id}/deliveries/{partner}/payload")
    ResponseEntity<?> payload(@PathVariable String id, @PathVariable String partner) {
        return queries.payload(id, partner)
                .<ResponseEntity<?>>map(p -> ResponseEntity.ok()
                        .contentType(
                                p.contentType() == null
                                        ? MediaType.APPLICATION_OCTET_STREAM
                                        : MediaType.parseMediaType(p.contentType()))
                        .header(SHA256_HEADER, p.sha256())
                        .body(p.content()))
                .orElseGet(() -> Problems.answer(
                        404,
                        "nothing was sent of " + id + " to " + FileNames.forLog(partner),
                        Map.of("code", "NO_PAYLOAD")));
    }

    /** An upload by staff: the same path as a file dropped in the inbox. */
    @PostMapping(value = "/api/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> upload(@RequestPart("file") MultipartFile file, Authentication caller) throws IOException {
        String fileName = file.getOriginalFilename();
        if (fileName == null || FileNames.forDisk(fileName).isEmpty()) {
            return Problems.answer(400, "the upload's part \"file\" needs a file name", Map.of("code", "NO_FILE_NAME"));
        }
        if (file.isEmpty()) {
            return Problems.answer(
                    400,
                    FileNames.forLog(fileName) + " is empty: there is nothing to process",
                    Map.of("code", "EMPTY_FILE"));
        }
        IntakeService.Spooled spooled;
        try (InputStream in = file.getInputStream()) {
            spooled = intake.spoolUpload(in, inbound.maxBytes().toBytes());
        } catch (IntakeService.TooLarge e) {
            return Problems.answer(
                    413,
                    FileNames.forLog(fileName) + " is longer than the "
                            + inbound.maxBytes().toBytes() + " bytes the gateway takes over HTTP",
                    Map.of("code", "TOO_LARGE"));
        }
        try {
            Map<String, String> handoff = intake.acceptStaffUpload(spooled, fileName.strip(), Actors.of(caller));
            String documentId = handoff.get(Headers.DOCUMENT_ID);
            jms.send(properties.queues().process(), session -> Headers.processingMessage(session, documentId, handoff));
            return ResponseEntity.accepted()
                    .body(Map.of("documentId", documentId, "fileName", handoff.get(Headers.FILE_NAME)));
        } finally {
            intake.discard(spooled);
        }
    }

    /** An operator's retry of a FAILED delivery; its id is {@code <document id>:<partner>}. */
    @PostMapping("/api/deliveries/{id}/retry")
    ResponseEntity<?> retry(@PathVariable String id, Authentication caller) {
        int colon = id.lastIndexOf(':');
        if (colon <= 0 || colon == id.length() - 1) {
            return Problems.answer(
                    400,
                    "a delivery id is <document id>:<partner>, as GET /api/documents/{id} lists" + " it; got \""
                            + FileNames.forLog(id) + "\"",
                    Map.of("code", "BAD_DELIVERY_ID"));
        }
        FailedDeliveries.Outcome outcome =
                failed.retry(id.substring(0, colon), id.substring(colon + 1), Actors.of(caller));
        Map<String, Object> body = Map.of("delivery", id, "outcome", outcome.name(), "message", outcome.message());
        return switch (outcome) {
            case NOT_FOUND -> Problems.answer(404, "no delivery " + FileNames.forLog(id), body);
            case NOT_FAILED -> Problems.answer(409, outcome.message(), body);
            case REQUEUED, REPLAYED -> ResponseEntity.accepted().body(body);
        };
    }

    private static String ackState(Map<String, Object> d) {
        if (d.get("ack_expected") == null) {
            return "none expected";
        }
        return switch (String.valueOf(d.get("status"))) {
            case "ACKNOWLEDGED" -> "acknowledged";
            case "NEGATIVE_ACK" -> "refused by the partner";
            case "ACK_OVERDUE" -> "overdue";
            case "DELIVERED" -> "awaited";
            default -> "not yet due";
        };
    }

    private static ResponseEntity<?> notFound(String id) {
        return Problems.answer(404, "no document " + FileNames.forLog(id), Map.of("code", "NO_SUCH_DOCUMENT"));
    }

    private static Instant time(String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() == 10) {
            LocalDate day = LocalDate.parse(t);
            return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Instant.parse(t);
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : column.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }
}
