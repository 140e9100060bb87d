package org.corridor.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a member of staff (a person logged in to the console, or a machine with a staff API token) may do. Each role
 * includes the ones before it: a viewer reads everything; an operator also uploads, replays and retries; an admin also
 * sees users, partners, agreements, the API description and the actuator.
 */
public enum StaffRole {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** {@code ROLE_<name>} of this role and of every role it includes, as Spring Security checks them. */
    public List<GrantedAuthority> authorities() {
        List<GrantedAuthority> granted = new ArrayList<>();
        for (StaffRole r : values()) {
            if (r.ordinal() <= ordinal()) {
                granted.add(new SimpleGrantedAuthority("ROLE_" + r.name()));
            }
        }
        return granted;
    }

    /** Whether this role includes {@code other}. */
    public boolean includes(StaffRole other) {
        return ordinal() >= other.ordinal();
    }
}
