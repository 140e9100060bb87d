package org.corridor.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The staff passwords' encoder (bcrypt), outside {@link WebSecurity}: {@link StaffUsers} needs it to create the first
 * admin even where the gateway runs without its HTTP server (tests, embedded use), so the password works once it has.
 */
@Configuration(proxyBeanMethods = false)
class Passwords {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
