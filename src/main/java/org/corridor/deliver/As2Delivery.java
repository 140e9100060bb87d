package org.corridor.deliver;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.as2.api.entity.MimeEntity;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.corridor.base.CorridorProperties;
import org.corridor.base.Hashing;
import org.corridor.base.Headers;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.corridor.track.As2Messages;
import org.corridor.track.As2Messages.Direction;
import org.corridor.track.As2Messages.State;
import org.corridor.track.Stage;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The AS2 channel's receipts (issue 19): after camel-as2 sent a message, a synchronous receipt is judged at once
 * (delivered, or an {@link As2ReceiptException} for outbound-errors); an asynchronous one is awaited
 * ({@code as2_messages} AWAITING_RECEIPT) and settled when it arrives at {@code POST /as2/mdn} or is overdue. A settled
 * failure sends the stored message again on the partner's queue while its retries last, else ends FAILED with a dead
 * letter, as outbound-errors does for a send. Every send is an OUT row in {@code as2_messages}.
 */
@Component("as2Delivery")
public class As2Delivery {

    /** Exchange property: the MIC (Base64) the partner's receipt must carry, computed in prepare. */
    static final String EXPECTED_MIC = "CorridorAs2Mic";
    /** Exchange property in which camel-as2 leaves the HTTP exchange (request with its Message-Id, response). */
    static final String INTERCHANGE = "CamelAs2.interchange";

    private static final Logger LOG = LoggerFactory.getLogger(As2Delivery.class);
    private static final String CHANNEL = CorridorProperties.Channel.AS2.name();

    private final PartnerRegistry partners;
    private final As2Messages messages;
    private final DeliveryService deliveries;
    private final TrackingStore tracking;
    private final JmsTemplate jms;
    private final CorridorProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;

    As2Delivery(
            PartnerRegistry partners,
            As2Messages messages,
            DeliveryService deliveries,
            TrackingStore tracking,
            JmsTemplate jms,
            CorridorProperties properties,
            Clock clock,
            TransactionTemplate tx,
            MeterRegistry meters) {
        this.partners = partners;
        this.messages = messages;
        this.deliveries = deliveries;
        this.tracking = tracking;
        this.jms = jms;
        this.properties = properties;
        this.clock = clock;
        this.tx = tx;
        this.meters = meters;
    }

    /**
     * After the send ({@code deliver-<PARTNER>-as2-receipt}): records the message; a synchronous receipt that proves
     * delivery makes the delivery DELIVERED, any other answer throws {@link As2ReceiptException} (retried by
     * outbound-errors); with an asynchronous receipt the delivery stays PENDING until it comes.
     */
    public void sent(Exchange exchange) {
        String documentId = exchange.getProperty(Headers.DOCUMENT_ID, String.class);
        String partnerId = exchange.getProperty(Headers.PARTNER, String.class);
        RegisteredPartner.As2 as2 = partners.find(partnerId).orElseThrow().as2();
        TrackingStore.Payload payload = exchange.getProperty(DeliveryService.PAYLOAD, TrackingStore.Payload.class);
        String mic = exchange.getProperty(EXPECTED_MIC, String.class);
        HttpCoreContext http = exchange.getProperty(INTERCHANGE, HttpCoreContext.class);
        String messageId = http == null ? null : header(http.getRequest(), "Message-Id");
        int status = http == null || http.getResponse() == null
                ? 0
                : http.getResponse().getCode();
        drainUnreadAnswer(http);
        int attempt = DeliveryService.attempts(exchange);
        Instant now = clock.instant();
        if (messageId == null) {
            throw new As2ReceiptException(new As2Receipts.Verdict(
                    As2Receipts.Outcome.NO_MDN, "camel-as2 sent no message (no Message-Id in its HTTP exchange)"));
        }
        if (as2.asyncMdn()) {
            if (status / 100 != 2) {
                throw new As2ReceiptException(new As2Receipts.Verdict(
                        As2Receipts.Outcome.NO_MDN,
                        "the partner answered HTTP " + status + " to AS2 message " + messageId));
            }
            messages.add(outbound(partnerId, messageId, as2, mic, documentId, attempt, payload, now, null));
            tracking.event(
                    documentId,
                    Stage.DELIVER,
                    partnerId,
                    "sent as AS2 message " + messageId + "; awaiting the partner's receipt");
            LOG.info(
                    "Document {} sent to {} as AS2 message {}; awaiting its receipt", documentId, partnerId, messageId);
            return;
        }
        As2Receipts.Verdict verdict = status == 200
                ? As2Receipts.judge(exchange.getMessage().getBody(), as2.partnerChain(), messageId, mic)
                : new As2Receipts.Verdict(
                        As2Receipts.Outcome.NO_MDN, "the partner answered HTTP " + status + " without a receipt (MDN)");
        messages.add(outbound(partnerId, messageId, as2, mic, documentId, attempt, payload, now, verdict));
        count(partnerId, verdict);
        // the Message-ID and the receipt on the document's timeline: what the partner's support will ask for
        tracking.event(
                documentId,
                Stage.DELIVER,
                partnerId,
                "sent as AS2 message " + messageId + "; receipt: " + verdict.reason());
        if (!verdict.delivered()) {
            throw new As2ReceiptException(verdict);
        }
        deliveries.delivered(exchange);
    }

