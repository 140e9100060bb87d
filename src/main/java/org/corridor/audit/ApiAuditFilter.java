package org.corridor.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every staff or API action, with who did it: each request of an authenticated caller to the API ({@code /api/**},
 * reads too: who looked at which dossier is worth knowing) and each of its other requests that changes something
 * (any method but GET, HEAD, OPTIONS, such as a console form) becomes an {@code api.request} entry, actor the caller,
 * subject the method and path, details the answer's status. Runs after the security filters, inside them, so the
 * caller is known. What the action itself records (a replay's event) has its own entry, in its own transaction.
 */
@Component
class ApiAuditFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuditFilter.class);

    private final AuditLog audit;

    ApiAuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String actor = AuditLog.currentActor();
        try {
            chain.doFilter(request, response);
        } finally {
            // the caller as the security filters found it (they ran before this filter)
            if (AuditLog.SYSTEM.equals(actor)) {
                actor = AuditLog.currentActor();
            }
            if (!AuditLog.SYSTEM.equals(actor) && audited(request)) {
                String query = request.getQueryString();
                try {
                    audit.append(
                            actor,
                            "api.request",
                            request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query),
                            "answered " + response.getStatus());
                } catch (DataAccessException e) {
                    LOG.error(
                            "API request {} {} by {} could not be written to the audit log: {}",
                            request.getMethod(),
                            request.getRequestURI(),
                            actor,
                            e.getMessage());
                }
            }
        }
    }

    private static boolean audited(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getRequestURI().startsWith("/api/")
                || !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }
}
