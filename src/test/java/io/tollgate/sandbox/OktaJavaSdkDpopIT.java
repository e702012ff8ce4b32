package io.tollgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.User;
import io.tollgate.sandbox.SandboxClient.Answer;
import io.tollgate.testsupport.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3, acceptance 4: the official Okta Java SDK in its {@code PRIVATE_KEY} authorization mode,
 * given a service app registered through the Apps API, completes the OAuth 2.0 + DPoP handshake with
 * the sandbox's org authorization server (proof, nonce, DPoP-bound token), lists users with the
 * scope it was granted, and is refused, in Okta's error format, what its scopes do not cover.
 * The SDK addresses {@code /oauth2/v1/token} at its org URL's root, so the org is reached through
 * {@link RootMountedOrg}.
 */
class OktaJavaSdkDpopIT {

    @BeforeAll
    static void allowPlainHttpToTheTestServer() {
        System.setProperty("okta.testing.disableHttpsCheck", "true");
    }

    @Test
    void privateKeyModeCompletesTheDpopHandshakeAndKeepsToItsScopes() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        String clientId = serviceApp(key, "okta.users.read");

        try (RootMountedOrg org = new RootMountedOrg()) {
            ApiClient client = Clients.builder()
                    .setOrgUrl(org.url())
                    .setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
                    .setClientId(clientId)
                    .setScopes(Set.of("okta.users.read"))
                    .setPrivateKey(key.toPrivateKey())
                    .build();

            List<User> users = new UserApi(client).listUsers(null, null, null, 5, null, null, null, null);
            assertEquals(5, users.size());
            assertNotNull(users.get(0).getId());

            ApiException refused = assertThrows(ApiException.class, () -> new GroupApi(client).listGroups(null, null, null, 5, null, null, null, null));
            assertEquals(403, refused.getCode());
            assertEquals("E0000006", Json.read(refused.getResponseBody()).path("errorCode").asText(), refused.getResponseBody());

            List<RootMountedOrg.Exchange> tokenRequests = org.exchanges().stream()
                    .filter(exchange -> exchange.path().equals("/oauth2/v1/token")).toList();
            assertEquals(3, tokenRequests.size(), "proof missing, nonce missing, then the token");
            assertEquals("invalid_dpop_proof", Json.read(tokenRequests.get(0).body()).path("error").asText());
            assertFalse(tokenRequests.get(0).requestHeaders().containsKey("DPoP"));
            assertEquals("use_dpop_nonce", Json.read(tokenRequests.get(1).body()).path("error").asText());
            String nonce = tokenRequests.get(1).responseHeaders().get("DPoP-Nonce");
            assertNotNull(nonce, "the nonce comes in the DPoP-Nonce header");
            JsonNode token = Json.read(tokenRequests.get(2).body());
            assertEquals(200, tokenRequests.get(2).status(), tokenRequests.get(2).body());
            assertEquals("DPoP", token.path("token_type").asText());
            assertEquals(nonce, com.nimbusds.jwt.SignedJWT.parse(tokenRequests.get(2).requestHeaders().get("DPoP"))
                    .getJWTClaimsSet().getStringClaim("nonce"), "the final proof carries the nonce");

            RootMountedOrg.Exchange listing = org.exchanges().stream()
                    .filter(exchange -> exchange.path().equals("/api/v1/users")).findFirst().orElseThrow();
            assertTrue(listing.requestHeaders().get("Authorization").startsWith("DPoP "));
            com.nimbusds.jwt.JWTClaimsSet proof = com.nimbusds.jwt.SignedJWT.parse(listing.requestHeaders().get("DPoP")).getJWTClaimsSet();
            assertEquals("GET", proof.getStringClaim("htm"));
            assertEquals(org.url() + "/api/v1/users", proof.getStringClaim("htu"));
            assertNotNull(proof.getStringClaim("ath"));
        }
    }

    @Test
    void aTokenRequestWithoutADpopProofIsRefusedFirst() {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(SandboxClient.org() + "/oauth2/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=okta.users.read"))
                .build();
        Answer answer = SandboxClient.exchange(request);
        assertEquals(400, answer.status());
        assertEquals("invalid_dpop_proof", answer.body().path("error").asText());
    }

    /** Registers an OIDC service app with the key's public half and grants it the scopes; answers its client id. */
    static String serviceApp(RSAKey key, String... scopes) {
        String jwks = "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}";
        Answer app = SandboxClient.post("/api/v1/apps", "{\"name\":\"oidc_client\",\"label\":\"IT service app " + UUID.randomUUID()
                + "\",\"signOnMode\":\"OPENID_CONNECT\",\"credentials\":{\"oauthClient\":{\"token_endpoint_auth_method\":\"private_key_jwt\"}},"
                + "\"settings\":{\"oauthClient\":{\"grant_types\":[\"client_credentials\"],\"response_types\":[\"token\"],"
                + "\"application_type\":\"service\",\"jwks\":" + jwks + "}}}");
        assertEquals(200, app.status(), app.raw().body());
        assertFalse(app.body().path("credentials").path("oauthClient").has("client_secret"), "a key-only app has no secret");
        String clientId = app.body().path("credentials").path("oauthClient").path("client_id").asText();
        for (String scope : scopes) {
            Answer grant = SandboxClient.post("/api/v1/apps/" + app.id() + "/grants",
                    "{\"issuer\":\"" + SandboxClient.org() + "\",\"scopeId\":\"" + scope + "\"}");
            assertEquals(201, grant.status(), grant.raw().body());
        }
        return clientId;
    }
}