    /**
     * The record of a message sent {@code now}: with its synchronous receipt's {@code verdict}, settled (DELIVERED or
     * FAILED, the content not kept); without one (null), awaiting its asynchronous receipt until the partner's
     * {@code asyncTimeout}, its content kept for a resend.
     */
    private static As2Messages.Message outbound(
            String partnerId,
            String messageId,
            RegisteredPartner.As2 as2,
            String mic,
            String documentId,
            int attempt,
            TrackingStore.Payload payload,
            Instant now,
            As2Receipts.Verdict verdict) {
        boolean awaiting = verdict == null;
        return new As2Messages.Message(
                Direction.OUT,
                partnerId,
                messageId,
                awaiting ? State.AWAITING_RECEIPT : verdict.delivered() ? State.DELIVERED : State.FAILED,
                Hashing.sha256Hex(payload.content()),
                mic,
                as2.micAlgorithm(),
                awaiting ? null : verdict.reason(),
                documentId,
                attempt,
                payload.outputName(),
                payload.contentType(),
                awaiting ? payload.content() : null,
                now,
                awaiting ? null : now,
                awaiting ? now.plus(as2.asyncTimeout()) : null);
    }

    /** What became of an asynchronous receipt. */
    public enum Settled {
        /** It proved delivery: DELIVERED. */
        DELIVERED,
        /** It did not: the message is sent again, or the delivery FAILED. */
        NOT_DELIVERED,
        /** The message was settled already (a receipt sent twice, or after the overdue check acted). */
        ALREADY_SETTLED,
        /** We sent the partner no message by that id. */
        UNKNOWN_MESSAGE,
        /** No disposition notification naming the message it answers. */
        NOT_A_RECEIPT
    }

    /**
     * A receipt the partner posted ({@code mdn}: the parsed entity, signed or not), for the message it names: judged
     * against the partner's certificate and the MIC we expect, then settled.
     */
    public Settled receipt(RegisteredPartner partner, Object mdn) {
        String original = As2Receipts.originalMessageId(mdn);
        if (original == null) {
            return Settled.NOT_A_RECEIPT;
        }
        Optional<As2Messages.Message> sent = messages.find(Direction.OUT, partner.id(), original);
        if (sent.isEmpty()) {
            return Settled.UNKNOWN_MESSAGE;
        }
        if (sent.get().state() != State.AWAITING_RECEIPT) {
            return Settled.ALREADY_SETTLED;
        }
        As2Receipts.Verdict verdict = As2Receipts.judge(
                mdn, partner.as2().partnerChain(), original, sent.get().mic());
        return settle(partner, sent.get(), verdict);
    }

    /**
     * The scheduled check ({@link As2ReceiptCheck}): every message whose receipt is overdue counts as not delivered,
     * as a negative receipt would. Returns how many it settled.
     */
    int settleOverdue() {
        int settled = 0;
        List<As2Messages.Message> overdue = messages.overdue(clock.instant());
        for (As2Messages.Message m : overdue) {
            RegisteredPartner partner = partners.find(m.partnerId()).orElse(null);
            Optional<As2Messages.Message> full = messages.find(Direction.OUT, m.partnerId(), m.messageId());
            if (partner == null || partner.as2() == null || full.isEmpty()) {
                LOG.warn(
                        "AS2 message {} to {} is overdue, but its partner is no longer an AS2 partner",
                        m.messageId(),
                        m.partnerId());
                continue;
            }
            String reason = "no receipt (MDN) within " + partner.as2().asyncTimeout();
            if (settle(partner, full.get(), new As2Receipts.Verdict(As2Receipts.Outcome.NO_MDN, reason))
                    == Settled.NOT_DELIVERED) {
                settled++;
            }
        }
        return settled;
    }

