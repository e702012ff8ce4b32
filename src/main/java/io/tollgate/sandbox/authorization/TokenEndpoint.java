package io.tollgate.sandbox.authorization;

import io.tollgate.common.Sha256;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The token endpoint's logic. Client credentials: authenticate the client, settle the scopes (those
 * asked for, each of which the client must be allowed, or else all it is allowed), and issue the
 * access token. Authorization code: redeem a code of the authorization endpoint once, for the client
 * it was issued to, at the same redirect URI and with the PKCE verifier of its challenge, and issue
 * the signed-in person's access token (and ID token, for scope openid).
 */
public final class TokenEndpoint {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String AUTHORIZATION_CODE = "authorization_code";

    /** RFC 7636: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final ClientAuthenticator authenticator;
    private final AccessTokenIssuer issuer;
    private final ClientRegistry clients;
    private final AuthorizationCodes codes;

    public TokenEndpoint(ClientAuthenticator authenticator, AccessTokenIssuer issuer, ClientRegistry clients, AuthorizationCodes codes) {
        this.authenticator = authenticator;
        this.issuer = issuer;
        this.clients = clients;
        this.codes = codes;
    }

    /** @param form the request's parameters, each given once */
    public JsonObject token(String authorization, Map<String, String> form) {
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw OAuthException.invalidRequest("The grant_type parameter is required.");
        }
        if (grantType.equals(AUTHORIZATION_CODE)) {
            return redeem(authorization, form);
        }
        if (!grantType.equals(CLIENT_CREDENTIALS)) {
            throw OAuthException.unsupportedGrantType("The authorization grant type is not supported by the authorization server. "
                    + "Configured grant types: [" + CLIENT_CREDENTIALS + ", " + AUTHORIZATION_CODE + "].");
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

    private JsonObject redeem(String authorization, Map<String, String> form) {
        Client client = clients.find(form.getOrDefault("client_id", "")).filter(Client::isPublic)
                .orElseGet(() -> authenticator.authenticate(authorization, form));
        String invalid = "The authorization code is invalid or has expired.";
        AuthorizationCodes.Issued issued = codes.redeem(form.get("code")).orElseThrow(() -> OAuthException.invalidGrant(invalid));
        AuthorizationRequest request = issued.request();
        if (!request.client().id().equals(client.id()) || !request.redirectUri().equals(form.get("redirect_uri"))) {
            throw OAuthException.invalidGrant(invalid);
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !VERIFIER.matcher(verifier).matches() || !challengeOf(verifier).equals(request.codeChallenge())) {
            throw OAuthException.invalidGrant("PKCE verification failed for the code challenge.");
        }
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("token_type", "Bearer")
                .add("expires_in", AccessTokenIssuer.LIFETIME.toSeconds())
                .add("access_token", issuer.issue(issued.user(), client, request.scopes()))
                .add("scope", String.join(" ", request.scopes()));
        if (request.scopes().contains("openid")) {
            answer.add("id_token", issuer.idToken(issued.user(), client, request.nonce()));
        }
        return answer.build();
    }

    private static String challengeOf(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static List<String> scopes(Client client, String requested) {
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
