package io.tollgate.sandbox.authorization;

import java.time.Clock;

/** The parts of the sandbox's authorization server, made together when the sandbox starts. */
public final class AuthorizationServer {

    private final String issuer;
    private final SigningKey signingKey;
    private final ClientRegistry clients;
    private final TokenEndpoint tokenEndpoint;
    private final AuthorizationEndpoint authorizationEndpoint;

    public AuthorizationServer(String issuer, SigningKey signingKey, ClientRegistry clients, Clock clock) {
        this.issuer = issuer;
        this.signingKey = signingKey;
        this.clients = clients;
        AuthorizationCodes codes = new AuthorizationCodes(clock);
        this.tokenEndpoint = new TokenEndpoint(
                new ClientAuthenticator(clients, tokenEndpointUrl(), clock, new AssertionReplayGuard()),
                new AccessTokenIssuer(signingKey, issuer, clock), clients, codes);
        this.authorizationEndpoint = new AuthorizationEndpoint(clients, issuer, codes);
    }

    public String authorizationEndpointUrl() {
        return issuer + "/v1/authorize";
    }

    public AuthorizationEndpoint authorizationEndpoint() {
        return authorizationEndpoint;
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
