package org.corridor.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The partner registry's settings ({@code corridor.partner-folders}, {@code corridor.api.*},
 * {@code corridor.acks.*}): where partner files are, the operators' API token, how often overdue acknowledgements
 * are looked for.
 */
@Validated
@ConfigurationProperties(prefix = "corridor")
public record PartnerSettings(
        @NotEmpty List<Path> partnerFolders,
        @Valid Api api,
        @Valid @NotNull Acks acks) {

    /** The operators' API token, or null when none is set (the replay API then refuses every call). */
    public String operatorToken() {
        return api == null || api.operatorToken() == null || api.operatorToken().isBlank() ? null : api.operatorToken();
    }

    /** @param operatorToken the bearer token operators present to the replay API; unset means the API refuses all */
    public record Api(String operatorToken) {

        @Override
        public String toString() {
            return "Api[operatorToken=" + (operatorToken == null ? null : "******") + "]";
        }
    }

    /** @param checkInterval how often deliveries awaiting an acknowledgement are checked for being overdue */
    public record Acks(@NotNull Duration checkInterval) {}
}
