package org.corridor.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what over HTTP, decided from the {@code Authorization} header before any request body is read.
 * Partners post documents ({@code POST /api/inbound}); operators use the operator API ({@code /api/**}) and every
 * actuator endpoint but a bare health status, which anyone may see (its details only operators). Stateless: no
 * session, no cookie, so no CSRF token either; no login form and no generated password: the tokens are the only
 * credentials.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurity {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The one path partners may use. */
    static final String INBOUND = "/api/inbound";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenAuthenticationProvider tokens) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // the request cache looks for a "continue" parameter, which parses (and so reads) a form body
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenFilter(new ProviderManager(tokens)), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> unauthorized(request, response))
                        .accessDeniedHandler((request, response, denied) -> answer(response, 403,
                                "these credentials do not allow " + request.getMethod() + " "
                                        + request.getRequestURI())))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/error").permitAll()
                        // the transparency report and the published audit heads: public, no login
                        .requestMatchers(HttpMethod.GET, "/transparency/**").permitAll()
                        .requestMatchers(HttpMethod.POST, INBOUND).hasRole(ApiCaller.Role.PARTNER.name())
                        .anyRequest().hasRole(ApiCaller.Role.OPERATOR.name()));
        return http.build();
    }

    /**
     * Tomcat answers a client's {@code Expect: 100-continue} only once the body is read, not on arrival of the
     * headers: a client that asks first (curl does for large files) never sends a body the gateway refuses.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnlyWhenRead() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    /** 401 with the header the caller is missing, never whether a token exists. */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"corridor\"");
        answer(response, 401, INBOUND.equals(request.getRequestURI())
                ? "a partner's bearer token or basic credentials are required"
                : "the operator token is required (Authorization: Bearer <token>)");
    }

    private static void answer(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), Map.of("error", error));
    }
}
