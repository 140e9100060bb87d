package org.corridor.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.camel.component.as2.api.AS2Header;
import org.apache.camel.component.as2.api.AS2SignatureAlgorithm;
import org.apache.camel.component.as2.api.AS2SignedDataGenerator;
import org.apache.camel.component.as2.api.entity.AS2DispositionType;
import org.apache.camel.component.as2.api.entity.AS2MessageDispositionNotificationEntity;
import org.apache.camel.component.as2.api.entity.DispositionMode;
import org.apache.camel.component.as2.api.entity.DispositionNotificationMultipartReportEntity;
import org.apache.camel.component.as2.api.entity.DispositionNotificationOptions;
import org.apache.camel.component.as2.api.entity.DispositionNotificationOptionsParser;
import org.apache.camel.component.as2.api.entity.MimeEntity;
import org.apache.camel.component.as2.api.entity.TextPlainEntity;
import org.apache.camel.component.as2.api.protocol.ResponseMDN;
import org.apache.camel.component.as2.api.util.EntityUtils;
import org.apache.camel.component.as2.api.util.SigningUtils;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ParseException;
import org.corridor.base.As2Names;
import org.corridor.intake.As2Inbound;
import org.corridor.partner.RegisteredPartner;

/**
 * A receipt (MDN, RFC 4130 section 7) for an AS2 message, built from the message's headers and Corridor's answer, so
 * it needs nothing of the message's body (a message refused unread gets one too). Signed with our key when the
 * sender asks for a signed receipt and we know who it is; unsigned otherwise. The same bytes go in the HTTP answer
 * (synchronous) or in a POST to the sender's receipt address (asynchronous).
 *
 * @param headers the HTTP headers that go with it (Content-Type with its boundary, AS2 names, a Message-Id of its own)
 * @param body    the receipt's bytes
 */
record As2Receipt(Map<String, String> headers, byte[] body) {

    /** Who writes our receipts, in their Reporting-UA field. */
    private static final String REPORTING_UA = "Corridor";

    /**
     * The receipt for the message whose request headers {@code header} reads.
     *
     * @param as2      the sender's partnership, whose keys sign the receipt; null when the sender is not known
     * @param ourAs2Id our AS2 name, for the receipt's AS2-From when the request's AS2-To cannot be used
     * @param reason   a line for the human-readable part, or null
     */
    static As2Receipt of(
            UnaryOperator<String> header,
            As2Inbound.Answer answer,
            RegisteredPartner.As2 as2,
            String ourAs2Id,
            String reason) {
        String messageId = header.apply(AS2Header.MESSAGE_ID);
        String to = As2Names.unquoted(header.apply(AS2Header.AS2_TO));
        String from = As2Names.unquoted(header.apply(AS2Header.AS2_FROM));
        String us = As2Names.valid(to) ? to : ourAs2Id;
        AS2MessageDispositionNotificationEntity notification = new AS2MessageDispositionNotificationEntity(
                REPORTING_UA,
                null,
                us,
                messageId,
                DispositionMode.AUTOMATIC_ACTION_MDN_SENT_AUTOMATICALLY,
                AS2DispositionType.PROCESSED,
                answer.modifier(),
                null,
                null,
                null,
                null,
                answer.mic(),
                null);
        String text = "Receipt for AS2 message " + printable(messageId) + " from " + printable(from) + " to "
                + printable(to) + ": " + answer.disposition() + (reason == null ? "" : "\r\n" + printable(reason))
                + "\r\n";
        Report report = new Report(EntityUtils.createBoundaryValue(), text, notification);
        MimeEntity entity = report;
        if (as2 != null && signedReceiptAskedFor(header.apply(AS2Header.DISPOSITION_NOTIFICATION_OPTIONS))) {
            try {
                AS2SignedDataGenerator signer = SigningUtils.createSigningGenerator(
                        AS2SignatureAlgorithm.valueOf(as2.signing()), as2.ourChain(), as2.ourKey());
                entity = ResponseMDN.prepareSignedReceipt(signer, report);
            } catch (HttpException e) {
                throw new IllegalStateException("cannot sign the receipt for " + messageId, e);
            }
        }
        entity.setMainBody(true);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            entity.writeTo(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(AS2Header.MIME_VERSION, "1.0");
        headers.put(AS2Header.AS2_VERSION, "1.2");
        headers.put(AS2Header.AS2_FROM, us);
        if (As2Names.valid(from)) {
            headers.put(AS2Header.AS2_TO, from);
        }
        headers.put(AS2Header.MESSAGE_ID, "<" + UUID.randomUUID() + "@" + us + ">");
        String subject = header.apply(AS2Header.SUBJECT);
        headers.put(
                AS2Header.SUBJECT,
                subject == null ? "Your requested MDN response" : "MDN Response To:" + printable(subject));
        headers.put(AS2Header.CONTENT_TYPE, entity.getContentType());
        return new As2Receipt(headers, body.toByteArray());
    }

    /** Whether the sender asked for a signed receipt ({@code signed-receipt-protocol=...pkcs7-signature}). */
    static boolean signedReceiptAskedFor(String options) {
        if (options == null) {
            return false;
        }
        try {
            DispositionNotificationOptions parsed =
                    DispositionNotificationOptionsParser.parseDispositionNotificationOptions(options, null);
            return parsed.getSignedReceiptProtocol() != null;
        } catch (ParseException e) {
            return false;
        }
    }

    /** Header text as a receipt may repeat it: printable ASCII on one line. */
    private static String printable(String text) {
        return printable(text, 300);
    }

    /** Text from a request's headers as an AS2 receipt may carry it: printable ASCII on one line, at most {@code max}. */
    static String printable(String text, int max) {
        if (text == null) {
            return "(none)";
        }
        String line = text.replaceAll("[^\\x20-\\x7E]", "?");
        return line.length() > max ? line.substring(0, max) : line;
    }

    /** camel-as2's report, but from fields rather than from the request it answers. */
    private static final class Report extends DispositionNotificationMultipartReportEntity {

        Report(String boundary, String text, AS2MessageDispositionNotificationEntity notification) {
            super(boundary, null, true);
            addPart(new TextPlainEntity(text, "US-ASCII", "7bit", false));
            addPart(notification);
        }
    }
}
