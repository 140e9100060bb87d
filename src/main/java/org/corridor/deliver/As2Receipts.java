package org.corridor.deliver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Locale;
import org.apache.camel.CamelException;
import org.apache.camel.component.as2.api.entity.AS2DispositionModifier;
import org.apache.camel.component.as2.api.entity.AS2DispositionType;
import org.apache.camel.component.as2.api.entity.AS2MessageDispositionNotificationEntity;
import org.apache.camel.component.as2.api.entity.ApplicationEntity;
import org.apache.camel.component.as2.api.entity.DispositionNotificationMultipartReportEntity;
import org.apache.camel.component.as2.api.entity.MultipartSignedEntity;
import org.apache.camel.component.as2.api.util.EntityUtils;
import org.apache.camel.component.as2.api.util.MicUtils;
import org.apache.camel.component.as2.api.util.SigningUtils;
import org.apache.hc.core5.http.ContentType;

/**
 * Judges an AS2 partner's receipt (MDN) for the AS2 channel (issue 19, docs/AS2-PLAN.md): a delivery counts only when
 * the MDN is signed with the partner's certificate, answers the message we sent, says {@code processed} without an
 * error or failure, and carries the MIC of what we sent. camel-as2's client checks none of this itself.
 */
final class As2Receipts {

    private As2Receipts() {}

    /** Why a receipt is not proof of delivery; {@link #DELIVERED} when it is. */
    enum Outcome {
        DELIVERED,
        /** No MDN came back (HTTP error, or an empty answer). */
        NO_MDN,
        /** The MDN is not signed, though a signed one was asked for. */
        UNSIGNED,
        /** The MDN's signature does not verify against the partner's certificate. */
        BAD_SIGNATURE,
        /** The MDN answers another message. */
        OTHER_MESSAGE,
        /** The partner says it did not process the message (an error or failure disposition). */
        NEGATIVE,
        /** The MDN has no MIC, or not the one of what we sent. */
        MIC_MISMATCH
    }

    /** The judgement, with the words an operator reads in the delivery's error (the partner's own disposition). */
    record Verdict(Outcome outcome, String reason) {

        boolean delivered() {
            return outcome == Outcome.DELIVERED;
        }
    }

    /**
     * Judges the MDN the producer returned ({@code body}) for the message {@code messageId} whose MIC we computed
     * with {@link #mic}.
     */
    static Verdict judge(Object body, Certificate[] partnerChain, String messageId, String expectedMic) {
        if (body == null) {
            return new Verdict(Outcome.NO_MDN, "the partner answered without a receipt (MDN)");
        }
        if (!(body instanceof MultipartSignedEntity signed)) {
            return new Verdict(Outcome.UNSIGNED, "the partner's receipt (MDN) is not signed");
        }
        if (!SigningUtils.isValid(signed, partnerChain)) {
            return new Verdict(
                    Outcome.BAD_SIGNATURE,
                    "the signature of the partner's receipt (MDN) does not verify against the partner's certificate");
        }
        if (!(signed.getSignedDataEntity() instanceof DispositionNotificationMultipartReportEntity report)
                || report.getPartCount() < 2
                || !(report.getPart(1) instanceof AS2MessageDispositionNotificationEntity mdn)) {
            return new Verdict(Outcome.NO_MDN, "the partner's signed answer holds no disposition notification");
        }
        if (messageId != null && !messageId.equals(mdn.getOriginalMessageId())) {
            return new Verdict(
                    Outcome.OTHER_MESSAGE,
                    "the receipt answers message " + mdn.getOriginalMessageId() + ", not " + messageId);
        }
        AS2DispositionModifier modifier = mdn.getDispositionModifier();
        if (mdn.getDispositionType() != AS2DispositionType.PROCESSED
                || (modifier != null && (modifier.isError() || modifier.isFailure()))) {
            return new Verdict(
                    Outcome.NEGATIVE,
                    "the partner did not process the message: " + mdn.getDispositionType()
                            + (modifier == null ? "" : "/" + modifier.getModifier()));
        }
        MicUtils.ReceivedContentMic received = mdn.getReceivedContentMic();
        if (received == null || !expectedMic.equals(received.getEncodedMessageDigest())) {
            return new Verdict(
                    Outcome.MIC_MISMATCH,
                    "the receipt's message integrity check (MIC) "
                            + (received == null ? "is missing" : received.getEncodedMessageDigest())
                            + "; expected " + expectedMic);
        }
        return new Verdict(Outcome.DELIVERED, "processed");
    }

    /**
     * The Message-ID a receipt answers (its {@code Original-Message-ID}), read before the receipt is judged (an
     * asynchronous receipt is matched to what we sent by it); null when {@code body} is no receipt.
     */
    static String originalMessageId(Object body) {
        Object report = body instanceof MultipartSignedEntity signed ? signed.getSignedDataEntity() : body;
        if (report instanceof DispositionNotificationMultipartReportEntity r
                && r.getPartCount() >= 2
                && r.getPart(1) instanceof AS2MessageDispositionNotificationEntity mdn) {
            return mdn.getOriginalMessageId();
        }
        return null;
    }

    /**
     * The MIC a camel-as2 receiver puts in its MDN: a digest of the payload's MIME part as camel-as2 writes it
     * (headers and content), before signing, compressing and encrypting. A digest of the bare payload does not match.
     *
     * @param algorithm a JDK digest name, e.g. {@code SHA-256}
     */
    static String mic(
            byte[] payload,
            String contentType,
            Charset charset,
            String transferEncoding,
            String fileName,
            String algorithm) {
        try {
            ApplicationEntity entity = EntityUtils.createEDIEntity(
                    payload, ContentType.create(contentType, charset), transferEncoding, false, fileName);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            entity.writeTo(written);
            return Base64.getEncoder().encodeToString(MicUtils.createMic(written.toByteArray(), algorithm));
        } catch (CamelException e) {
            throw new IllegalArgumentException("camel-as2 cannot send " + contentType + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether two MIC algorithm names are the same one: {@code sha-256} is asked for, {@code sha256} comes back. */
    static boolean sameAlgorithm(String a, String b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(String name) {
        return name.strip().replace("-", "").toLowerCase(Locale.ROOT);
    }
}
