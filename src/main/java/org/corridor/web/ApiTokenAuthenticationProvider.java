package org.corridor.web;

import org.corridor.partner.PartnerRegistry;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code Authorization} header of a request into its caller: the operator token
 * ({@code corridor.api.operator-token}) makes an operator, a partner's bearer token or basic user and password
 * ({@code inbound.http} in its partner file) that partner; anything else is refused. Secrets are compared in constant
 * time by {@link OperatorAuth} and {@link PartnerRegistry#authenticateInbound}. Being a bean, it also keeps Spring
 * Boot from generating a default user and password: there is no login but these tokens.
 */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final OperatorAuth operators;
    private final PartnerRegistry partners;

    ApiTokenAuthenticationProvider(OperatorAuth operators, PartnerRegistry partners) {
        this.operators = operators;
        this.partners = partners;
    }

    /** A header not yet checked: {@link #authenticate} says whose it is. */
    static Authentication unchecked(String authorization) {
        return new PreAuthenticatedAuthenticationToken(null, authorization);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String authorization = (String) authentication.getCredentials();
        ApiCaller caller;
        if (operators.isOperator(authorization)) {
            caller = ApiCaller.operator();
        } else {
            caller = partners.authenticateInbound(authorization).map(p -> ApiCaller.partner(p.id()))
                    .orElseThrow(() -> new BadCredentialsException("no operator or partner has these credentials"));
        }
        // the secret is not kept with the caller: nothing later needs it
        PreAuthenticatedAuthenticationToken authenticated = new PreAuthenticatedAuthenticationToken(caller, null,
                caller.authorities());
        authenticated.setDetails(authentication.getDetails());
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
