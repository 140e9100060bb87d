package org.corridor.partner;

import java.nio.file.Path;
import java.util.Optional;
import org.corridor.base.CorridorProperties;

/**
 * A partner as the gateway uses it: its file, merged with the {@code corridor.partners.<ID>.*} overrides, with the
 * defaults filled in and every secret resolved from the property or environment variable its file names. Secrets
 * never appear in {@link #toString()}.
 *
 * @param endpoint  where deliveries go (channel and its settings; the SFTP password resolved)
 * @param auth      the header an HTTP partner authenticates our POSTs with, or null
 * @param trust     the trust store for HTTPS, or null for the JVM's default
 * @param inbound   the credentials the partner presents to {@code POST /api/inbound}, or null
 * @param inboundSftp the SFTP folder we poll for the partner's documents, or null
 * @param as2       the partner's AS2 partnership with its keys loaded, or null
 */
public record RegisteredPartner(
        PartnerProfile profile,
        Path source,
        CorridorProperties.Partner endpoint,
        HttpAuth auth,
        TrustStore trust,
        int connectTimeoutMs,
        int responseTimeoutMs,
        RetryPolicy retry,
        PartnerProfile.Ack ack,
        InboundCredentials inbound,
        InboundSftp inboundSftp,
        As2 as2) {

    public String id() {
        return profile.id();
    }

    /** The acknowledgement this partner sends, when it sends one. */
    public Optional<PartnerProfile.Ack> expectedAck() {
        return ack == null || ack.expected() == null || ack.expected() == PartnerProfile.AckType.NONE
                ? Optional.empty()
                : Optional.of(ack);
    }

    /** The header name and value that authenticate a POST to the partner. */
    public record HttpAuth(String header, String value) {
        @Override
        public String toString() {
            return "HttpAuth[header=" + header + ", value=******]";
        }
    }

    /** A trust store file and its password. */
    public record TrustStore(Path path, String password, String type) {
        @Override
        public String toString() {
            return "TrustStore[path=" + path + ", type=" + type + "]";
        }
    }

    /** Retries of transient faults: as many, first after so long, growing by the multiplier up to the maximum. */
    public record RetryPolicy(int maxRetries, long initialDelayMs, double multiplier, long maxDelayMs) {}

    /** What the partner presents to {@code POST /api/inbound}: a bearer token, or basic user and password. */
    public record InboundCredentials(PartnerProfile.AuthType type, String username, String secret) {
        @Override
        public String toString() {
            return "InboundCredentials[type=" + type + ", username=" + username + ", secret=******]";
        }
    }

    /** The partner's SFTP folder we poll, with the password resolved. */
    public record InboundSftp(PartnerProfile.InboundSftp settings, String password) {
        @Override
        public String toString() {
            return "InboundSftp[" + settings + "]";
        }
    }

    /**
     * An AS2 partnership, resolved: the names, our private key and certificate chain, the partner's certificate, the
     * algorithms (camel-as2's enum names) and the receipt we ask for. The key never appears in {@link #toString()}.
     *
     * @param partnerAs2Id the partner's AS2 name
     * @param ourAs2Id     our AS2 name towards it
     * @param ourKey       we sign what we send and our receipts with it, and decrypt what the partner sends
     * @param ourChain     our certificate chain (the partner encrypts for it and checks our signatures)
     * @param partnerChain the partner's certificate (we encrypt for it and check its signatures)
     * @param signing      {@code AS2SignatureAlgorithm} name, e.g. SHA256WITHRSA
     * @param encryption   {@code AS2EncryptionAlgorithm} name, e.g. AES256_CBC; null: not encrypted
     * @param compression  {@code AS2CompressionAlgorithm} name, ZLIB; null: not compressed
     * @param mdnMode      where the partner's receipt on what we send comes
     * @param micAlgorithm the MIC digest we ask for, e.g. {@code sha-256}
     * @param asyncTimeout how long an asynchronous receipt may take
     * @param receiptUrls  where the partner may ask us to post asynchronous receipts
     */
    public record As2(
            String partnerAs2Id,
            String ourAs2Id,
            java.security.PrivateKey ourKey,
            java.security.cert.Certificate[] ourChain,
            java.security.cert.Certificate[] partnerChain,
            String signing,
            String encryption,
            String compression,
            PartnerProfile.MdnMode mdnMode,
            String micAlgorithm,
            java.time.Duration asyncTimeout,
            java.util.List<java.net.URI> receiptUrls) {

        /** Whether the partner receives our receipt request answered later, at our receipt address. */
        public boolean asyncMdn() {
            return mdnMode == PartnerProfile.MdnMode.ASYNC;
        }

        @Override
        public String toString() {
            return "As2[partnerAs2Id=" + partnerAs2Id + ", ourAs2Id=" + ourAs2Id + ", signing=" + signing
                    + ", encryption=" + encryption + ", compression=" + compression + ", mdnMode=" + mdnMode
                    + ", micAlgorithm=" + micAlgorithm + ", asyncTimeout=" + asyncTimeout + ", receiptUrls="
                    + receiptUrls + "]";
        }
    }

    @Override
    public String toString() {
        return "RegisteredPartner[id=" + id() + ", source=" + source + ", endpoint=" + endpoint + ", auth=" + auth
                + ", trust=" + trust + ", retry=" + retry + ", ack=" + ack + ", inbound=" + inbound + ", as2=" + as2
                + "]";
    }
}
