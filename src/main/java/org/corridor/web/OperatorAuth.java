package org.corridor.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.corridor.partner.PartnerSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The operators' bearer token ({@code corridor.api.operator-token}, from the environment) that the operator API asks
 * for; while none is configured every request is refused.
 */
@Component
class OperatorAuth {

    private final PartnerSettings settings;

    OperatorAuth(PartnerSettings settings) {
        this.settings = settings;
    }

    boolean isOperator(String authorization) {
        String token = settings.operatorToken();
        return token != null && authorization != null && MessageDigest.isEqual(
                ("Bearer " + token).getBytes(StandardCharsets.UTF_8),
                authorization.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The 401 answer: which header is missing, never whether the token exists. */
    <T> ResponseEntity<T> refusal(T body) {
        return ResponseEntity.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"corridor\"")
                .body(body);
    }

    static Map<String, Object> refusalBody() {
        return Map.of("error", "the operator token is required (Authorization: Bearer <token>)");
    }
}
