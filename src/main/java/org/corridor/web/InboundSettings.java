package org.corridor.web;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of partners' HTTP intake ({@code corridor.inbound.*}).
 *
 * @param maxBytes the longest body {@code POST /api/inbound} takes (a number of bytes, or {@code 50MB}); a longer
 *                 one is answered 413 and nothing of it is kept
 * @param minBytesPerSecond after {@code slowGrace}, at least this much of the body for every second after it; a
 *                 slower one is answered 408 and nothing of it is kept (a trickling client holds a request thread)
 * @param slowGrace how long a body may come at any pace before the minimum counts
 */
@Validated
@ConfigurationProperties(prefix = "corridor.inbound")
record InboundSettings(
        @NotNull DataSize maxBytes,
        @NotNull DataSize minBytesPerSecond,
        @NotNull Duration slowGrace) {}
