package org.corridor.platform;

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
    public record Queues(@NotEmpty String inbound, @NotEmpty String process, @NotEmpty String deliver,
                         @NotEmpty String dead) {
    }

    /** Retry policy for transient delivery faults, and the HTTP timeouts. */
    public record Delivery(@Min(0) int maximumRedeliveries, @Min(1) long redeliveryDelayMs,
                           @Min(1) double backoffMultiplier, @Min(1) long maximumRedeliveryDelayMs,
                           @Min(1) int httpConnectTimeoutMs, @Min(1) int httpResponseTimeoutMs) {
    }

    /** How one partner is reached: a folder (default {@code outbox/<partner>}) or an HTTP endpoint. */
    public record Partner(Channel channel, Path folder, URI url) {
    }

    /** The delivery channels this build supports. */
    public enum Channel { FOLDER, HTTP }

    /** The partner's settings; partners are matched case-insensitively, as environment variables are upper case. */
    public Optional<Partner> partner(String partnerId) {
        return partners.entrySet().stream()
                .filter(e -> e.getKey().toUpperCase(Locale.ROOT).equals(partnerId.toUpperCase(Locale.ROOT)))
                .map(Map.Entry::getValue).findFirst();
    }
}
