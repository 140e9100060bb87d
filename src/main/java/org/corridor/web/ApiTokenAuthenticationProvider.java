package org.corridor.web;

import org.corridor.partner.PartnerRegistry;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code Authorization} header of a request into its caller: a staff API token ({@code corridor.api.*})
 * makes a viewer, operator or admin, a partner's bearer token or basic user and password ({@code inbound.http} in its
 * partner file) that partner; anything else is refused. Secrets are compared in constant time by {@link ApiTokens}
 * and {@link PartnerRegistry#authenticateInbound}. People log in to the console with a form instead
 * ({@link StaffUsers}).
 */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokens tokens;
    private final PartnerRegistry partners;

    ApiTokenAuthenticationProvider(ApiTokens tokens, PartnerRegistry partners) {
        this.tokens = tokens;
        this.partners = partners;
    }

    /** A header not yet checked: {@link #authenticate} says whose it is. */
    static Authentication unchecked(String authorization) {
        return new PreAuthenticatedAuthenticationToken(null, authorization);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String authorization = (String) authentication.getCredentials();
        ApiCaller caller = tokens.roleOf(authorization)
                .map(ApiCaller::staff)
                .or(() -> partners.authenticateInbound(authorization).map(p -> ApiCaller.partner(p.id())))
                .orElseThrow(() -> new BadCredentialsException("no staff token or partner has these credentials"));
        // the secret is not kept with the caller: nothing later needs it
        PreAuthenticatedAuthenticationToken authenticated =
                new PreAuthenticatedAuthenticationToken(caller, null, caller.authorities());
        authenticated.setDetails(authentication.getDetails());
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
