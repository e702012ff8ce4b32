package io.tollgate.credential;

import io.tollgate.connection.ApiTokenCredential;
import io.tollgate.connection.Connection;
import io.tollgate.connection.ServiceAppCredential;
import io.tollgate.connection.UpstreamCredential;
import io.tollgate.policy.catalog.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorizes requests to an upstream with the connection's own credential: its API token as it is,
 * or, for a service app, a DPoP-bound token carrying only the scopes the request needs
 * ({@link UpstreamScopes}). Tokens, DPoP keys and nonces are kept per connection in memory, and
 * start afresh when the connection's credential changes (another client, key, token URL or scopes).
 */
@ApplicationScoped
public class UpstreamAuthorizer {

    /** How long before its expiry a cached token is no longer used (at most half its lifetime). */
    @Inject
    @ConfigProperty(name = "tollgate.credential.token-refresh-margin", defaultValue = "PT60S")
    Duration refreshMargin;

    @Inject
    UpstreamScopes upstreamScopes;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<String, ServiceAppSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param grantId   the grant the request passes under, if any
     * @param operation the operation the request performs, if known
     * @param uri       the upstream request's URI
     * @throws UpstreamCredentialException when the connection has no credential or no token can be had
     */
    public UpstreamAuthorization authorize(Connection connection, Optional<String> grantId, Optional<Operation> operation,
                                           String method, URI uri) throws UpstreamCredentialException {
        UpstreamCredential credential = connection.credential().orElseThrow(() ->
                new UpstreamCredentialException("connection " + connection.name() + " has no upstream credential"));
        if (credential instanceof ApiTokenCredential apiToken) {
            return UpstreamAuthorization.fixed(Map.of("Authorization", apiToken.authorizationHeader()));
        }
        ServiceAppCredential serviceApp = (ServiceAppCredential) credential;
        ServiceAppSession session = sessions.compute(connection.name(), (name, current) ->
                current != null && current.credential().equals(serviceApp) ? current
                        : new ServiceAppSession(serviceApp, http, connection.responseTimeout(), Clock.systemUTC(), refreshMargin));
        UpstreamScopes.TokenScope scope = upstreamScopes.of(grantId, operation, serviceApp.scopes());
        UpstreamToken token = session.token(scope.scopes(), scope.notAfter());
        return UpstreamAuthorization.withToken(session, scope.scopes(), token, session.headers(token, method, uri));
    }
}
