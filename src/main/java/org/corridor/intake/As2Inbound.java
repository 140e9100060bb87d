package org.corridor.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.component.as2.api.AS2Header;
import org.apache.camel.component.as2.api.AS2MicAlgorithm;
import org.apache.camel.component.as2.api.entity.AS2DispositionModifier;
import org.apache.camel.component.as2.api.entity.ApplicationEntity;
import org.apache.camel.component.as2.api.entity.ApplicationPkcs7MimeCompressedDataEntity;
import org.apache.camel.component.as2.api.entity.ApplicationPkcs7MimeEnvelopedDataEntity;
import org.apache.camel.component.as2.api.entity.DispositionNotificationOptions;
import org.apache.camel.component.as2.api.entity.DispositionNotificationOptionsParser;
import org.apache.camel.component.as2.api.entity.EntityParser;
import org.apache.camel.component.as2.api.entity.MimeEntity;
import org.apache.camel.component.as2.api.entity.MultipartSignedEntity;
import org.apache.camel.component.as2.api.exception.AS2ErrorDispositionException;
import org.apache.camel.component.as2.api.util.EntityUtils;
import org.apache.camel.component.as2.api.util.HttpMessageUtils;
import org.apache.camel.component.as2.api.util.MicUtils;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.util.io.StreamOverflowException;
import org.corridor.base.As2Settings;
import org.corridor.base.FileNames;
import org.corridor.base.Hashing;
import org.corridor.partner.RegisteredPartner;
import org.corridor.track.As2Messages;
import org.corridor.track.Stage;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What Corridor does with an AS2 message from a known partner (issue 19, docs/mig/as2.md): verifies the signature
 * against the partner's certificate, decrypts with our key, and hands the payload to intake like any partner upload,
 * once per partner and Message-ID. The answer is the disposition for the receipt (MDN) and its MIC, computed as
 * camel-as2 computes it (a digest of the payload's MIME part as sent), so a camel-as2 sender finds it matching.
 */
@Component
public class As2Inbound {

    private static final Logger LOG = LoggerFactory.getLogger(As2Inbound.class);

    private final As2Messages messages;
    private final PartnerIntake partnerIntake;
    private final IntakeService intake;
    private final InboundRefusals refusals;
    private final Clock clock;
    private final TrackingStore tracking;
    private final As2Settings settings;

    As2Inbound(
            As2Messages messages,
            PartnerIntake partnerIntake,
            IntakeService intake,
            InboundRefusals refusals,
            Clock clock,
            TrackingStore tracking,
            As2Settings settings) {
        this.messages = messages;
        this.partnerIntake = partnerIntake;
        this.intake = intake;
        this.refusals = refusals;
        this.clock = clock;
        this.tracking = tracking;
        this.settings = settings;
    }

    /**
     * The disposition of a message: {@code processed} when {@code modifier} is null, else processed with that error
     * or failure; the MIC when there is one to give (not after an error: nothing was read).
     */
    public record Answer(AS2DispositionModifier modifier, MicUtils.ReceivedContentMic mic, String documentId) {

        public boolean positive() {
            return modifier == null;
        }

        /** As the MDN's Disposition field ends: {@code processed} or {@code processed/error: ...}. */
        public String disposition() {
            return modifier == null ? "processed" : "processed/" + modifier.getModifier();
        }
    }

    /**
     * Reads the message, whose body {@code raw} holds (spooled, already in {@code request}'s entity), and decides
     * its disposition. {@code raw} is the caller's to discard.
     */
    public Answer receive(
            RegisteredPartner partner, ClassicHttpRequest request, String messageId, IntakeService.Spooled raw) {
        RegisteredPartner.As2 as2 = partner.as2();
        ApplicationEntity edi;
        try {
            String contentType = HttpMessageUtils.getHeaderValue(request, AS2Header.CONTENT_TYPE);
            // a partner whose file says it does not encrypt may still encrypt; one that says it does must
            boolean enveloped =
                    contentType != null && contentType.toLowerCase(Locale.ROOT).contains("enveloped-data");
            PrivateKey key = as2.encryption() != null || enveloped ? as2.ourKey() : null;
            Optional<String> tooLarge =
                    expandsBeyond(request, key, settings.maxPayloadBytes().toBytes());
            if (tooLarge.isPresent()) {
                return refused(
                        partner, messageId, raw, AS2DispositionModifier.createFailure(tooLarge.get()), tooLarge.get());
            }
            edi = HttpMessageUtils.extractEdiPayload(
                    request, new HttpMessageUtils.DecrpytingAndSigningInfo(as2.partnerChain(), key));
            if (edi == null) {
                throw new IllegalArgumentException("the message holds no EDI payload");
            }
        } catch (AS2ErrorDispositionException e) {
            return refused(partner, messageId, raw, e.getDispositionModifier(), e.getMessage());
        } catch (Exception e) {
            return refused(
                    partner,
                    messageId,
                    raw,
                    AS2DispositionModifier.ERROR_UNEXPECTED_PROCESSING_ERROR,
                    "the message cannot be read as AS2: " + e.getMessage()
                            + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        }
        byte[] part = EntityUtils.getContent(edi);
        byte[] payload;
        try {
            payload = payload(edi, part);
        } catch (Exception e) {
            return refused(
                    partner,
                    messageId,
                    raw,
                    AS2DispositionModifier.ERROR_UNEXPECTED_PROCESSING_ERROR,
                    "the payload's transfer encoding cannot be decoded: " + e.getMessage());
        }
        MicUtils.ReceivedContentMic mic = mic(request, part);
        String sha256 = Hashing.sha256Hex(payload);

        Optional<As2Messages.Message> earlier = messages.find(As2Messages.Direction.IN, partner.id(), messageId);
        if (earlier.isPresent() && !unfinished(earlier.get(), sha256)) {
            return again(partner, messageId, raw, earlier.get(), sha256);
        }
        As2Messages.Message claim = As2Messages.Message.received(
                partner.id(),
                messageId,
                As2Messages.State.ACCEPTED,
                sha256,
                mic == null ? null : mic.getEncodedMessageDigest(),
                mic == null ? null : mic.getDigestAlgorithmId(),
                "processed",
                clock.instant());
        // the primary key decides between two arrivals of the same message at once: the other answers as a resend
        if (earlier.isEmpty() && !messages.add(claim)) {
            return messages.find(As2Messages.Direction.IN, partner.id(), messageId)
                    .map(m -> again(partner, messageId, raw, m, sha256))
                    .orElseThrow();
        }
        String fileName = fileName(edi, messageId);
        IntakeService.Spooled upload = null;
        try {
            upload = intake.spoolUpload(new ByteArrayInputStream(payload), Long.MAX_VALUE);
            PartnerIntake.Outcome outcome = partnerIntake.accept(partner, fileName, upload, "as2");
            if (!outcome.accepted()) {
                AS2DispositionModifier failure = AS2DispositionModifier.createFailure(
                        text(outcome.refusal().message()));
                messages.settle(
                        As2Messages.Direction.IN,
                        partner.id(),
                        messageId,
                        As2Messages.State.ACCEPTED,
                        As2Messages.State.REFUSED,
                        "processed/" + failure.getModifier(),
                        clock.instant());
                return new Answer(failure, mic, null);
            }
            messages.documentOf(As2Messages.Direction.IN, partner.id(), messageId, outcome.documentId());
            // the Message-ID and MIC on the document's timeline: what a partner quotes when it asks about a receipt
            tracking.event(
                    outcome.documentId(),
                    Stage.INTAKE,
                    partner.id(),
                    "received as AS2 message " + messageId + " from "
                            + partner.as2().partnerAs2Id() + "; receipt: processed"
                            + (mic == null ? "" : ", MIC " + mic.getEncodedMessageDigest()));
            LOG.info(
                    "AS2 message {} from partner {} became document {} ({})",
                    FileNames.forLog(messageId),
                    partner.id(),
                    outcome.documentId(),
                    FileNames.forLog(outcome.fileName()));
            return new Answer(null, mic, outcome.documentId());
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "AS2 message {} from partner {} could not be handed to intake",
                    FileNames.forLog(messageId),
                    partner.id(),
                    e);
            // nothing of it was taken in: the claim goes, so that the partner's resend is processed
            messages.forgetUnfinished(As2Messages.Direction.IN, partner.id(), messageId);
            return new Answer(AS2DispositionModifier.ERROR_UNEXPECTED_PROCESSING_ERROR, null, null);
        } finally {
            if (upload != null) {
                intake.discard(upload); // a no-op once intake took it
            }
        }
    }

    /**
     * Why the message's compressed payload may not be expanded, when it would grow beyond {@code limit} bytes. camel-as2
     * expands it whole in memory, and, for a message compressed before it was signed, before the signature is checked:
     * anyone who knows a partner's AS2 name and our (public) certificate could otherwise send a few megabytes that
     * expand into gigabytes. This walks the same layers (decrypting, unwrapping the signature) and expands with Bouncy
     * Castle's limit; any other fault is left for camel-as2 to report with its own disposition.
     */
    static Optional<String> expandsBeyond(ClassicHttpRequest request, PrivateKey key, long limit) {
        try {
            EntityParser.parseAS2MessageEntity(request);
            MimeEntity entity = request.getEntity() instanceof MimeEntity m ? m : null;
            for (int layer = 0; entity != null && layer < 4; layer++) {
                if (entity instanceof ApplicationPkcs7MimeEnvelopedDataEntity enveloped && key != null) {
                    entity = enveloped.getEncryptedEntity(key);
                } else if (entity instanceof MultipartSignedEntity signed) {
                    entity = signed.getSignedDataEntity();
                } else if (entity instanceof ApplicationPkcs7MimeCompressedDataEntity compressed) {
                    entity = compressed.getCompressedEntity(new ZlibExpanderProvider(limit));
                } else {
                    entity = null;
                }
            }
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof StreamOverflowException) {
                    return Optional.of("the compressed payload expands beyond " + limit + " bytes");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A message claimed earlier (same partner, Message-ID and payload) that never became a document: the gateway
     * stopped between the claim and the hand-off to intake. Taken in now; intake makes the same document of the same
     * bytes on the same day, so a claim still in progress at the same moment does not make a second one.
     */
    private static boolean unfinished(As2Messages.Message earlier, String sha256) {
        return earlier.state() == As2Messages.State.ACCEPTED
                && earlier.documentId() == null
                && earlier.sha256().equals(sha256);
    }

    /** A message refused before anything of it was processed: recorded, and answered with the reason. */
    public Answer refused(
            RegisteredPartner partner,
            String messageId,
            IntakeService.Spooled raw,
            AS2DispositionModifier modifier,
            String reason) {
        String sha256 = raw == null ? Hashing.sha256Hex(new byte[0]) : raw.sha256();
        long length = raw == null ? 0 : raw.length();
        refusals.record(
                partner.id(),
                "AS2 " + messageId,
                sha256,
                length,
                "processed/" + modifier.getModifier() + " (" + reason + ")");
        if (raw != null) {
            messages.add(As2Messages.Message.received(
                    partner.id(),
                    messageId,
                    As2Messages.State.REFUSED,
                    sha256,
                    null,
                    null,
                    "processed/" + modifier.getModifier(),
                    clock.instant()));
        }
        return new Answer(modifier, null, null);
    }

    /**
     * A message recorded before: the same payload gets the same answer and MIC again, not a second document (a resend
     * after a lost receipt); another payload under the same Message-ID is refused.
     */
    private Answer again(
            RegisteredPartner partner,
            String messageId,
            IntakeService.Spooled raw,
            As2Messages.Message earlier,
            String sha256) {
        if (!earlier.sha256().equals(sha256) && !earlier.sha256().equals(raw.sha256())) {
            AS2DispositionModifier failure =
                    AS2DispositionModifier.createFailure("duplicate Message-ID with different content");
            refusals.record(
                    partner.id(),
                    "AS2 " + messageId,
                    raw.sha256(),
                    raw.length(),
                    "processed/" + failure.getModifier() + " (payload sha256 " + sha256 + ", first was "
                            + earlier.sha256() + ")");
            return new Answer(failure, null, null);
        }
        LOG.info(
                "AS2 message {} from partner {} came again: answered as before ({}), not processed again",
                FileNames.forLog(messageId),
                partner.id(),
                earlier.disposition());
        MicUtils.ReceivedContentMic mic = null;
        if (earlier.mic() != null) {
            try {
                mic = new MicUtils.ReceivedContentMic(
                        earlier.micAlgorithm(), Base64.getDecoder().decode(earlier.mic()));
            } catch (Exception e) {
                throw new IllegalStateException("the recorded MIC of " + messageId + " is not Base64", e);
            }
        }
        String disposition = earlier.disposition() == null ? "processed" : earlier.disposition();
        AS2DispositionModifier modifier = disposition.startsWith("processed/")
                ? AS2DispositionModifier.parseDispositionType(disposition.substring("processed/".length()))
                : null;
        return new Answer(modifier, modifier != null && modifier.isError() ? null : mic, earlier.documentId());
    }

    /**
     * The payload's bytes as sent: the MIME part as camel-as2 writes it (headers, a blank line, the content in its
     * transfer encoding), without the headers, decoded. Read this way rather than as text so no byte is lost to a
     * declared charset the content does not follow.
     */
    private static byte[] payload(ApplicationEntity edi, byte[] part) throws Exception {
        byte[] body = part;
        if (!edi.isMainBody()) {
            int end = indexOf(part, new byte[] {'\r', '\n', '\r', '\n'});
            body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(part, end + 4, part.length);
        }
        return EntityUtils.decode(body, edi.getContentTransferEncodingValue());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * camel-as2's MIC: the digest the sender asked for (its first one we know; SHA-1 when none) of the payload's MIME
     * part as written; none when the sender asked for no signed receipt options.
     */
    static MicUtils.ReceivedContentMic mic(ClassicHttpRequest request, byte[] part) {
        String options = HttpMessageUtils.getHeaderValue(request, AS2Header.DISPOSITION_NOTIFICATION_OPTIONS);
        if (options == null) {
            return null;
        }
        DispositionNotificationOptions parsed;
        try {
            parsed = DispositionNotificationOptionsParser.parseDispositionNotificationOptions(options, null);
        } catch (org.apache.hc.core5.http.ParseException e) {
            return null; // options nobody can read ask for nothing we can give
        }
        String jdk = MicUtils.getMicJdkAlgorithmName(
                parsed.getSignedReceiptMicalg() == null
                        ? null
                        : parsed.getSignedReceiptMicalg().getValues());
        try {
            return new MicUtils.ReceivedContentMic(
                    AS2MicAlgorithm.getAS2AlgorithmName(jdk), MicUtils.createMic(part, jdk));
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode the MIC", e);
        }
    }

    /** The file name the sender gave the payload, when it is one Corridor can use; else the Message-ID's. */
    static String fileName(ApplicationEntity edi, String messageId) {
        String disposition = edi.getFirstHeader(AS2Header.CONTENT_DISPOSITION) == null
                ? null
                : edi.getFirstHeader(AS2Header.CONTENT_DISPOSITION).getValue();
        if (disposition != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "filename\\s*=\\s*\"?([^\";]+)\"?", java.util.regex.Pattern.CASE_INSENSITIVE)
                    .matcher(disposition);
            if (m.find()) {
                String name = m.group(1).strip();
                if (!name.isEmpty()
                        && !name.contains("/")
                        && !name.contains("\\")
                        && !name.startsWith(".")
                        && name.chars().noneMatch(c -> c < 0x20)
                        && name.equals(FileNames.forDisk(name))) {
                    return name;
                }
            }
        }
        String plain = messageId.replaceAll("^<|>$", "").replaceAll("[^A-Za-z0-9._@-]", "_");
        return FileNames.forDisk(plain, "as2-message") + ".edi";
    }

    /** A reason as a disposition modifier may hold it: one line of printable ASCII, not too long. */
    static String text(String reason) {
        String line = reason.replaceAll("[^\\x20-\\x7E]", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
