package org.corridor.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementStore;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.deliver.FailedDeliveries;
import org.corridor.dossier.DossierService;
import org.corridor.settlement.SettlementService;
import org.corridor.track.DocumentQueries;
import org.corridor.track.DocumentStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The back-office console: server-rendered pages over the same queries as the staff API. The document list (filters,
 * status colours, live refresh of its table), a document (timeline, original beside canonical JSON, findings,
 * deliveries and acknowledgements), a dossier's checklist, partners' health, dead letters with retry, upload, and
 * quota gauges per agreement. Writes are plain forms with the session's CSRF token.
 */
@Controller
class ConsoleController {

    /** The longest original shown as text on the document page; longer ones are downloaded. */
    private static final int MAX_SHOWN_BYTES = 256 * 1024;

    private final DocumentQueries queries;
    private final DocumentApi documents;
    private final PartnerApi partners;
    private final DossierService dossiers;
    private final AgreementStore agreements;
    private final FailedDeliveries failed;
    private final JdbcTemplate jdbc;
    private final SettlementService settlements;
    private final ObjectMapper pretty;

    ConsoleController(
            DocumentQueries queries,
            DocumentApi documents,
            PartnerApi partners,
            DossierService dossiers,
            AgreementStore agreements,
            FailedDeliveries failed,
            JdbcTemplate jdbc,
            SettlementService settlements,
            ObjectMapper json) {
        this.queries = queries;
        this.documents = documents;
        this.partners = partners;
        this.dossiers = dossiers;
        this.agreements = agreements;
        this.failed = failed;
        this.jdbc = jdbc;
        this.settlements = settlements;
        this.pretty = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @GetMapping(WebSecurity.LOGIN)
    String login() {
        return "login";
    }

    @GetMapping("/")
    String list(@RequestParam Map<String, String> params, Model model) {
        fillList(params, model);
        return "documents";
    }

    /** The list's table alone: what the page's live refresh fetches. */
    @GetMapping("/documents/rows")
    String rows(@RequestParam Map<String, String> params, Model model) {
        fillList(params, model);
        return "documents :: rows";
    }

    private void fillList(Map<String, String> params, Model model) {
        Instant from = null;
        Instant to = null;
        List<String> problems = new ArrayList<>();
        try {
            from = day(params.get("from"), false);
        } catch (DateTimeParseException e) {
            problems.add("\"Received from\" is not a date like 2025-03-01; it was left out.");
        }
        try {
            to = day(params.get("to"), true);
        } catch (DateTimeParseException e) {
            problems.add("\"Received to\" is not a date like 2025-03-31; it was left out.");
        }
        DocumentQueries.Page page;
        try {
            page = queries.list(
                    new DocumentQueries.Filter(
                            params.get("status"),
                            params.get("kind"),
                            params.get("sender"),
                            params.get("recipient"),
                            params.get("agreement"),
                            params.get("shipment"),
                            from,
                            to,
                            params.get("q")),
                    params.get("cursor"),
                    50);
        } catch (DocumentQueries.BadCursor e) {
            problems.add("That page link is out of date; showing the newest documents.");
            page = queries.list(DocumentQueries.Filter.none(), null, 50);
        }
        // every filter present (null when not given): the page reads each by name
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name :
                List.of("q", "shipment", "status", "kind", "sender", "recipient", "agreement", "from", "to")) {
            filters.put(name, params.get(name));
        }
        model.addAttribute("filters", filters);
        model.addAttribute("page", page);
        model.addAttribute("problems", problems);
        model.addAttribute("kinds", DocumentKind.values());
        model.addAttribute(
                "statuses",
                Arrays.stream(DocumentStatus.values()).map(Enum::name).toList());
    }

    @GetMapping("/documents/{id}")
    String document(@PathVariable String id, Model model) throws IOException {
        Optional<Map<String, Object>> detail = documents.detail(id);
        if (detail.isEmpty()) {
            model.addAttribute(
                    "message",
                    "There is no document " + id + ". Search for it by its number on the" + " document list.");
            return "not-found";
        }
        model.addAttribute("doc", detail.get());
        model.addAttribute(
                "canonical", queries.canonical(id).map(this::prettyJson).orElse(null));
        Map<String, Object> row = queries.document(id).orElseThrow();
        String archive = (String) row.get("archive_path");
        String original = null;
        if (archive != null
                && !archive.isEmpty()
                && Files.isRegularFile(Path.of(archive))
                && Files.size(Path.of(archive)) <= MAX_SHOWN_BYTES) {
            original = new String(Files.readAllBytes(Path.of(archive)), java.nio.charset.StandardCharsets.UTF_8);
        }
        model.addAttribute("original", original);
        return "document";
    }

