package org.corridor.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.component.as2.api.entity.EntityParser;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.corridor.base.As2Names;
import org.corridor.base.As2Settings;
import org.corridor.base.FileNames;
import org.corridor.deliver.As2Delivery;
import org.corridor.deliver.As2Endpoint;
import org.corridor.intake.IntakeService;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asynchronous AS2 receipts (MDNs) for what Corridor sent: {@code POST /as2/mdn}, the address our AS2 messages name
 * in {@code Receipt-Delivery-Option}. No login (AS2 proves the sender by the receipt's signature): the partner is
 * told by {@code AS2-From} (or, as camel-as2 sends receipts without it, by the {@code as2From} parameter of the
 * receipt address we gave) and an {@code AS2-To} present must be our AS2 id, before a byte of the body is read;
 * refused (403) when unknown. The body is spooled like any partner upload ({@code corridor.inbound.max-bytes}, the slow-client guard),
 * parsed with camel-as2-api and handed to {@link As2Delivery#receipt}: 200 once judged (whatever the verdict; the
 * delivery shows it), 404 for a receipt of a message we did not send that partner, 400 for something that is not a
 * receipt.
 */
@RestController
class As2ReceiptController {

    private static final Logger LOG = LoggerFactory.getLogger(As2ReceiptController.class);

    private final PartnerRegistry partners;
    private final As2Delivery delivery;
    private final IntakeService intake;
    private final InboundSettings settings;

    As2ReceiptController(
            PartnerRegistry partners, As2Delivery delivery, IntakeService intake, InboundSettings settings) {
        this.partners = partners;
        this.delivery = delivery;
        this.intake = intake;
        this.settings = settings;
    }

    @PostMapping(As2Settings.MDN_PATH)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
        // AS2-From, or else the partner our receipt address names: camel-as2 sends asynchronous receipts without it
        String from = Optional.ofNullable(request.getHeader("AS2-From"))
                .or(() -> InboundController.queryParameter(
                        request.getQueryString(), As2Endpoint.RECEIPT_PARTNER_PARAMETER))
                .orElse(null);
        Optional<RegisteredPartner> found = partners.byAs2Id(As2Names.unquoted(from));
        if (found.isEmpty()) {
            LOG.warn("Refused an AS2 receipt from unknown AS2-From \"{}\"", FileNames.forLog(String.valueOf(from)));
            return ResponseEntity.status(403)
                    .body(Map.of(
                            "error", "AS2-From \"" + from + "\" is not the AS2 id of any partner of this gateway"));
        }
        RegisteredPartner partner = found.get();
        String to = As2Names.unquoted(request.getHeader("AS2-To"));
        if (to != null && !partner.as2().ourAs2Id().equals(to)) {
            LOG.warn(
                    "Refused an AS2 receipt from {}: AS2-To \"{}\"",
                    partner.id(),
                    FileNames.forLog(String.valueOf(to)));
            return ResponseEntity.status(403)
                    .body(Map.of(
                            "error",
                            "AS2-To \"" + to + "\" is not our AS2 id towards "
                                    + partner.as2().partnerAs2Id() + " ("
                                    + partner.as2().ourAs2Id() + ")"));
        }
        if (request.getContentLengthLong() == 0 || request.getContentType() == null) {
            return notAReceipt(partner, "the request has no body or no Content-Type");
        }
        long maxBytes = settings.maxBytes().toBytes();
        PartnerUpload spooled = PartnerUpload.spool(
                intake,
                settings,
                request,
                maxBytes,
                Map.of(
                        "error",
                        "the receipt is longer than the " + maxBytes + " bytes the gateway takes over HTTP"
                                + " (corridor.inbound.max-bytes)"),
                LOG,
                "an AS2 receipt from partner " + partner.id(),
                " (corridor.inbound.min-bytes-per-second, slow-grace)");
        if (spooled.refusal() != null) {
            return spooled.refusal();
        }
        Object mdn;
        try (InputStream body = Files.newInputStream(spooled.upload().file())) {
            mdn = parse(request, body, spooled.upload().length());
        } catch (HttpException | RuntimeException e) {
            LOG.debug("Unreadable AS2 receipt from {}", partner.id(), e);
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return notAReceipt(
                    partner,
                    "it cannot be read as an AS2 receipt: " + e.getMessage()
                            + (root == e ? "" : " (" + root.getMessage() + ")"));
        } finally {
            intake.discard(spooled.upload());
        }
        As2Delivery.Settled settled = delivery.receipt(partner, mdn);
        LOG.info("AS2 receipt from {}: {}", partner.id(), settled);
        return switch (settled) {
            case NOT_A_RECEIPT ->
                notAReceipt(partner, "it holds no disposition notification naming the message it answers");
            case UNKNOWN_MESSAGE ->
                ResponseEntity.status(404)
                        .body(Map.of(
                                "error",
                                "this receipt answers no AS2 message the gateway sent to "
                                        + partner.as2().partnerAs2Id()));
            default -> ResponseEntity.ok(Map.of("receipt", settled.name()));
        };
    }

    /** The receipt as camel-as2 sees one: the request rebuilt from its headers and the spooled body, then parsed. */
    private static Object parse(HttpServletRequest request, InputStream body, long length) throws HttpException {
        BasicClassicHttpRequest rebuilt = As2Requests.rebuilt(request, As2Settings.MDN_PATH, body, length);
        EntityParser.parseAS2MessageEntity(rebuilt);
        return rebuilt.getEntity();
    }

    private static ResponseEntity<Map<String, Object>> notAReceipt(RegisteredPartner partner, String why) {
        LOG.warn("Refused an AS2 receipt from {}: {}", partner.id(), why);
        return ResponseEntity.badRequest().body(Map.of("error", "not an AS2 receipt (MDN): " + why));
    }
}
