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
        InboundSftp inboundSftp) {

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

    @Override
    public String toString() {
        return "RegisteredPartner[id=" + id() + ", source=" + source + ", endpoint=" + endpoint + ", auth=" + auth
                + ", trust=" + trust + ", retry=" + retry + ", ack=" + ack + ", inbound=" + inbound + "]";
    }
}