    @GetMapping("/dossiers/{ref}")
    String dossier(@PathVariable String ref, Model model) {
        Optional<ShipmentDossier> found = dossiers.dossier(ref);
        if (found.isEmpty()) {
            model.addAttribute("message", "There is no dossier for shipment " + ref + ".");
            return "not-found";
        }
        ShipmentDossier d = found.get();
        List<Map<String, Object>> checklist = new ArrayList<>();
        Optional<Agreement> agreement = d.agreementRef() == null ? Optional.empty() : agreements.find(d.agreementRef());
        List<String> refused = jdbc.queryForList(
                "SELECT kind FROM documents WHERE shipment_ref = ? AND status =" + " 'REJECTED' AND kind IS NOT NULL",
                String.class,
                d.shipmentRef());
        for (Agreement.RequiredDocument required :
                agreement.map(Agreement::requiredDocuments).orElse(List.of())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(
                    "kinds",
                    required.anyOf().stream()
                            .map(k -> k.name().replace('_', ' ').toLowerCase())
                            .toList());
            Optional<CanonicalDocument> present = d.documents().stream()
                    .filter(doc -> required.anyOf().contains(doc.kind()))
                    .findFirst();
            boolean inError = required.anyOf().stream().anyMatch(k -> refused.contains(k.name()));
            item.put("state", present.isPresent() ? "present" : inError ? "in error" : "missing");
            item.put("documentId", present.map(CanonicalDocument::documentId).orElse(null));
            checklist.add(item);
        }
        model.addAttribute("dossier", d);
        model.addAttribute("checklist", checklist);
        model.addAttribute(
                "settlements",
                settlements.states(d.shipmentRef()).stream()
                        .map(SettlementView::of)
                        .toList());
        model.addAttribute("settlementChecks", settlements.checks(d.shipmentRef()));
        return "dossier";
    }

    @GetMapping("/partners")
    String partners(Model model) {
        model.addAttribute("partners", partners.partners());
        return "partners";
    }

    @GetMapping("/dead-letters")
    String deadLetters(Model model) {
        model.addAttribute(
                "failed",
                queries.failedDeliveries(200).stream()
                        .map(r -> {
                            // the row's keys are case-insensitive (H2 answers in upper case); the page's are fixed
                            // names
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("documentId", r.get("document_id"));
                            row.put("partnerId", r.get("partner_id"));
                            row.put("attempts", r.get("attempts"));
                            row.put("lastError", r.get("last_error"));
                            row.put("number", r.get("business_no") != null ? r.get("business_no") : r.get("file_name"));
                            row.put("updated", DocumentQueries.text(r.get("updated_at")));
                            return row;
                        })
                        .toList());
        return "dead-letters";
    }

    @PostMapping("/dead-letters/retry")
    String retry(
            @RequestParam String documentId,
            @RequestParam String partnerId,
            Authentication caller,
            RedirectAttributes redirect) {
        FailedDeliveries.Outcome outcome = failed.retry(documentId, partnerId, Actors.of(caller));
        redirect.addFlashAttribute(
                "notice", "Delivery of " + documentId + " to " + partnerId + ": " + outcome.message() + ".");
        return "redirect:/dead-letters";
    }

    @GetMapping("/upload")
    String uploadPage() {
        return "upload";
    }

    @PostMapping("/upload")
    Object upload(@RequestPart("file") MultipartFile file, Authentication caller, RedirectAttributes redirect)
            throws IOException {
        ResponseEntity<?> answer = documents.upload(file, caller);
        if (answer.getStatusCode().value() == 202 && answer.getBody() instanceof Map<?, ?> body) {
            redirect.addFlashAttribute(
                    "notice",
                    "Received " + body.get("fileName") + ". It is being processed; its" + " status is on this list.");
            return "redirect:/?q="
                    + java.net.URLEncoder.encode(
                            String.valueOf(body.get("fileName")), java.nio.charset.StandardCharsets.UTF_8);
        }
        redirect.addFlashAttribute(
                "notice",
                answer.getBody() instanceof org.springframework.http.ProblemDetail p
                        ? p.getDetail()
                        : "The upload was refused.");
        return "redirect:/upload";
    }

    @GetMapping("/agreements")
    String agreementList(Model model) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        model.addAttribute(
                "agreements",
                agreements.inForceOn(today).stream()
                        .map(a -> partners.detail(a.id()).orElseThrow())
                        .toList());
        return "agreements";
    }

    private String prettyJson(String json) {
        try {
            return pretty.writeValueAsString(pretty.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }

    private static Instant day(String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDate d = LocalDate.parse(text.strip());
        return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
