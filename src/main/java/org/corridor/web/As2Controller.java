package org.corridor.web;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.component.as2.api.AS2Header;
import org.apache.camel.component.as2.api.entity.AS2DispositionModifier;
import org.corridor.base.As2Names;
import org.corridor.base.As2Settings;
import org.corridor.base.FileNames;
import org.corridor.intake.As2Inbound;
import org.corridor.intake.IntakeService;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partners' AS2 messages (RFC 4130), {@code POST /as2}. No login: the partner is named by {@code AS2-From} and proved
 * by its signature. Who sends, to whom, and where the receipt may go are checked from the headers before a byte of
 * the body is read; an unknown partner gets an unsigned negative receipt (MDN) without its body being read. The body
 * is spooled like any partner upload (size limit, slow-client guard), then read by {@link As2Inbound}; the receipt
 * goes in the answer, or, when the partner asks for it at an address its partner file lists, to that address after
 * the answer. A receipt is an HTTP 200 whatever it says (RFC 4130 section 7.5.3).
 */
@RestController
class As2Controller {

    private static final Logger LOG = LoggerFactory.getLogger(As2Controller.class);

    private final PartnerRegistry partners;
    private final IntakeService intake;
    private final As2Inbound inbound;
    private final As2ReceiptPoster poster;
    private final InboundSettings settings;
    private final As2Settings as2Settings;
    private final MeterRegistry meters;

    As2Controller(
            PartnerRegistry partners,
            IntakeService intake,
            As2Inbound inbound,
            As2ReceiptPoster poster,
            InboundSettings settings,
            As2Settings as2Settings,
            MeterRegistry meters) {
        this.partners = partners;
        this.intake = intake;
        this.inbound = inbound;
        this.poster = poster;
        this.settings = settings;
        this.as2Settings = as2Settings;
        this.meters = meters;
    }

