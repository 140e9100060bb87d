package org.corridor.base;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything about the deployment that routes must not hard-code: where the folders are, which queues carry what,
 * where the agreements are, and how each partner is reached. Bound from {@code corridor.*} (application.yaml).
 */
@Validated
@ConfigurationProperties(prefix = "corridor")
public record CorridorProperties(
        @NotNull Path home,
        @NotEmpty List<Path> agreementFolders,
        @Valid @NotNull Queues queues,
        @Valid @NotNull Delivery delivery,
        Map<String, @Valid Partner> partners) {

    public CorridorProperties {
        partners = partners == null ? Map.of() : Map.copyOf(partners);
    }

    /** The JMS queues between the stages. */
    public record Queues(
            @NotEmpty String inbound,
            @NotEmpty String process,
            @NotEmpty String deliver,
            @NotEmpty String dead) {}

    /** Retry policy for transient delivery faults, and the HTTP and SFTP timeouts. */
    public record Delivery(
            @Min(0) int maximumRedeliveries,
            @Min(1) long redeliveryDelayMs,
            @Min(1) double backoffMultiplier,
            @Min(1) long maximumRedeliveryDelayMs,
            @Min(1) int httpConnectTimeoutMs,
            @Min(1) int httpResponseTimeoutMs,
            @Min(1) int sftpConnectTimeoutMs,
            @Min(1) int sftpTimeoutMs) {}

    /**
     * How one partner is reached: overrides of the endpoint in its partner file ({@code partners/<ID>.yaml}), field
     * by field; a partner with neither gets a folder. Only the settings of its channel matter:
     * <ul>
     * <li>{@code FOLDER}: {@code folder} (default {@code outbox/<partner>});</li>
     * <li>{@code HTTP}: {@code url} of the endpoint that is POSTed to;</li>
     * <li>{@code SFTP}: {@code url} {@code sftp://host:port}, {@code directory} on the server (relative to the
     * login folder; {@code /dir} is absolute), {@code username} with {@code password} or {@code privateKeyFile},
     * and the host key check: {@code knownHostsFile}, {@code strictHostKeyChecking} ({@code yes} unless set to
     * {@code no});</li>
     * <li>{@code JMS}: {@code queue} on the gateway's own broker.</li>
     * </ul>
     * The password comes from configuration or the environment and is never shown ({@link #toString()}).
     */
    public record Partner(
            Channel channel,
            Path folder,
            URI url,
            String username,
            String password,
            Path privateKeyFile,
            String directory,
            Path knownHostsFile,
            String strictHostKeyChecking,
            String queue) {

        public Partner {
            // null stays null, so that a partner file's value shows through an override that does not set it
            strictHostKeyChecking = strictHostKeyChecking == null || strictHostKeyChecking.isBlank()
                    ? null
                    : strictHostKeyChecking.strip().toLowerCase(Locale.ROOT);
        }

        /** A partner with nothing configured: a folder under {@code outbox/}. */
        public static Partner defaultFolder() {
            return new Partner(Channel.FOLDER, null, null, null, null, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "Partner[channel=" + channel + ", folder=" + folder + ", url=" + url + ", username=" + username
                    + ", password=" + (password == null ? null : "******") + ", privateKeyFile=" + privateKeyFile
                    + ", directory=" + directory + ", knownHostsFile=" + knownHostsFile
                    + ", strictHostKeyChecking=" + strictHostKeyChecking + ", queue=" + queue + "]";
        }
    }

    /** The delivery channels this build supports. */
    public enum Channel {
        FOLDER,
        HTTP,
        SFTP,
        JMS,
        /** AS2 (RFC 4130): signed and encrypted S/MIME over HTTP, delivered when the partner's signed receipt comes. */
        AS2
    }

    /** The partner's settings; partners are matched case-insensitively, as environment variables are upper case. */
    public Optional<Partner> partner(String partnerId) {
        return partners.entrySet().stream()
                .filter(e -> e.getKey().toUpperCase(Locale.ROOT).equals(partnerId.toUpperCase(Locale.ROOT)))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
