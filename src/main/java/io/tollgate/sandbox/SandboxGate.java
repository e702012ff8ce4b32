package io.tollgate.sandbox;

import io.tollgate.okta.OktaError;
import io.tollgate.policy.catalog.OktaOperationCatalog;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.sandbox.authorization.DPoPProof;
import io.tollgate.sandbox.authorization.OrgAuthorizationServer;
import io.tollgate.sandbox.org.Actor;
import io.tollgate.sandbox.org.Caller;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * Runs before any sandbox resource is matched. While the sandbox is disabled every path answers
 * 404, so a production server shows nothing of it. While enabled, the Management API takes, as
 * Okta's does, either the org's API token ({@code Authorization: SSWS <token>}, full access) or an
 * access token of the org authorization server bound to a DPoP proof
 * ({@code Authorization: DPoP <token>} and {@code DPoP: <proof>} naming {@code htm}, {@code htu}
 * and {@code ath}), which reaches only the operations whose scopes (from Okta's operation catalog)
 * the token carries. The sandbox's admin endpoints take the API token only; the authorization
 * servers' endpoints are public, as Okta's are.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class SandboxGate implements ContainerRequestFilter {

    private static final String SSWS = "SSWS ";
    private static final String DPOP = "DPoP ";

    @Inject
    SandboxSettings settings;

    @Inject
    Instance<OrgAuthorizationServer> orgAuthorizationServer;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = SandboxErrors.relativePath(request.getUriInfo());
        if (!settings.enabled()) {
            request.abortWith(SandboxErrors.response(OktaError.notFound(request.getUriInfo().getRequestUri().getPath())));
            return;
        }
        boolean api = path.startsWith("api/");
        if (!api && !path.startsWith(SandboxAdminResource.PATH + "/") && !path.equals(SandboxAdminResource.PATH)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (hasApiToken(authorization)) {
            return;
        }
        if (api && startsWith(authorization, DPOP)) {
            authorizeServiceApp(request, authorization.substring(DPOP.length()).trim(), path);
            return;
        }
        request.abortWith(SandboxErrors.response(OktaError.invalidToken()));
    }

    private void authorizeServiceApp(ContainerRequestContext request, String accessToken, String path) {
        OrgAddress address = OrgAddress.of(request.getUriInfo());
        OrgAuthorizationServer.Grant grant;
        try {
            grant = orgAuthorizationServer.get().verify(accessToken, request.getHeaderString("DPoP"), request.getMethod(),
                    address.requestUrls(), address.orgUrls());
        } catch (DPoPProof.InvalidProofException invalid) {
            request.abortWith(challenged(OktaError.of(401, OktaError.INVALID_TOKEN, "Invalid token provided", invalid.getMessage()),
                    "invalid_dpop_proof", invalid.getMessage()));
            return;
        } catch (OrgAuthorizationServer.InvalidAccessTokenException invalid) {
            request.abortWith(challenged(OktaError.invalidToken(), "invalid_token", "The access token is invalid."));
            return;
        }
        Optional<Operation> operation = OktaOperationCatalog.get().resolve(request.getMethod(), "/" + path);
        if (operation.isEmpty() || operation.get().scopes().isEmpty() || !grant.scopes().containsAll(operation.get().scopes())) {
            String needed = operation.map(found -> String.join(" ", found.scopes())).orElse("an API token");
            request.abortWith(challenged(OktaError.of(403, OktaError.PERMISSION_DENIED,
                            "You do not have permission to perform the requested action",
                            "The access token provided does not contain the required scopes: " + needed),
                    "insufficient_scope", "The access token provided does not contain the required scopes."));
            return;
        }
        caller.authenticated(Actor.serviceApp(grant.clientId()));
    }

    /** Okta's error body, with the RFC 9449 challenge that tells a DPoP client what went wrong. */
    private static Response challenged(OktaError error, String oauthError, String description) {
        return Response.fromResponse(SandboxErrors.response(error))
                .header(HttpHeaders.WWW_AUTHENTICATE, "DPoP algs=\"RS256 RS384 RS512 ES256 ES384 ES512\", error=\""
                        + oauthError + "\", error_description=\"" + description + "\"")
                .build();
    }

    private boolean hasApiToken(String authorization) {
        if (!startsWith(authorization, SSWS)) {
            return false;
        }
        return Secrets.same(authorization.substring(SSWS.length()).trim(), settings.apiToken());
    }

    private static boolean startsWith(String header, String scheme) {
        return header != null && header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