    /**
     * One transaction: the message's new state, the delivery's outcome and the hand-off of a resend or dead letter
     * (the JMS send happens inside it, so a failed send rolls the state back). A stop in the middle leaves the message
     * awaiting its receipt, and the overdue check acts on it again: sent twice at worst, never lost.
     */
    private Settled settle(RegisteredPartner partner, As2Messages.Message sent, As2Receipts.Verdict verdict) {
        return tx.execute(s -> settleNow(partner, sent, verdict));
    }

    private Settled settleNow(RegisteredPartner partner, As2Messages.Message sent, As2Receipts.Verdict verdict) {
        Instant now = clock.instant();
        String target = partner.endpoint().url() == null
                ? null
                : partner.endpoint().url().toString();
        TrackingStore.Payload payload =
                new TrackingStore.Payload(sent.content(), sent.contentType(), sent.outputName());
        State to = verdict.delivered() ? State.DELIVERED : State.FAILED;
        // conditional: of a receipt and the overdue check racing, only one acts
        if (!messages.settle(
                Direction.OUT, partner.id(), sent.messageId(), State.AWAITING_RECEIPT, to, verdict.reason(), now)) {
            return Settled.ALREADY_SETTLED;
        }
        count(partner.id(), verdict);
        if (verdict.delivered()) {
            deliveries.delivered(sent.documentId(), partner.id(), CHANNEL, target, sent.attempt(), payload);
            return Settled.DELIVERED;
        }
        String reason = DeliveryService.describe(new As2ReceiptException(verdict));
        RegisteredPartner.RetryPolicy policy = deliveries.retryPolicy(partner.id());
        int retries = sent.attempt() - 1;
        if (retries < policy.maxRetries()) {
            long delay = DeliveryService.retryDelayMs(policy, retries);
            tracking.event(
                    sent.documentId(),
                    Stage.DELIVER,
                    partner.id(),
                    "AS2 message " + sent.messageId() + " not delivered (" + reason + "); sent again, retry "
                            + (retries + 1));
            DeliveryService.logRetry(sent.documentId(), partner.id(), reason, retries + 1);
            send(properties.queues().deliver() + "." + partner.id(), sent, retries + 1, delay);
        } else {
            deliveries.failed(sent.documentId(), partner.id(), CHANNEL, target, sent.attempt(), reason, payload);
            // like outbound-errors: the rendered message, as it came to the partner's queue, for a replay or a retry
            send(properties.queues().dead(), sent, null, 0);
        }
        return Settled.NOT_DELIVERED;
    }

    /**
     * Metric {@code corridor.as2.receipts}: the receipts of what we sent, by partner and outcome ({@code DELIVERED},
     * {@code NEGATIVE}, {@code UNSIGNED}, {@code BAD_SIGNATURE}, {@code MIC_MISMATCH}, {@code NO_MDN}, ...).
     */
    private void count(String partnerId, As2Receipts.Verdict verdict) {
        meters.counter(
                        "corridor.as2.receipts",
                        "partner",
                        partnerId,
                        "outcome",
                        verdict.outcome().name())
                .increment();
    }

    /** The stored message as the render stage handed it to the partner's queue; with the retries made so far. */
    private void send(String queue, As2Messages.Message sent, Integer retries, long delayMs) {
        jms.send(queue, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(sent.content());
            message.setStringProperty(Headers.DOCUMENT_ID, sent.documentId());
            message.setStringProperty(Headers.PARTNER, sent.partnerId());
            message.setStringProperty(Headers.OUTPUT_NAME, sent.outputName());
            message.setStringProperty(Headers.CONTENT_TYPE, sent.contentType());
            message.setStringProperty("JMSXGroupID", sent.documentId());
            if (retries != null) {
                message.setIntProperty(DeliveryService.RETRIES, retries);
            }
            if (delayMs > 0) {
                // Artemis's scheduled delivery: the partner's back-off between sends, without holding a thread
                message.setLongProperty("_AMQ_SCHED_DELIVERY", System.currentTimeMillis() + delayMs);
            }
            return message;
        });
    }

    /**
     * Reads the rest of an answer camel-as2 did not parse (an HTTP error page, say). Its client puts the connection
     * back in its pool before anyone reads the answer; left unread, the next message on that connection waits for the
     * partner's answer behind those bytes until the socket times out.
     */
    private static void drainUnreadAnswer(HttpCoreContext http) {
        if (http != null
                && http.getResponse() instanceof ClassicHttpResponse response
                && response.getEntity() != null
                && !(response.getEntity() instanceof MimeEntity)) {
            try {
                EntityUtils.consume(response.getEntity());
            } catch (IOException e) {
                LOG.debug("Could not read the rest of an AS2 answer: {}", e.getMessage());
            }
        }
    }

    private static String header(HttpRequest request, String name) {
        if (request == null) {
            return null;
        }
        Header header = request.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }
}
