package io.tollgate.approvals;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Security headers of the approvals page: scripts, styles and images only from Tollgate itself, no
 * inline script, network calls only to Tollgate and the issuer (discovery and token endpoint), never
 * framed, no referrer (the URL briefly holds an authorization code), nothing cached.
 */
@WebFilter(filterName = "approvals-headers", urlPatterns = "/approvals/*")
public class ApprovalsPageHeaders extends HttpFilter {

    @Inject
    transient ApprovalsPageSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String connect = "'self'" + settings.issuerOrigin().map(origin -> " " + origin).orElse("");
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "connect-src " + connect + "; form-action 'none'; base-uri 'none'; frame-ancestors 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }
}
