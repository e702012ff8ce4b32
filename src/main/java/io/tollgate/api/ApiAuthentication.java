package io.tollgate.api;

import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.AgentTokenVerifier;
import io.tollgate.identity.AuthorizationHeader;
import io.tollgate.identity.IdentityProviderUnavailableException;
import io.tollgate.identity.InvalidAgentTokenException;
import io.tollgate.identity.Role;
import io.tollgate.identity.RoleMapping;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Every call to Tollgate's API carries a token from a trusted issuer, verified exactly as agents'
 * tokens are on the proxy; its groups give the caller's roles.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiAuthentication implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(ApiAuthentication.class.getName());

    @Inject
    AgentTokenVerifier verifier;

    @Inject
    RoleMapping roleMapping;

    @Inject
    ApiCaller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> authorizations = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        AgentIdentity identity;
        try {
            if (authorizations != null && authorizations.size() > 1) {
                throw new InvalidAgentTokenException("more than one Authorization header");
            }
            identity = verifier.verify(AuthorizationHeader.token(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        } catch (InvalidAgentTokenException e) {
            request.abortWith(Response.fromResponse(Problem.response(401, "A valid access token from a trusted issuer is required"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\"").build());
            return;
        } catch (IdentityProviderUnavailableException e) {
            LOG.warning(e.getMessage());
            request.abortWith(Problem.response(503, "Access tokens cannot be verified right now"));
            return;
        }
        Set<Role> roles = roleMapping.rolesOf(identity);
        caller.authenticated(identity, roles);
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return identity::subject;
            }

            @Override
            public boolean isUserInRole(String role) {
                return roles.stream().anyMatch(held -> held.roleName().equals(role));
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
