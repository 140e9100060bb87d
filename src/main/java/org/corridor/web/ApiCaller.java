package org.corridor.web;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is calling the HTTP API, as the {@code Authorization} header showed: a machine holding one of the staff API
 * tokens (viewer, operator or admin), or a partner (its {@code inbound.http} credentials), by id. The principal of a
 * request authenticated by its header.
 */
record ApiCaller(StaffRole staffRole, String partnerId) implements java.security.Principal {

    /** The authority of partners, who may only post documents. */
    static final String PARTNER = "PARTNER";

    static ApiCaller staff(StaffRole role) {
        return new ApiCaller(role, null);
    }

    static ApiCaller partner(String partnerId) {
        return new ApiCaller(null, partnerId);
    }

    boolean isPartner() {
        return partnerId != null;
    }

    List<GrantedAuthority> authorities() {
        return isPartner() ? List.of(new SimpleGrantedAuthority("ROLE_" + PARTNER)) : staffRole.authorities();
    }

    /** The name the audit log gives the caller as actor: the partner's id, or the staff token's role. */
    @Override
    public String getName() {
        return isPartner() ? partnerId : toString();
    }

    /** How the caller appears in the timeline and logs: {@code operator token}, {@code partner KHILAB}. */
    @Override
    public String toString() {
        return isPartner() ? "partner " + partnerId : staffRole.name().toLowerCase(java.util.Locale.ROOT) + " token";
    }
}
