package org.corridor.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.corridor.base.FileNames;
import org.corridor.intake.IntakeService;
import org.slf4j.Logger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * A partner's request body spooled to a file, as every partner upload takes it (documents, prices): at most
 * {@code maxBytes}, and at the least speed the inbound settings ask. Either the spooled body or the answer that
 * refuses it: the caller's own for a body too large, 408 with the connection closed for one that trickles in.
 */
record PartnerUpload(IntakeService.Spooled upload, ResponseEntity<Map<String, Object>> refusal) {

    /**
     * Spools the request's body: refused at once when its Content-Length says it is longer than {@code maxBytes}, or
     * once it grows past that ({@code tooLarge} is the 413's body); 408 when it trickles in.
     */
    static PartnerUpload spool(
            IntakeService intake,
            InboundSettings settings,
            HttpServletRequest request,
            long maxBytes,
            Map<String, Object> tooLarge,
            Logger log,
            String what,
            String slowAdvice)
            throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            return new PartnerUpload(null, tooLarge(log, what, maxBytes, tooLarge));
        }
        try (InputStream body = request.getInputStream()) {
            return new PartnerUpload(
                    intake.spoolUpload(
                            body, maxBytes, settings.minBytesPerSecond().toBytes(), settings.slowGrace()),
                    null);
        } catch (IntakeService.TooLarge e) {
            return new PartnerUpload(null, tooLarge(log, what, maxBytes, tooLarge));
        } catch (IntakeService.TooSlow e) {
            log.warn("Refused {}: {}", FileNames.forLog(what), e.getMessage());
            return new PartnerUpload(
                    null,
                    ResponseEntity.status(408)
                            .header(HttpHeaders.CONNECTION, "close")
                            .body(Map.of("error", e.getMessage() + slowAdvice)));
        }
    }

    /** 413, the connection closed so the client stops sending (nothing more of the body is read). */
    private static ResponseEntity<Map<String, Object>> tooLarge(
            Logger log, String what, long maxBytes, Map<String, Object> body) {
        log.warn("Refused {}: longer than {} bytes", FileNames.forLog(what), maxBytes);
        return ResponseEntity.status(413)
                .header(HttpHeaders.CONNECTION, "close")
                .body(body);
    }
}
