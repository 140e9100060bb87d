package org.corridor.web;

import org.springframework.security.core.Authentication;

/** How a caller is named in the timeline ("amina", "operator token"): the staff user, or the token's role. */
final class Actors {

    private Actors() {}

    static String of(Authentication caller) {
        if (caller == null) {
            return null;
        }
        return caller.getPrincipal() instanceof ApiCaller api ? api.toString() : caller.getName();
    }
}
