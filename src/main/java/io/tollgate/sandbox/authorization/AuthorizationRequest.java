package io.tollgate.sandbox.authorization;

import java.util.List;

/**
 * A validated request to the authorization endpoint (authorization code flow with PKCE, S256).
 *
 * @param state what the client sent, returned untouched with the code (or null)
 * @param nonce what the client sent, put into the ID token (or null)
 */
public record AuthorizationRequest(Client client, String redirectUri, List<String> scopes, String state, String nonce,
                                   String codeChallenge) {

    public AuthorizationRequest {
        scopes = List.copyOf(scopes);
    }
}
