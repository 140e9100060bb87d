package org.corridor.partner;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.corridor.base.CorridorProperties.Channel;

/**
 * One partner as its registry file describes it ({@code partners/<ID>.yaml}). Secrets are never in the file: each
 * {@code *Property} field names the Spring property or environment variable that holds the secret.
 *
 * @param formats the partner's preferred format per document kind (informative: the agreement's distribution list
 *                decides what a partner receives)
 * @param issues  the document kinds the partner may send us, when it is to send fewer than its roles would let it
 *                (the agreements' {@code issuers} decide what its roles allow); empty: whatever its roles allow
 * @param prices  the price sources the partner may send prices of ({@code POST /api/prices}); absent: none
 * @param as2     the partner's AS2 partnership (ids, keys, algorithms, receipts); absent: it does not speak AS2
 */
public record PartnerProfile(
        String id,
        String name,
        List<String> roles,
        List<InterchangeId> interchangeIds,
        Map<String, String> formats,
        Endpoint endpoint,
        Auth auth,
        Tls tls,
        Timeouts timeouts,
        Retry retry,
        Ack ack,
        Inbound inbound,
        List<String> issues,
        Prices prices,
        As2 as2) {

    public PartnerProfile {
        roles = roles == null ? List.of() : List.copyOf(roles);
        issues = issues == null ? List.of() : List.copyOf(issues);
        interchangeIds = interchangeIds == null ? List.of() : List.copyOf(interchangeIds);
        formats = formats == null ? Map.of() : Map.copyOf(formats);
    }

    /** A partner nobody wrote a file for (named in an agreement, or only in {@code corridor.partners.*}). */
    static PartnerProfile unregistered(String id) {
        return new PartnerProfile(
                id, id, List.of(), List.of(), Map.of(), null, null, null, null, null, null, null, List.of(), null,
                null);
    }

    /** An identifier the partner uses in interchange envelopes (UNB/ISA), e.g. qualifier {@code ZZ}. */
    public record InterchangeId(String qualifier, String id) {}

    /**
     * Where deliveries go: the channel and its settings, as {@code corridor.partners.<ID>.*} (see
     * {@link org.corridor.base.CorridorProperties.Partner}); the SFTP password by property name.
     */
    public record Endpoint(
            Channel channel,
            Path folder,
            URI url,
            String username,
            String passwordProperty,
            Path privateKeyFile,
            String directory,
            Path knownHostsFile,
            String strictHostKeyChecking,
            String queue) {}

    /** How an HTTP partner authenticates our POSTs. */
    public record Auth(AuthType type, String header, String username, String secretProperty) {}

    /** {@code bearer}: Authorization: Bearer; {@code basic}: Authorization: Basic; {@code api-key}: a named header. */
    public enum AuthType {
        BEARER,
        BASIC,
        API_KEY;

        /** As written in the file: {@code bearer}, {@code basic}, {@code api-key} (case does not matter). */
        @JsonCreator
        public static AuthType of(String text) {
            for (AuthType t : values()) {
                if (t.label().equalsIgnoreCase(text.strip())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not one of bearer, basic, api-key");
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The trust store that holds the partner's server certificate (or its CA), for HTTPS. */
    public record Tls(Path trustStore, String trustStorePasswordProperty, String trustStoreType) {}

    /** Connect and response timeouts; missing values default to {@code corridor.delivery.*}. */
    public record Timeouts(Duration connect, Duration response) {}

    /** Retries of transient faults; missing values default to {@code corridor.delivery.*}. */
    public record Retry(Integer maxRetries, Duration initialDelay, Double multiplier, Duration maxDelay) {}

    /** Which acknowledgement the partner sends back, and when its absence is reported. */
    public record Ack(AckType expected, Duration overdueAfter) {}

    /** The acknowledgements a partner may send. */
    public enum AckType {
        CONTRL,
        X997,
        X999,
        NONE;

        /** As written in the file: {@code CONTRL}, {@code 997}, {@code 999} or {@code NONE}. */
        @JsonCreator
        public static AckType of(String text) {
            for (AckType t : values()) {
                if (t.label().equalsIgnoreCase(text.strip())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not one of CONTRL, 997, 999, NONE");
        }

        /** The name written in files and the database: 997 and 999 are X12 transaction numbers. */
        public String label() {
            return name().startsWith("X") ? name().substring(1) : name();
        }
    }

    /**
     * Prices the partner may send ({@code prices: { sources: [USSMUS] }}): each row's {@code source} must be one of
     * these; a partner speaks only for itself, so a source is usually its own id.
     */
    public record Prices(List<String> sources) {

        public Prices {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }

    /** How the partner sends documents to us: over HTTP ({@code POST /api/inbound}) and/or an SFTP folder we poll. */
    public record Inbound(InboundHttp http, InboundSftp sftp) {}

    /** Credentials the partner presents to {@code POST /api/inbound}: a bearer token or basic user and password. */
    public record InboundHttp(AuthType auth, String username, String secretProperty) {}

    /**
     * An SFTP folder on the partner's server where it leaves documents for us; each file is archived and then deleted
     * ({@code after: delete}) or moved to {@code .done/} ({@code after: move}).
     */
    public record InboundSftp(
            URI url,
            String directory,
            String username,
            String passwordProperty,
            Path privateKeyFile,
            Path knownHostsFile,
            String strictHostKeyChecking,
            String after,
            Duration pollDelay) {}

    /**
     * An AS2 partnership (RFC 4130; docs/mig/as2.md). Keys come from a PKCS12 key store holding our key pair and the
     * partner's certificate; its password by property name, like every secret.
     *
     * @param id                     the partner's AS2 name: {@code AS2-To} of what we send, the {@code AS2-From} we
     *                               expect on what it sends
     * @param ourId                  our AS2 name towards this partner; default {@code corridor.as2.id}
     * @param keyStore               the PKCS12 key store
     * @param keyStorePasswordProperty the property or environment variable holding the key store's password
     * @param ourKeyAlias            our private key and certificate (we sign and decrypt with it)
     * @param partnerCertificateAlias the partner's certificate (we encrypt for it and check its signatures with it)
     * @param signing                signature algorithm, e.g. {@code SHA256WITHRSA}; default SHA256WITHRSA
     * @param encryption             encryption algorithm, e.g. {@code AES256_CBC}, or {@code NONE}; default AES256_CBC
     * @param compression            {@code ZLIB} or {@code NONE}; default NONE
     * @param mdn                    the receipt we ask for on what we send
     * @param receiptUrls            the addresses the partner may ask us to send asynchronous receipts to (its
     *                               {@code Receipt-Delivery-Option}); any other address is refused
     */
    public record As2(
            String id,
            String ourId,
            Path keyStore,
            String keyStorePasswordProperty,
            String ourKeyAlias,
            String partnerCertificateAlias,
            String signing,
            String encryption,
            String compression,
            Mdn mdn,
            List<URI> receiptUrls) {

        public As2 {
            receiptUrls = receiptUrls == null ? List.of() : List.copyOf(receiptUrls);
        }
    }

    /**
     * The receipt (MDN) we ask for on what we send: always signed, with the MIC of what was sent.
     *
     * @param mode         {@code SYNC}: in the HTTP answer; {@code ASYNC}: posted later to {@code corridor.as2}'s
     *                     receipt address
     * @param micAlgorithm the MIC's digest, {@code sha-256} (default) or {@code sha-384}, {@code sha-512}, {@code sha1}
     * @param asyncTimeout how long an asynchronous receipt may take before the message counts as not delivered
     */
    public record Mdn(MdnMode mode, String micAlgorithm, Duration asyncTimeout) {}

    /** Where the partner's receipt comes: in the HTTP answer, or posted to us later. */
    public enum MdnMode {
        SYNC,
        ASYNC
    }
}
