package org.corridor.web;

import jakarta.jms.TextMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.corridor.intake.IntakeService;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.corridor.platform.CorridorProperties;
import org.corridor.platform.FileNames;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partners' intake over HTTP: {@code POST /api/inbound} with the file's bytes as the body and its name in the
 * {@code X-Corridor-File-Name} header (or the {@code filename} query parameter), authenticated with the bearer token
 * or basic credentials of the partner's {@code inbound.http} (secrets from properties or the environment). The
 * document is archived and handed to processing exactly like a dropped file; 202 with its id.
 */
@RestController
class InboundController {

    /** The header that names the uploaded file. */
    static final String FILE_NAME_HEADER = "X-Corridor-File-Name";

    private final PartnerRegistry partners;
    private final IntakeService intake;
    private final JmsTemplate jms;
    private final CorridorProperties properties;

    InboundController(PartnerRegistry partners, IntakeService intake, JmsTemplate jms, CorridorProperties properties) {
        this.partners = partners;
        this.intake = intake;
        this.jms = jms;
        this.properties = properties;
    }

    @PostMapping("/api/inbound")
    ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = FILE_NAME_HEADER, required = false) String fileNameHeader,
            @RequestParam(value = "filename", required = false) String fileNameParameter,
            @RequestBody(required = false) byte[] body) {
        RegisteredPartner partner = partners.authenticateInbound(authorization).orElse(null);
        if (partner == null) {
            return ResponseEntity.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"corridor\"")
                    .body(Map.of("error", "a partner's bearer token or basic credentials are required"));
        }
        String fileName = fileNameHeader != null && !fileNameHeader.isBlank() ? utf8(fileNameHeader)
                : fileNameParameter;
        if (fileName == null || fileName.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "name the file in the " + FILE_NAME_HEADER
                    + " header or the filename query parameter"));
        }
        if (FileNames.forDisk(fileName).isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "the file name \"" + FileNames.forLog(fileName)
                    + "\" is not a name Corridor can give a file: it is only dots, spaces or path separators. Send"
                    + " the file's own name in the " + FILE_NAME_HEADER + " header or the filename query parameter"));
        }
        // made safe for disk and logs by intake, the same way for every channel; kept as sent in the tracking store
        Map<String, String> handoff = intake.receiveUpload(body == null ? new byte[0] : body, fileName,
                partner.id());
        String documentId = handoff.get(org.corridor.platform.Headers.DOCUMENT_ID);
        jms.send(properties.queues().process(), session -> {
            TextMessage message = session.createTextMessage(documentId);
            for (Map.Entry<String, String> h : handoff.entrySet()) {
                message.setStringProperty(h.getKey(), h.getValue());
            }
            return message;
        });
        return ResponseEntity.accepted().body(Map.of("documentId", documentId, "partner", partner.id(),
                "fileName", handoff.get(org.corridor.platform.Headers.FILE_NAME)));
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
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException latin1) {
            return header;
        }
    }
}
