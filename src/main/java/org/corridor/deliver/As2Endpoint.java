package org.corridor.deliver;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.hc.core5.http.ContentType;
import org.corridor.base.As2Settings;
import org.corridor.base.CorridorProperties;
import org.corridor.base.Headers;
import org.corridor.partner.RegisteredPartner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camel-as2 client endpoint of an AS2 partner ({@code as2:client/send}, docs/AS2-PLAN.md §2), and what one message
 * to it looks like (body, per-message headers, the MIC its receipt must carry). One endpoint per partner: what differs
 * per document (file name, content type, charset) goes in {@code CamelAs2.*} headers, because every distinct URI of a
 * {@code toD} is an endpoint of its own, with its own connection pool.
 */
public final class As2Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(As2Endpoint.class);

    /** camel-as2 takes any endpoint option from a message header with this prefix. */
    static final String HEADER_PREFIX = "CamelAs2.";

    /** The query parameter of our receipt address that names the partner (its AS2 id) the receipt is for. */
    public static final String RECEIPT_PARTNER_PARAMETER = "as2From";

    /** Our User-Agent on every AS2 message we send (camel-as2's default names camel-as2). */
    static final String USER_AGENT = "Corridor";

    private As2Endpoint() {}

    /** Registry name of our private key towards the partner (bound by {@link PartnerRoutes}). */
    static String keyBean(String partnerId) {
        return "corridorAs2Key-" + partnerId;
    }

    /** Registry name of our certificate chain towards the partner. */
    static String chainBean(String partnerId) {
        return "corridorAs2Chain-" + partnerId;
    }

    /** Registry name of the partner's certificate chain (we encrypt for it). */
    static String partnerChainBean(String partnerId) {
        return "corridorAs2PartnerChain-" + partnerId;
    }

    /** Registry name of the TLS context of an {@code https} AS2 partner. */
    static String sslBean(String partnerId) {
        return "corridorAs2Ssl-" + partnerId;
    }

    /**
     * After a send that failed other than by its receipt: drops the partner's camel-as2 endpoint, so the next attempt
     * makes a new one. camel-as2's client does not give a connection back to its pool when the send fails (4.17,
     * {@code AS2ClientConnection.send}); after as many failures as the pool holds (5), every send waited 5 s for a
     * connection and failed, even once the partner was back, until the gateway restarted.
     */
    static void discardAfterFault(Exchange exchange) {
        if (!CorridorProperties.Channel.AS2.name().equals(exchange.getProperty(Headers.CHANNEL, String.class))) {
            return;
        }
        Exception cause = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String uri = exchange.getVariable(DeliveryService.ENDPOINT, String.class);
        if (cause instanceof As2ReceiptException || uri == null) {
            return; // the partner answered: the connection went back to the pool
        }
        Endpoint endpoint = exchange.getContext().hasEndpoint(uri);
        if (endpoint != null) {
            try {
                exchange.getContext().removeEndpoint(endpoint);
            } catch (Exception e) {
                LOG.debug(
                        "Could not remove the AS2 endpoint of {}: {}",
                        exchange.getProperty(Headers.PARTNER),
                        e.getMessage());
            }
        }
    }

    /**
     * The endpoint URI: the partner's AS2 URL, our names, the structure (always signed; encrypted and compressed as the
     * partner file says), a signed receipt with the partner's MIC algorithm, at our receipt address when it is
     * asynchronous, and the partner's timeouts.
     */
    static String uri(RegisteredPartner partner, URI url, As2Settings settings) {
        RegisteredPartner.As2 as2 = partner.as2();
        String id = partner.id();
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        // our host as partners reach it: the right part of every Message-ID we send (camel-as2's own default is
        // camel.apache.org), and a mailbox the partner may name in its logs (camel-as2 needs it to ask for a receipt)
        String host = settings.publicUrl().getHost() == null
                ? "localhost"
                : settings.publicUrl().getHost();
        String mailbox = as2.ourAs2Id() + "@" + host;
        StringBuilder uri = new StringBuilder("as2:client/send?inBody=ediMessage")
                .append("&targetHostname=")
                .append(encode(url.getHost()))
                .append("&targetPortNumber=")
                .append(port)
                .append("&requestUri=")
                .append(encode(path))
                .append("&subject=")
                .append(encode("EDI from " + as2.ourAs2Id()))
                .append("&from=")
                .append(encode(mailbox))
                .append("&clientFqdn=")
                .append(encode(host))
                .append("&userAgent=")
                .append(encode(USER_AGENT))
                .append("&as2From=")
                .append(encode(as2.ourAs2Id()))
                .append("&as2To=")
                .append(encode(as2.partnerAs2Id()))
                .append("&as2MessageStructure=")
                .append(structure(as2))
                .append("&signingAlgorithm=")
                .append(as2.signing())
                .append("&signingCertificateChain=#")
                .append(chainBean(id))
                .append("&signingPrivateKey=#")
                .append(keyBean(id))
                // asks for a receipt at all, and for a signed one with a MIC: only a signed receipt proves delivery
                .append("&dispositionNotificationTo=")
                .append(encode(mailbox))
                .append("&signedReceiptMicAlgorithms=")
                .append(encode(as2.micAlgorithm()))
                .append("&httpConnectionTimeout=")
                .append(Duration.ofMillis(partner.connectTimeoutMs()))
                .append("&httpSocketTimeout=")
                .append(Duration.ofMillis(partner.responseTimeoutMs()));
        if (as2.compression() != null) {
            uri.append("&compressionAlgorithm=").append(as2.compression());
        }
        if (as2.encryption() != null) {
            uri.append("&encryptingAlgorithm=")
                    .append(as2.encryption())
                    .append("&encryptingCertificateChain=#")
                    .append(partnerChainBean(id));
        }
        if (as2.asyncMdn()) {
            // the receipt address names the partner: camel-as2's server (and perhaps other products) posts its
            // asynchronous receipt without AS2-From/AS2-To, and POST /as2/mdn tells the partner before reading the body
            uri.append("&receiptDeliveryOption=")
                    .append(encode(settings.receiptUrl() + "?" + RECEIPT_PARTNER_PARAMETER + "="
                            + encode(as2.partnerAs2Id())));
        }
        if ("https".equalsIgnoreCase(url.getScheme())) {
            // camel-as2 speaks TLS when given an SSLContext: the partner file's tls trust store, else the JVM's
            // default trust (PartnerRoutes binds it); its client checks the host name (As2TlsDeliveryGatewayTest)
            uri.append("&sslContext=#").append(sslBean(id));
        }
        return uri.toString();
    }

    /** The structure camel-as2 builds: always signed; compressed before signing, encrypted last. */
    static String structure(RegisteredPartner.As2 as2) {
        boolean encrypted = as2.encryption() != null;
        boolean compressed = as2.compression() != null;
        if (encrypted && compressed) {
            return "ENCRYPTED_COMPRESSED_SIGNED";
        }
        if (encrypted) {
            return "SIGNED_ENCRYPTED";
        }
        return compressed ? "COMPRESSED_SIGNED" : "SIGNED";
    }

    /**
     * What one document becomes: the text camel-as2 encodes back to the same bytes (it takes a String or a stream, and
     * a stream would be spent after the first of several retries), the per-message headers, and the MIC.
     *
     * @param text          the body to send
     * @param ediType       the {@code ediMessageContentType}
     * @param charset       the {@code ediMessageCharset}
     * @param mic           the MIC (Base64) the partner's receipt must carry
     */
    record Outgoing(String text, String ediType, Charset charset, String mic) {}

    /** The message for {@code content} of the rendered {@code contentType}, named {@code outputName}. */
    static Outgoing outgoing(byte[] content, String contentType, String outputName, String micAlgorithm) {
        String ediType = ediType(contentType);
        Charset charset = charset(contentType, ediType);
        String text = new String(content, charset);
        String mic = As2Receipts.mic(
                text.getBytes(charset), ediType, charset, null, outputName, micAlgorithm.toUpperCase(Locale.ROOT));
        return new Outgoing(text, ediType, charset, mic);
    }

    /**
     * camel-as2 builds the payload part only for application/edifact, application/edi-x12, application/edi-consent and
     * application/xml (EntityUtils.createEDIEntity). EDIFACT and X12 go as themselves; anything else Corridor renders
     * (canonical JSON, CSV) goes as application/edi-consent, RFC 1767's type for EDI under a bilateral agreement: the
     * partnership says what is inside.
     */
    static String ediType(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/edifact")) {
            return "application/edifact";
        }
        if (type.startsWith("application/edi-x12")) {
            return "application/edi-x12";
        }
        if (type.startsWith("application/xml")) {
            return "application/xml";
        }
        return "application/edi-consent";
    }

    /**
     * The charset the rendered content type names; else ISO-8859-1 for EDIFACT and X12 (EDIFACT's UNOC is Latin-1,
     * X12's character sets are within it, and any byte survives the round trip through a String) and UTF-8 for the
     * rest.
     */
    static Charset charset(String contentType, String ediType) {
        try {
            Charset named =
                    contentType == null ? null : ContentType.parse(contentType).getCharset();
            if (named != null) {
                return named;
            }
        } catch (RuntimeException unparseable) {
            // no usable charset parameter: the default below
        }
        return ediType.equals("application/edifact") || ediType.equals("application/edi-x12")
                ? StandardCharsets.ISO_8859_1
                : StandardCharsets.UTF_8;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
