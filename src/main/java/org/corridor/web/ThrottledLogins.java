package org.corridor.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The console's form login: a user name and password checked against {@link StaffUsers}, unless {@link LoginThrottle}
 * refuses the name or the address for now (then the password is not even looked at); each wrong password is counted.
 */
final class ThrottledLogins implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledLogins(StaffUsers users, PasswordEncoder encoder, LoginThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(encoder);
        this.passwords.setUserDetailsService(
                name -> users.find(name).orElseThrow(() -> new UsernameNotFoundException("no such user")));
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        var locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            throw new LockedException("Too many failed logins. Try again in "
                    + seconds(locked.get().toSeconds()) + ".");
        }
        try {
            Authentication done = passwords.authenticate(authentication);
            throttle.succeeded(username);
            return done;
        } catch (BadCredentialsException e) {
            throttle.failed(username, address);
            throw e;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            throw new BadCredentialsException("wrong user name or password");
        }
    }

    private static String seconds(long s) {
        return s >= 120 ? (s + 59) / 60 + " minutes" : Math.max(1, s) + " seconds";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
