package org.corridor.web;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is calling the HTTP API, as the {@code Authorization} header showed: an operator (the operator token) or a
 * partner (its {@code inbound.http} credentials), by id. The principal of an authenticated request.
 */
record ApiCaller(Role role, String partnerId) implements java.security.Principal {

    /** What a caller may do: operators use the operator API and the actuator, partners post documents. */
    enum Role {
        OPERATOR, PARTNER;

        /** The authority Spring Security checks ({@code hasRole("OPERATOR")} is {@code ROLE_OPERATOR}). */
        GrantedAuthority authority() {
            return new SimpleGrantedAuthority("ROLE_" + name());
        }
    }

    static ApiCaller operator() {
        return new ApiCaller(Role.OPERATOR, null);
    }

    static ApiCaller partner(String partnerId) {
        return new ApiCaller(Role.PARTNER, partnerId);
    }

    List<GrantedAuthority> authorities() {
        return List.of(role.authority());
    }

    /** The name the audit log gives the caller as actor: {@code operator}, or the partner's id. */
    @Override
    public String getName() {
        return role == Role.OPERATOR ? "operator" : partnerId;
    }

    @Override
    public String toString() {
        return role == Role.OPERATOR ? "operator" : "partner " + partnerId;
    }
}
