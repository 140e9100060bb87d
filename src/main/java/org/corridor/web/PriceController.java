package org.corridor.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corridor.base.FileNames;
import org.corridor.base.Headers;
import org.corridor.intake.InboundRefusals;
import org.corridor.intake.IntakeService;
import org.corridor.partner.PartnerProfile;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.corridor.settlement.price.PriceFile;
import org.corridor.settlement.price.PriceFileReader;
import org.corridor.settlement.price.PriceIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partners' prices over HTTP: {@code POST /api/prices} with a price file (text/csv, docs/mig/prices.md) as the body.
 * The partner was authenticated before this runs ({@link WebSecurity}), and one whose partner file allows no price
 * source is refused (403) before a byte of the body is read. A partner speaks only for itself: every row's
 * {@code source} must be one its file allows ({@code prices: { sources: [...] }}), else 403 naming the line. The body
 * is bounded like any upload and by the price file's own 4 MB; a file refused for its content is answered 400 with
 * the reason (line and field); a good one is archived and tracked like an upload, stored in one transaction: 200 with
 * {@code stored} (rows newly stored) and {@code rows}.
 */
@RestController
class PriceController {

    private static final Logger LOG = LoggerFactory.getLogger(PriceController.class);

    private final PartnerRegistry partners;
    private final IntakeService intake;
    private final PriceIntake prices;
    private final InboundRefusals refusals;
    private final InboundSettings settings;

    PriceController(
            PartnerRegistry partners,
            IntakeService intake,
            PriceIntake prices,
            InboundRefusals refusals,
            InboundSettings settings) {
        this.partners = partners;
        this.intake = intake;
        this.prices = prices;
        this.refusals = refusals;
        this.settings = settings;
    }

    @PostMapping(WebSecurity.PRICES)
    ResponseEntity<Map<String, Object>> receive(
            @AuthenticationPrincipal ApiCaller caller,
            @RequestHeader(value = InboundController.FILE_NAME_HEADER, required = false) String fileNameHeader,
            HttpServletRequest request)
            throws IOException {
        RegisteredPartner partner = partners.find(caller.partnerId()).orElseThrow();
        List<String> sources = allowedSources(partner);
        String fileName = fileNameHeader != null && !fileNameHeader.isBlank()
                ? FileNames.received(InboundController.utf8(fileNameHeader).strip())
                : "prices-" + partner.id() + ".csv";
        if (sources.isEmpty()) {
            // judged before the body is read: the partner may send no price at all
            return forbidden(
                    partner,
                    fileName,
                    new Problem(
                            ErrorCode.NOT_AUTHORIZED_SENDER,
                            Location.NONE,
                            partner.id() + " may not send prices: its partner file allows no price source"
                                    + " (prices: { sources: [" + partner.id() + "] })."),
                    "",
                    0);
        }
        long maxBytes = Math.min(settings.maxBytes().toBytes(), PriceFileReader.MAX_BYTES);
        PartnerUpload spooled = PartnerUpload.spool(
                intake,
                settings,
                request,
                maxBytes,
                Map.of(
                        "error",
                        "the body is longer than the " + maxBytes + " bytes a price file may have; split it",
                        "code",
                        ErrorCode.PRICE_LIMIT.name()),
                LOG,
                "prices from partner " + partner.id() + " (" + fileName + ")",
                "; nothing of it was kept");
        if (spooled.refusal() != null) {
            return spooled.refusal();
        }
        IntakeService.Spooled upload = spooled.upload();
        try {
            PriceFile file;
            try {
                file = PriceFileReader.read(fileName, Files.readAllBytes(upload.file()));
            } catch (RejectedException e) {
                return badRequest(partner, fileName, e.problem());
            }
            for (PriceFile.Row row : file.rows()) {
                if (!sources.contains(row.point().source())) {
                    return forbidden(
                            partner,
                            fileName,
                            new Problem(
                                    ErrorCode.NOT_AUTHORIZED_SENDER,
                                    Location.at(row.line(), PriceFileReader.SOURCE_COLUMN, "source"),
                                    partner.id() + " may send prices of " + String.join(", ", sources)
                                            + " only, not of \"" + row.point().source()
                                            + "\": a partner speaks only for itself."),
                            upload.sha256(),
                            upload.length());
                }
            }
            Map<String, String> archived = intake.acceptUpload(upload, fileName, partner.id());
            String documentId = archived.get(Headers.DOCUMENT_ID);
            int stored;
            try {
                stored = prices.store(documentId, file, upload.sha256());
            } catch (RejectedException e) {
                return badRequest(partner, fileName, e.problem());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("stored", stored);
            answer.put("rows", file.rows().size());
            answer.put("documentId", documentId);
            answer.put("metals", file.metals());
            return ResponseEntity.ok(answer);
        } finally {
            intake.discard(upload); // what was refused; a no-op once the upload took its archive name
        }
    }

    private static List<String> allowedSources(RegisteredPartner partner) {
        PartnerProfile.Prices allowed = partner.profile().prices();
        return allowed == null ? List.of() : allowed.sources();
    }

    private ResponseEntity<Map<String, Object>> forbidden(
            RegisteredPartner partner, String fileName, Problem problem, String sha256, long length) {
        refusals.record(partner.id(), fileName, sha256, length, problem.describe());
        return ResponseEntity.status(403).body(body(partner, fileName, problem));
    }

    private static ResponseEntity<Map<String, Object>> badRequest(
            RegisteredPartner partner, String fileName, Problem problem) {
        LOG.warn(
                "Refused prices from partner {} ({}): {}",
                partner.id(),
                FileNames.forLog(fileName),
                problem.describe());
        return ResponseEntity.badRequest().body(body(partner, fileName, problem));
    }

    private static Map<String, Object> body(RegisteredPartner partner, String fileName, Problem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", problem.describe());
        body.put("code", problem.code().name());
        if (problem.location().line() != null) {
            body.put("line", problem.location().line());
        }
        if (problem.location().field() != null) {
            body.put("field", problem.location().field());
        }
        body.put("partner", partner.id());
        body.put("fileName", fileName);
        return body;
    }
}