    @PostMapping(As2Settings.INBOUND_PATH)
    ResponseEntity<?> receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // RFC 4130 allows any AS2 name in quotes: "FWOPK" is FWOPK
        String from = As2Names.unquoted(request.getHeader(AS2Header.AS2_FROM));
        String to = As2Names.unquoted(request.getHeader(AS2Header.AS2_TO));
        String messageId = request.getHeader(AS2Header.MESSAGE_ID);
        Optional<RegisteredPartner> known =
                As2Names.valid(from) ? partners.byAs2Id(from).filter(p -> p.as2() != null) : Optional.empty();
        if (known.isEmpty()) {
            LOG.warn(
                    "Refused an AS2 message {} unread: AS2-From {} is no partner of ours",
                    FileNames.forLog(String.valueOf(messageId)),
                    FileNames.forLog(String.valueOf(from)));
            // unsigned: whose receipt it is we cannot know, so nobody's key signs it
            count(
                    "unknown",
                    new As2Inbound.Answer(AS2DispositionModifier.createFailure("unknown AS2-From"), null, null));
            return unread(
                    request, null, "unknown AS2-From " + printable(from), "AS2-From names no partner of this gateway");
        }
        RegisteredPartner partner = known.get();
        RegisteredPartner.As2 as2 = partner.as2();
        if (!As2Names.valid(to) || !to.equals(as2.ourAs2Id())) {
            return refuseUnread(
                    request,
                    partner,
                    "AS2-To " + printable(to) + " is not " + as2.ourAs2Id(),
                    "the partner addresses us as " + as2.ourAs2Id() + " (as2.ourId)");
        }
        if (messageId == null || messageId.isBlank() || messageId.length() > 998) {
            return refuseUnread(request, partner, "no usable Message-Id", "an AS2 message needs a Message-Id");
        }
        String receiptAddress = request.getHeader(AS2Header.RECEIPT_DELIVERY_OPTION);
        URI receiptUrl = null;
        if (receiptAddress != null) {
            receiptUrl = listed(as2, receiptAddress.strip());
            if (receiptUrl == null) {
                // we post receipts only where the partner file says: never to an address a sender picks freely
                return refuseUnread(
                        request,
                        partner,
                        "receipt address " + printable(receiptAddress) + " is not listed for " + as2.partnerAs2Id(),
                        "asynchronous receipts go only to an address of as2.receiptUrls in the partner file");
            }
        }
        if (request.getContentLengthLong() == 0) {
            return refuseUnread(request, partner, "the message is empty", "the body is empty");
        }
        long maxBytes = settings.maxBytes().toBytes();
        PartnerUpload spooled = PartnerUpload.spool(
                intake,
                settings,
                request,
                maxBytes,
                Map.of(
                        "error",
                        "the AS2 message is longer than the " + maxBytes + " bytes the gateway takes"
                                + " (corridor.inbound.max-bytes)"),
                LOG,
                "an AS2 message " + messageId + " from partner " + partner.id(),
                " (corridor.inbound.min-bytes-per-second, slow-grace); nothing of it was kept: send it again");
        if (spooled.refusal() != null) {
            return spooled.refusal();
        }
        IntakeService.Spooled raw = spooled.upload();
        As2Inbound.Answer answer;
        try (InputStream body = Files.newInputStream(raw.file())) {
            // read from the spooled file: camel-as2 parses it once into its own entities (bounded by the upload limit)
            answer = inbound.receive(
                    partner,
                    As2Requests.rebuilt(request, As2Settings.INBOUND_PATH, body, raw.length()),
                    messageId,
                    raw);
        } finally {
            intake.discard(raw); // the message as it came; the payload, if accepted, was archived on its own
        }
        LOG.info("AS2 message {} from partner {}: {}", FileNames.forLog(messageId), partner.id(), answer.disposition());
        count(partner.id(), answer);
        As2Receipt receipt = As2Receipt.of(request::getHeader, answer, as2, as2Settings.id(), null);
        if (request.getHeader(AS2Header.DISPOSITION_NOTIFICATION_TO) == null) {
            // no receipt asked for: the HTTP status is all the sender learns
            return answer.positive()
                    ? ResponseEntity.ok().build()
                    : ResponseEntity.badRequest().body(answer.disposition());
        }
        if (receiptUrl != null) {
            response.setStatus(200);
            response.setContentLength(0);
            response.flushBuffer(); // the answer has gone before the receipt leaves
            poster.post(partner.id(), messageId, receiptUrl, receipt);
            return null;
        }
        return withReceipt(receipt, false);
    }

    /** A refusal of a known partner's message from its headers alone: recorded, and answered with a receipt. */
    private ResponseEntity<?> refuseUnread(
            HttpServletRequest request, RegisteredPartner partner, String disposition, String reason) {
        AS2DispositionModifier failure = AS2DispositionModifier.createFailure(disposition);
        inbound.refused(partner, String.valueOf(request.getHeader(AS2Header.MESSAGE_ID)), null, failure, reason);
        count(partner.id(), new As2Inbound.Answer(failure, null, null));
        return unread(request, partner.as2(), disposition, reason);
    }

    /** A negative receipt in the answer, the body left unread (so the connection closes after the answer). */
    private ResponseEntity<?> unread(
            HttpServletRequest request, RegisteredPartner.As2 as2, String disposition, String reason) {
        As2Inbound.Answer answer = new As2Inbound.Answer(AS2DispositionModifier.createFailure(disposition), null, null);
        if (request.getHeader(AS2Header.DISPOSITION_NOTIFICATION_TO) == null) {
            return ResponseEntity.status(403)
                    .header(HttpHeaders.CONNECTION, "close")
                    .body(answer.disposition() + ": " + reason);
        }
        return withReceipt(As2Receipt.of(request::getHeader, answer, as2, as2Settings.id(), reason), true);
    }

    /**
     * Metric {@code corridor.as2.received}: AS2 messages by partner ({@code unknown} for an AS2-From of nobody) and
     * outcome ({@code processed}, {@code error}: the message could not be verified or read, {@code failure}: refused).
     */
    private void count(String partnerId, As2Inbound.Answer answer) {
        String outcome = answer.positive() ? "processed" : answer.modifier().isError() ? "error" : "failure";
        meters.counter("corridor.as2.received", "partner", partnerId, "outcome", outcome)
                .increment();
    }

    private static ResponseEntity<byte[]> withReceipt(As2Receipt receipt, boolean close) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        receipt.headers().forEach(ok::header);
        if (close) {
            ok.header(HttpHeaders.CONNECTION, "close");
        }
        return ok.body(receipt.body());
    }

    /**
     * The address the partner asked for, when the partner file lists its scheme, host, port and path (a query string
     * may differ: a receipt address names the message's sender in one, as Corridor's own does), or null.
     */
    static URI listed(RegisteredPartner.As2 as2, String address) {
        URI asked;
        try {
            asked = URI.create(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return as2.receiptUrls().stream().anyMatch(u -> sameResource(u, asked)) ? asked : null;
    }

    private static boolean sameResource(URI listed, URI asked) {
        return listed.getScheme() != null
                && listed.getScheme().equalsIgnoreCase(String.valueOf(asked.getScheme()))
                && listed.getHost() != null
                && listed.getHost().equalsIgnoreCase(String.valueOf(asked.getHost()))
                && port(listed) == port(asked)
                && Objects.equals(listed.getRawPath(), asked.getRawPath())
                && asked.getRawUserInfo() == null
                && asked.getRawFragment() == null;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String printable(String text) {
        return As2Receipt.printable(text, 200);
    }
}
