package org.corridor.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.corridor.base.As2Settings;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what over HTTP. Three kinds of caller:
 * <ul>
 * <li>staff in a browser, logged in with the console's form ({@code /login}: {@code username}, {@code password},
 * {@code _csrf}); their session's writes need the CSRF token;</li>
 * <li>machines with a staff API token per role ({@code Authorization: Bearer}, {@link ApiTokens}): no session, no
 * CSRF;</li>
 * <li>partners, with their own credentials, for {@code POST /api/inbound} and {@code POST /api/prices} only;</li>
 * <li>AS2 partners, without credentials, for {@code POST /as2} and {@code POST /as2/mdn} only: the message's
 * signature proves who sent it, and the endpoint names the partner from its headers before reading the body.</li>
 * </ul>
 * Roles include each other: VIEWER reads, OPERATOR also uploads, replays and retries (every write), ADMIN also sees
 * users, the API description ({@code /v3/api-docs}, Swagger UI) and the actuator. Anonymous callers get the health
 * status (and readiness) only, and whatever a feature opens with its own {@link AccessRules}. Credentials are read
 * from the headers and the session before anything touches a request body: an anonymous upload is answered 401 before
 * a byte of it is read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurity {

    /** Writes problem details with their extension members at the top level, as Spring MVC does. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
    /** The one path partners may use. */
    static final String INBOUND = "/api/inbound";
    /** Where partners whose partner file allows it send prices. */
    static final String PRICES = "/api/prices";
    /** The console's login page and form. */
    static final String LOGIN = "/login";

    /** AS2 partners' paths: no login, no cookie; the message's signature is checked by the endpoint. */
    private static final Set<String> AS2 = Set.of(As2Settings.INBOUND_PATH, As2Settings.MDN_PATH);

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String[] PUBLIC = {"/error", "/console-assets/**", "/webjars/**", "/favicon.ico"};
    private static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};
    /** Where answers are for programs (problem details), not for a person at a browser (pages, redirects). */
    private static final RequestMatcher API = new OrRequestMatcher(
            request -> path(request).startsWith("/api/"),
            EndpointRequest.toAnyEndpoint(),
            request -> path(request).startsWith("/v3/api-docs"));

    @Bean
    SecurityFilterChain security(
            HttpSecurity http,
            ApiTokenAuthenticationProvider tokens,
            StaffUsers users,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            ObjectProvider<AccessRules> features)
            throws Exception {
        http.authenticationProvider(new ThrottledLogins(users, encoder, throttle))
                .httpBasic(AbstractHttpConfigurer::disable)
                // the request cache would keep requests in the session; the login form carries "next" instead
                .requestCache(AbstractHttpConfigurer::disable)
                // header credentials first: a token's request needs no CSRF token (it carries no cookie)
                .addFilterBefore(new ApiTokenFilter(new ProviderManager(tokens)), CsrfFilter.class)
                .csrf(c -> c.requireCsrfProtectionMatcher(WebSecurity::needsCsrf))
                .formLogin(f -> f.loginPage(LOGIN)
                        .permitAll()
                        .successHandler((request, response, auth) ->
                                response.sendRedirect(request.getContextPath() + next(request.getParameter("next"))))
                        .failureHandler(WebSecurity::loginFailed))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?logout"))
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(request -> path(request).startsWith("/swagger-ui")),
                        new ContentSecurityPolicyHeaderWriter("default-src 'self'; img-src 'self' data:;"
                                + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                                (request, response, failure) -> unauthorized(request, response), API)
                        .defaultAuthenticationEntryPointFor(
                                (request, response, failure) -> toLogin(request, response), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, denied) -> answer(
                                        request,
                                        response,
                                        403,
                                        "these credentials do not allow " + request.getMethod() + " "
                                                + request.getRequestURI()),
                                API)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, denied) -> response.sendError(403), AnyRequestMatcher.INSTANCE))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                            .permitAll()
                            .requestMatchers(PUBLIC)
                            .permitAll()
                            // the login page with any query (?error, ?logout, ?next=): formLogin's permitAll matches
                            // its URL exactly, query included, and would send /login?logout round to itself
                            .requestMatchers(HttpMethod.GET, LOGIN)
                            .permitAll()
                            // the transparency report and the published audit heads: public, no login
                            .requestMatchers(HttpMethod.GET, "/transparency/**")
                            .permitAll()
                            // walking the whole audit chain is an administrator's check
                            .requestMatchers("/api/audit/**")
                            .hasRole(StaffRole.ADMIN.name())
                            .requestMatchers(HttpMethod.POST, INBOUND, PRICES)
                            .hasRole(ApiCaller.PARTNER)
                            // AS2 messages and receipts: the signature proves the partner, checked by the endpoint
                            .requestMatchers(HttpMethod.POST, As2Settings.INBOUND_PATH, As2Settings.MDN_PATH)
                            .permitAll();
                    // a feature's own rules come before the general ones below, so they can open or narrow its paths
                    features.orderedStream().forEach(rules -> rules.apply(a));
                    a.requestMatchers(EndpointRequest.toAnyEndpoint())
                            .hasRole(StaffRole.ADMIN.name())
                            .requestMatchers(API_DOCS)
                            .hasRole(StaffRole.ADMIN.name())
                            .requestMatchers("/admin/**")
                            .hasRole(StaffRole.ADMIN.name())
                            // every write (upload, replay, retry; the console's forms too) is an operator's
                            .requestMatchers(HttpMethod.POST, "/**")
                            .hasRole(StaffRole.OPERATOR.name())
                            .requestMatchers(HttpMethod.PUT, "/**")
                            .hasRole(StaffRole.OPERATOR.name())
                            .requestMatchers(HttpMethod.PATCH, "/**")
                            .hasRole(StaffRole.OPERATOR.name())
                            .requestMatchers(HttpMethod.DELETE, "/**")
                            .hasRole(StaffRole.OPERATOR.name())
                            .anyRequest()
                            .hasRole(StaffRole.VIEWER.name());
                });
        return http.build();
    }

    /**
     * CSRF protects what a browser sends with its session cookie: a logged-in session's writes, and the login form
     * itself. A request authenticated by its {@code Authorization} header carries no cookie to abuse; an anonymous
     * call to the API is refused (401) anyway, before its body is read.
     */
    static boolean needsCsrf(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || AS2.contains(path(request))) {
            return false;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ApiCaller) {
            return false;
        }
        boolean session = auth instanceof UsernamePasswordAuthenticationToken && auth.isAuthenticated();
        return session || !API.matches(request);
    }

    /**
     * Tomcat answers a client's {@code Expect: 100-continue} only once the body is read, not on arrival of the
     * headers: a client that asks first (curl does for large files) never sends a body the gateway refuses.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnlyWhenRead() {
        return factory ->
                factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    /** Where to go after logging in: the page asked for, if it is one of ours, else the document list. */
    static String next(String asked) {
        if (asked == null
                || !asked.startsWith("/")
                || asked.startsWith("//")
                || asked.contains("\\")
                || asked.startsWith(LOGIN)
                || asked.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return asked;
    }

    private static void loginFailed(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        request.getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, failure);
        String next = request.getParameter("next");
        response.sendRedirect(request.getContextPath() + LOGIN + "?error"
                + (next == null ? "" : "&next=" + URLEncoder.encode(next(next), StandardCharsets.UTF_8)));
    }

    /** A page asked for without a login: to the login form, which comes back to the page (GET only). */
    private static void toLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String page = path(request) + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String next = "GET".equals(request.getMethod()) && !"/".equals(page)
                ? "?next=" + URLEncoder.encode(next(page), StandardCharsets.UTF_8)
                : "";
        response.sendRedirect(request.getContextPath() + LOGIN + next);
    }

    /** 401 with the header the caller is missing, never whether a token exists. */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"corridor\"");
        answer(
                request,
                response,
                401,
                INBOUND.equals(request.getRequestURI()) || PRICES.equals(request.getRequestURI())
                        ? "a partner's bearer token or basic credentials are required"
                        : "a staff login or API token is required (Authorization: Bearer <token>)");
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        var problem = Problems.of(status, detail, java.util.Map.of());
        try {
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a path no URI can hold: the answer goes without it
        }
        JSON.writeValue(response.getOutputStream(), problem);
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.substring(request.getContextPath().length());
    }
}
