package io.tollgate.sandbox;

import io.tollgate.okta.OktaError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Runs before any sandbox resource is matched. While the sandbox is disabled every path answers
 * 404, so a production server shows nothing of it. While enabled, the Management API requires the
 * org's API token ({@code Authorization: SSWS <token>}), as Okta does; the authorization server's
 * endpoints are public, as Okta's are.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class SandboxGate implements ContainerRequestFilter {

    private static final String SSWS = "SSWS ";

    @Inject
    SandboxSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = SandboxErrors.relativePath(request.getUriInfo());
        if (!settings.enabled()) {
            request.abortWith(SandboxErrors.response(OktaError.notFound(request.getUriInfo().getRequestUri().getPath())));
            return;
        }
        if (path.startsWith("api/") && !hasApiToken(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(SandboxErrors.response(OktaError.invalidToken()));
        }
    }

    private boolean hasApiToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SSWS, 0, SSWS.length())) {
            return false;
        }
        return Secrets.same(authorization.substring(SSWS.length()).trim(), settings.apiToken());
    }
}
