package io.tollgate.sandbox.authorization;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token endpoint's logic for the client credentials grant: authenticate the client, settle the
 * scopes (those asked for, each of which the client must be allowed, or else all it is allowed),
 * and issue the access token.
 */
public final class TokenEndpoint {

    public static final String CLIENT_CREDENTIALS = "client_credentials";

    private final ClientAuthenticator authenticator;
    private final AccessTokenIssuer issuer;

    public TokenEndpoint(ClientAuthenticator authenticator, AccessTokenIssuer issuer) {
        this.authenticator = authenticator;
        this.issuer = issuer;
    }

    /** @param form the request's parameters, each given once */
    public JsonObject token(String authorization, Map<String, String> form) {
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw OAuthException.invalidRequest("The grant_type parameter is required.");
        }
        if (!grantType.equals(CLIENT_CREDENTIALS)) {
            throw OAuthException.unsupportedGrantType("The authorization grant type is not supported by the authorization server. "
                    + "Configured grant types: [" + CLIENT_CREDENTIALS + "].");
        }
        Client client = authenticator.authenticate(authorization, form);
        List<String> scopes = scopes(client, form.get("scope"));
        return Json.createObjectBuilder()
                .add("token_type", "Bearer")
                .add("expires_in", AccessTokenIssuer.LIFETIME.toSeconds())
                .add("access_token", issuer.issue(client, scopes))
                .add("scope", String.join(" ", scopes))
                .build();
    }

    private static List<String> scopes(Client client, String requested) {
        if (requested == null || requested.isBlank()) {
            if (client.scopes().isEmpty()) {
                throw OAuthException.invalidScope("The client has no scopes it may be granted; the sandbox's clients file gives none.");
            }
            return client.scopes();
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split(" +")));
        List<String> refused = asked.stream().filter(scope -> !client.scopes().contains(scope)).toList();
        if (!refused.isEmpty()) {
            throw OAuthException.invalidScope("One or more scopes are not configured for the authorization server resource "
                    + "or not allowed for this client: " + String.join(" ", refused));
        }
        return List.copyOf(asked);
    }
}
