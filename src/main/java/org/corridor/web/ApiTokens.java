package org.corridor.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The staff API tokens for machines ({@code corridor.api.*}, from the environment): one bearer token per role. The
 * operator token of earlier versions is the operator's. An unset token opens nothing.
 *
 * @param viewerToken   reads documents, dossiers, partners and agreements
 * @param operatorToken also uploads documents, replays them and retries deliveries
 * @param adminToken    also reads the API description and the actuator (metrics, health details)
 */
@ConfigurationProperties(prefix = "corridor.api")
record ApiTokens(String viewerToken, String operatorToken, String adminToken) {

    /** The role whose token this {@code Authorization} header carries ({@code Bearer <token>}), compared in constant time. */
    Optional<StaffRole> roleOf(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        byte[] presented = authorization.strip().getBytes(StandardCharsets.UTF_8);
        StaffRole found = null;
        // every token is compared, so the time taken does not tell which one came close
        for (StaffRole role : StaffRole.values()) {
            String token = tokenOf(role);
            if (token != null
                    && !token.isBlank()
                    && MessageDigest.isEqual(("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8), presented)) {
                found = found == null || role.includes(found) ? role : found;
            }
        }
        return Optional.ofNullable(found);
    }

    private String tokenOf(StaffRole role) {
        return switch (role) {
            case VIEWER -> viewerToken;
            case OPERATOR -> operatorToken;
            case ADMIN -> adminToken;
        };
    }

    @Override
    public String toString() {
        return "ApiTokens[viewer=" + mask(viewerToken) + ", operator=" + mask(operatorToken) + ", admin="
                + mask(adminToken) + "]";
    }

    private static String mask(String token) {
        return token == null || token.isBlank() ? "unset" : "******";
    }
}
