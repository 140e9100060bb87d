package org.corridor.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of partners' HTTP intake ({@code corridor.inbound.*}).
 *
 * @param maxBytes the longest body {@code POST /api/inbound} takes (a number of bytes, or {@code 50MB}); a longer
 *                 one is answered 413 and nothing of it is kept
 */
@Validated
@ConfigurationProperties(prefix = "corridor.inbound")
record InboundSettings(@NotNull DataSize maxBytes) {}
