package io.tollgate.sandbox.authorization;

import java.time.Clock;

/** The parts of the sandbox's authorization server, made together when the sandbox starts. */
public final class AuthorizationServer {

    private final String issuer;
    private final SigningKey signingKey;
    private final ClientRegistry clients;
    private final TokenEndpoint tokenEndpoint;

    public AuthorizationServer(String issuer, SigningKey signingKey, ClientRegistry clients, Clock clock) {
        this.issuer = issuer;
        this.signingKey = signingKey;
        this.clients = clients;
        this.tokenEndpoint = new TokenEndpoint(
                new ClientAuthenticator(clients, tokenEndpointUrl(), clock, new AssertionReplayGuard()),
                new AccessTokenIssuer(signingKey, issuer, clock));
    }

    public String issuer() {
        return issuer;
    }

    public String tokenEndpointUrl() {
        return issuer + "/v1/token";
    }

    public SigningKey signingKey() {
        return signingKey;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint;
    }
}
