package org.corridor.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the caller from the {@code Authorization} header, and from nothing else: it runs before anything touches the
 * request body, so a stranger's upload is answered 401 before a byte of it is read. A request without valid
 * credentials goes on anonymous; the filter chain's rules then refuse it wherever credentials are needed.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final AuthenticationManager authentication;

    ApiTokenFilter(AuthenticationManager authentication) {
        this.authentication = authentication;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            try {
                Authentication caller =
                        authentication.authenticate(ApiTokenAuthenticationProvider.unchecked(authorization));
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(caller);
                SecurityContextHolder.setContext(context);
            } catch (AuthenticationException e) {
                // wrong credentials are no credentials: the rules answer 401 where they are needed
                SecurityContextHolder.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
