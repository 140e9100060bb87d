package org.corridor.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.corridor.base.FileNames;
import org.corridor.intake.IntakeService;
import org.corridor.intake.PartnerIntake;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partners' intake over HTTP: {@code POST /api/inbound} with the file's bytes as the body, whatever its content type,
 * and its name in the {@code X-Corridor-File-Name} header (or the {@code filename} query parameter). The partner was
 * authenticated from its {@code Authorization} header before this runs ({@link WebSecurity}). The body is streamed to
 * the archive folder, at most {@code corridor.inbound.max-bytes} (413 beyond), never held in memory; an empty body is
 * refused (400), and so is a document the partner may not send (403, recorded in {@code inbound_refusals}). What is
 * left is archived and handed to processing exactly like a dropped file: 202 with its document id.
 */
@RestController
class InboundController {

    private static final Logger LOG = LoggerFactory.getLogger(InboundController.class);

    /** The header that names the uploaded file. */
    static final String FILE_NAME_HEADER = "X-Corridor-File-Name";

    private final PartnerRegistry partners;
    private final IntakeService intake;
    private final PartnerIntake partnerIntake;
    private final InboundSettings settings;

    InboundController(
            PartnerRegistry partners, IntakeService intake, PartnerIntake partnerIntake, InboundSettings settings) {
        this.partners = partners;
        this.intake = intake;
        this.partnerIntake = partnerIntake;
        this.settings = settings;
    }

    /**
     * The body is read from the servlet's input stream and the query string is parsed here: asking the servlet for a
     * parameter would make it parse (and so consume) a body sent as a form, which is what curl sends by default.
     */
    @PostMapping(WebSecurity.INBOUND)
    ResponseEntity<Map<String, Object>> receive(
            @AuthenticationPrincipal ApiCaller caller,
            @RequestHeader(value = FILE_NAME_HEADER, required = false) String fileNameHeader,
            HttpServletRequest request)
            throws IOException {
        RegisteredPartner partner = partners.find(caller.partnerId()).orElseThrow();
        String fileNameParameter =
                queryParameter(request.getQueryString(), "filename").orElse(null);
        String fileName =
                fileNameHeader != null && !fileNameHeader.isBlank() ? utf8(fileNameHeader) : fileNameParameter;
        if (fileName == null || fileName.isBlank()) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error",
                            "name the file in the " + FILE_NAME_HEADER + " header or the filename query parameter"));
        }
        if (FileNames.forDisk(fileName).isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error",
                            "the file name \"" + FileNames.forLog(fileName)
                                    + "\" is not a name Corridor can give a file: it is only dots, spaces or path separators. Send"
                                    + " the file's own name in the " + FILE_NAME_HEADER
                                    + " header or the filename query parameter"));
        }
        // made safe for disk and logs by intake, the same way for every channel; kept as sent in the tracking store
        fileName = FileNames.received(fileName.strip());
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return ResponseEntity.status(415)
                    .body(Map.of(
                            "error",
                            "send the file's bytes as the request body"
                                    + " (curl --data-binary @file), not as a multipart form"));
        }
        long maxBytes = settings.maxBytes().toBytes();
        if (request.getContentLengthLong() == 0) {
            return empty(partner, fileName);
        }
        PartnerUpload spooled = PartnerUpload.spool(
                intake,
                settings,
                request,
                maxBytes,
                Map.of(
                        "error",
                        "the body is longer than the " + maxBytes + " bytes the gateway takes over HTTP"
                                + " (corridor.inbound.max-bytes); send larger files over SFTP"),
                LOG,
                "an upload from partner " + partner.id() + " (" + fileName + ")",
                " (corridor.inbound.min-bytes-per-second, slow-grace); nothing of it was kept: send it again over a"
                        + " faster link, or larger files over SFTP");
        if (spooled.refusal() != null) {
            return spooled.refusal();
        }
        IntakeService.Spooled upload = spooled.upload();
        try {
            return accept(partner, fileName, upload);
        } finally {
            intake.discard(upload); // what was refused; a no-op once the upload took its archive name
        }
    }

    private ResponseEntity<Map<String, Object>> accept(
            RegisteredPartner partner, String fileName, IntakeService.Spooled upload) {
        if (upload.length() == 0) {
            return empty(partner, fileName);
        }
        PartnerIntake.Outcome outcome = partnerIntake.accept(partner, fileName, upload);
        if (!outcome.accepted()) {
            Problem refusal = outcome.refusal();
            return ResponseEntity.status(403)
                    .body(Map.of(
                            "error",
                            refusal.message(),
                            "code",
                            refusal.code().name(),
                            "partner",
                            partner.id(),
                            "fileName",
                            fileName));
        }
        return ResponseEntity.accepted()
                .body(Map.of(
                        "documentId", outcome.documentId(), "partner", partner.id(), "fileName", outcome.fileName()));
    }

    private static ResponseEntity<Map<String, Object>> empty(RegisteredPartner partner, String fileName) {
        LOG.warn("Refused an upload from partner {} ({}): the body is empty", partner.id(), FileNames.forLog(fileName));
        return ResponseEntity.badRequest()
                .body(Map.of(
                        "error",
                        "the body is empty: send the file's bytes as the"
                                + " request body (curl --data-binary @file)"));
    }

    /** A parameter of the query string (form-encoded, as a servlet would decode it), without touching the body. */
    static Optional<String> queryParameter(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (decoded(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return Optional.of(eq < 0 ? "" : decoded(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /** Percent-decoded; a malformed escape ({@code %zz}) is left as written rather than failing the request. */
    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /**
     * The header's text as the client meant it. Tomcat reads header bytes as ISO-8859-1, so a name sent in UTF-8 (as
     * curl and most clients send it) arrives as mojibake ({@code ZÃ¼rich.csv}); bytes that are valid UTF-8 are read
     * as UTF-8, anything else stays as it came.
     */
    static String utf8(String header) {
        if (header.chars().allMatch(c -> c < 0x80) || header.chars().anyMatch(c -> c > 0xFF)) {
            return header;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException latin1) {
            return header;
        }
    }
}
