package org.corridor.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call the paths of one feature. A feature that serves pages or endpoints of its own declares a bean of this
 * type (a public report: {@code rules.requestMatchers("/transparency/**").permitAll()}); {@link WebSecurity} applies
 * every such bean, in {@code @Order}, after its own rules for the API and before the rule that everything else needs
 * a staff login. Nothing else need change to add a feature.
 */
@FunctionalInterface
public interface AccessRules {

    /** Adds this feature's rules. */
    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
