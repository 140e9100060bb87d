package org.corridor.deliver;

import com.jcraft.jsch.JSchException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.corridor.base.As2Settings;
import org.corridor.base.CorridorProperties;
import org.corridor.base.CorridorProperties.Channel;
import org.corridor.base.CorridorProperties.Partner;
import org.corridor.base.FolderLayout;
import org.corridor.base.Headers;
import org.corridor.partner.PartnerProfile;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.corridor.track.DeliveryStatus;
import org.corridor.track.Stage;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The decisions of the delivery route: where a rendered document goes, whether it already went (delivery is
 * idempotent per document and partner), which faults are worth retrying, and what is recorded when it ends.
 */
@Component("deliveryService")
public class DeliveryService {

    /** Value of {@link Headers#CHANNEL} when the document already reached the partner. */
    public static final String DONE = "DONE";
    /** Exchange variable holding the endpoint URI the route sends to ({@code toD}). */
    public static final String ENDPOINT = "CorridorEndpoint";
    /** Exchange property holding what the delivery sends ({@link TrackingStore.Payload}). */
    static final String PAYLOAD = "CorridorPayload";
    /**
     * Exchange property counting the retries of the current delivery; as a message header, the retries already made
     * by earlier sends of the same delivery (an AS2 message sent again after a negative or missing asynchronous
     * receipt), so the partner's maxRetries counts them all.
     */
    static final String RETRIES = "CorridorRetries";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);

    private final CorridorProperties properties;
    private final FolderLayout folders;
    private final TrackingStore tracking;
    private final MeterRegistry meters;
    private final PartnerRegistry partners;
    private final As2Settings as2;

    DeliveryService(
            CorridorProperties properties,
            FolderLayout folders,
            TrackingStore tracking,
            MeterRegistry meters,
            PartnerRegistry partners,
            As2Settings as2) {
        this.properties = properties;
        this.folders = folders;
        this.tracking = tracking;
        this.meters = meters;
        this.partners = partners;
        this.as2 = as2;
    }

    /** The Camel registry name of the partner's HTTPS trust settings (bound by {@link PartnerRoutes}). */
    static String trustBean(String partnerId) {
        return "corridorTrust-" + partnerId;
    }

    /**
     * Resolves the partner's channel and sets the route up for it. The tracking facts move from headers into
     * exchange properties, because an HTTP partner must receive none of our internal headers.
     */
    public void prepare(Exchange exchange) {
        Message in = exchange.getIn();
        String documentId = in.getHeader(Headers.DOCUMENT_ID, String.class);
        String partnerId = in.getHeader(Headers.PARTNER, String.class);
        String outputName = in.getHeader(Headers.OUTPUT_NAME, String.class);
        String contentType = in.getHeader(Headers.CONTENT_TYPE, "application/json", String.class);
        exchange.setProperty(Headers.DOCUMENT_ID, documentId);
        exchange.setProperty(Headers.PARTNER, partnerId);
        Integer earlierRetries = in.getHeader(RETRIES, Integer.class);
        if (earlierRetries != null && !exchange.getProperties().containsKey(RETRIES)) {
            exchange.setProperty(RETRIES, earlierRetries);
        }
        // what is sent, kept with the delivery's outcome (the console shows it); the body itself is not changed
        exchange.setProperty(PAYLOAD, new TrackingStore.Payload(in.getBody(byte[].class), contentType, outputName));
        if (tracking.isDelivered(documentId, partnerId)) {
            LOG.info("Document {} already delivered to {}; not sent again", documentId, partnerId);
            tracking.event(documentId, Stage.DELIVER, partnerId, "already delivered; not sent again");
            in.setHeader(Headers.CHANNEL, DONE);
            return;
        }
        RegisteredPartner registered = partners.find(partnerId).orElse(null);
        Partner partner = registered != null
                ? registered.endpoint()
                : properties.partner(partnerId).orElse(Partner.defaultFolder());
        Channel channel = partner.channel() == null ? Channel.FOLDER : partner.channel();
        in.removeHeaders("*");
        in.setHeader(Headers.CHANNEL, channel.name());
        exchange.setProperty(Headers.CHANNEL, channel.name());
        switch (channel) {
            case FOLDER -> {
                Path folder = partner.folder() != null ? partner.folder().toAbsolutePath() : folders.outbox(partnerId);
                exchange.setProperty(Headers.TARGET, folder.toString());
                exchange.setVariable(ENDPOINT, folderUri(folder));
                in.setHeader(Exchange.FILE_NAME, outputName);
            }
            case HTTP -> {
                if (partner.url() == null) {
                    throw new IllegalStateException("partner " + partnerId + " is an HTTP partner without a url");
                }
                exchange.setProperty(Headers.TARGET, partner.url().toString());
                exchange.setVariable(ENDPOINT, httpUri(partnerId, partner.url().toString(), registered));
                in.setHeader(Exchange.HTTP_METHOD, "POST");
                if (registered != null && registered.auth() != null) {
                    // set here, after the original was kept for the dead letter: the secret never reaches a queue
                    in.setHeader(registered.auth().header(), registered.auth().value());
                }
                in.setHeader(Exchange.CONTENT_TYPE, contentType);
                // stable per document and partner: a partner can drop the one duplicate a crash may cause
                in.setHeader("Idempotency-Key", documentId + ":" + partnerId);
                in.setHeader("X-Corridor-Document-Id", documentId);
            }
            case SFTP -> {
                SftpTarget sftp = SftpTarget.of(partnerId, partner, properties.delivery());
                exchange.setProperty(Headers.TARGET, sftp.location());
                exchange.setVariable(ENDPOINT, sftp.endpointUri());
                in.setHeader(Exchange.FILE_NAME, outputName);
            }
            case JMS -> {
                if (partner.queue() == null || partner.queue().isBlank()) {
                    throw new IllegalStateException("partner " + partnerId + " is a JMS partner without a queue");
                }
                // the gateway's own broker, or the partner's broker by URL (its connection factory bound at start)
                String uri = "jms:queue:" + partner.queue().strip()
                        + (partner.url() == null ? "" : "?connectionFactory=#" + brokerBean(partnerId));
                exchange.setProperty(
                        Headers.TARGET,
                        partner.url() == null
                                ? uri
                                : partner.url() + " jms:queue:"
                                        + partner.queue().strip());
                exchange.setVariable(ENDPOINT, uri);
                // JMS properties must be Java identifiers: no hyphen, unlike the HTTP header
                in.setHeader("IdempotencyKey", documentId + ":" + partnerId);
                in.setHeader("JMSCorrelationID", documentId);
            }
            case AS2 -> {
                if (partner.url() == null || registered == null || registered.as2() == null) {
                    throw new IllegalStateException(
                            "partner " + partnerId + " is an AS2 partner without a url or an as2 block");
                }
                RegisteredPartner.As2 settings = registered.as2();
                exchange.setProperty(Headers.TARGET, partner.url().toString());
                exchange.setVariable(ENDPOINT, As2Endpoint.uri(registered, partner.url(), as2));
                As2Endpoint.Outgoing outgoing = As2Endpoint.outgoing(
                        exchange.getProperty(PAYLOAD, TrackingStore.Payload.class)
                                .content(),
                        contentType,
                        outputName,
                        settings.micAlgorithm());
                in.setBody(outgoing.text());
                in.setHeader(As2Endpoint.HEADER_PREFIX + "ediMessageContentType", outgoing.ediType());
                in.setHeader(
                        As2Endpoint.HEADER_PREFIX + "ediMessageCharset",
                        outgoing.charset().name());
                in.setHeader(As2Endpoint.HEADER_PREFIX + "attachedFileName", outputName);
                exchange.setProperty(As2Delivery.EXPECTED_MIC, outgoing.mic());
            }
        }
    }

    /** The registry name of the connection factory of a JMS partner's own broker. */
    public static String brokerBean(String partnerId) {
        return "corridorBroker-" + partnerId;
    }

    /** The camel-http endpoint for the partner, with its timeouts and, for HTTPS, its trust store. */
    private String httpUri(String partnerId, String url, RegisteredPartner registered) {
        CorridorProperties.Delivery d = properties.delivery();
        int connect = registered != null ? registered.connectTimeoutMs() : d.httpConnectTimeoutMs();
        int response = registered != null ? registered.responseTimeoutMs() : d.httpResponseTimeoutMs();
        String uri = url + (url.contains("?") ? "&" : "?") + "connectTimeout=" + connect + "&responseTimeout="
                + response + "&throwExceptionOnFailure=true";
        if (registered != null && registered.trust() != null) {
            uri += "&sslContextParameters=#" + trustBean(partnerId);
        }
        return uri;
    }

    /** The file endpoint for the partner's folder: temporary name first, renamed when complete. */
    private static String folderUri(Path folder) {
        return "file:" + folder + "?tempPrefix=.inflight-&fileExist=Override";
    }

    /** The send succeeded: DELIVERED. */
    public void delivered(Exchange exchange) {
        delivered(
                exchange.getProperty(Headers.DOCUMENT_ID, String.class),
                exchange.getProperty(Headers.PARTNER, String.class),
                channelOf(exchange),
                exchange.getProperty(Headers.TARGET, String.class),
                attempts(exchange),
                exchange.getProperty(PAYLOAD, TrackingStore.Payload.class));
    }

    /**
     * DELIVERED after {@code attempts} sends, what was sent kept with it; also for a delivery that ends later than its
     * send (an AS2 message whose asynchronous receipt came).
     */
    void delivered(
            String documentId,
            String partnerId,
            String channel,
            String target,
            int attempts,
            TrackingStore.Payload payload) {
        var ack = partners.find(partnerId).flatMap(RegisteredPartner::expectedAck);
        tracking.delivered(
                documentId,
                partnerId,
                channel,
                target,
                attempts,
                ack.map(a -> a.expected().label()).orElse(null),
                ack.map(PartnerProfile.Ack::overdueAfter).orElse(null),
                payload);
        meters.counter("corridor.deliveries", "partner", partnerId, "status", DeliveryStatus.DELIVERED.name())
                .increment();
        LOG.info("Document {} delivered to {} at {} (attempt {})", documentId, partnerId, target, attempts);
    }

    /** The last attempt failed, or the fault is permanent: FAILED with the partner's last answer. */
    public void failed(Exchange exchange) {
        As2Endpoint.discardAfterFault(exchange);
        failed(
                exchange.getProperty(Headers.DOCUMENT_ID, String.class),
                exchange.getProperty(Headers.PARTNER, String.class),
                channelOf(exchange),
                exchange.getProperty(Headers.TARGET, String.class),
                attempts(exchange),
                describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)),
                exchange.getProperty(PAYLOAD, TrackingStore.Payload.class));
    }

    /** FAILED after {@code attempts} sends with {@code error}; also for an AS2 message whose receipt failed it. */
    void failed(
            String documentId,
            String partnerId,
            String channel,
            String target,
            int attempts,
            String error,
            TrackingStore.Payload payload) {
        tracking.deliveryFailed(documentId, partnerId, channel, target, attempts, error, payload);
        meters.counter("corridor.deliveries", "partner", partnerId, "status", DeliveryStatus.FAILED.name())
                .increment();
        LOG.error("Delivery of {} to {} FAILED: {}", documentId, partnerId, error);
    }

    /**
     * Faults that will not change by asking again: an HTTP 4xx other than 408 and 429, and a refused SFTP login
     * (wrong password or key), a server certificate we do not trust or that names another host; retrying those only
     * delays the FAILED an operator has to act on.
     */
    public boolean isPermanent(Exchange exchange) {
        Exception e = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e instanceof HttpOperationFailedException http) {
            int code = http.getStatusCode();
            return code >= 400 && code < 500 && code != 408 && code != 429;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JSchException && String.valueOf(t.getMessage()).startsWith("Auth fail")) {
                return true;
            }
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static String channelOf(Exchange exchange) {
        return exchange.getProperty(Headers.CHANNEL, String.class);
    }

    static int attempts(Exchange exchange) {
        return 1 + exchange.getProperty(RETRIES, 0, Integer.class);
    }

    /**
     * Whether a transient fault is retried ({@code retryWhile} of outbound-errors): as long as the partner's
     * {@code maxRetries} are not spent. Sets the wait before the retry ({@code CamelRedeliveryDelay}): the partner's
     * initial delay, times its multiplier for each retry already made, at most its maximum delay.
     */
    public boolean retryAgain(Exchange exchange) {
        RegisteredPartner.RetryPolicy policy = retryPolicy(exchange.getProperty(Headers.PARTNER, String.class));
        int retries = exchange.getProperty(RETRIES, 0, Integer.class);
        if (retries >= policy.maxRetries()) {
            return false;
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, retryDelayMs(policy, retries));
        return true;
    }

    /** The partner's retry policy: its partner file's, else the defaults ({@code corridor.delivery.*}). */
    RegisteredPartner.RetryPolicy retryPolicy(String partnerId) {
        CorridorProperties.Delivery d = properties.delivery();
        return partners.find(partnerId)
                .map(RegisteredPartner::retry)
                .orElse(new RegisteredPartner.RetryPolicy(
                        d.maximumRedeliveries(),
                        d.redeliveryDelayMs(),
                        d.backoffMultiplier(),
                        d.maximumRedeliveryDelayMs()));
    }

    /** The wait before the retry that follows {@code retries} retries: initial delay, times the multiplier each. */
    static long retryDelayMs(RegisteredPartner.RetryPolicy policy, int retries) {
        double delay = policy.initialDelayMs() * Math.pow(policy.multiplier(), retries);
        return (long) Math.min(policy.maxDelayMs(), delay);
    }

    /** Called by the error handler before each retry: counts it and says so in the log. */
    public void retrying(Exchange exchange) {
        As2Endpoint.discardAfterFault(exchange);
        int retries = exchange.getProperty(RETRIES, 0, Integer.class) + 1;
        exchange.setProperty(RETRIES, retries);
        Exception cause = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        logRetry(
                exchange.getProperty(Headers.DOCUMENT_ID, String.class),
                exchange.getProperty(Headers.PARTNER, String.class),
                describe(cause),
                retries);
    }

    /** The log line of a failed send that will be retried (also an AS2 message resent after its receipt failed it). */
    static void logRetry(String documentId, String partnerId, String reason, int retry) {
        LOG.warn("Delivery of {} to {} failed ({}); retry {} follows", documentId, partnerId, reason, retry);
    }

    static String describe(Exception cause) {
        if (cause instanceof HttpOperationFailedException http) {
            String body =
                    http.getResponseBody() == null ? "" : http.getResponseBody().strip();
            return "HTTP " + http.getStatusCode() + " " + http.getStatusText()
                    + (body.isEmpty() ? "" : ": " + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
        }
        if (cause == null) {
            return "unknown fault";
        }
        if (cause instanceof As2ReceiptException receipt) {
            // the partner's own words (its disposition), not a Java class name
            return "AS2 receipt: " + receipt.getMessage();
        }
        String message = String.valueOf(cause.getMessage());
        int options = message.startsWith("Error invoking ") ? message.lastIndexOf("}: ") : -1;
        if (options >= 0) {
            // camel-as2 prints every option of the send, the whole payload among them: only its reason is kept
            message = "camel-as2 could not send: " + message.substring(options + 3);
        }
        String described = cause.getClass().getSimpleName() + ": " + message;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) {
                // the root of a refused certificate may be a bare "Signature does not match": say what failed
                return "TLS handshake with the partner's server failed; its certificate is not trusted by the partner"
                        + " file's tls trust store (or the JVM's), or does not name the URL's host ("
                        + t.getClass().getSimpleName() + ": " + t.getMessage() + ")"
                        + (t == cause ? "" : "; " + described);
            }
        }
        // "Cannot connect to sftp://..." alone does not say why: the root cause does (authentication, host key)
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause
                ? described
                : described + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
