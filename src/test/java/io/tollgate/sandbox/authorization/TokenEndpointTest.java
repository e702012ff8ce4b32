package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenEndpointTest {

    private static final String ISSUER = "http://localhost:9080/sandbox/okta/oauth2/default";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final SigningKey signingKey = SigningKey.generate();
    private final AuthorizationServer server = new AuthorizationServer(ISSUER, signingKey,
            ClientRegistry.of(List.of(new Client("agent-provisioner", Optional.of("agent-provisioner-secret"),
                    List.of("okta.users.read", "okta.users.manage"), List.of("agents-provisioning"), Optional.empty()))),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final String basic = "Basic " + Base64.getEncoder()
            .encodeToString("agent-provisioner:agent-provisioner-secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void issuesAnOktaShapedAccessToken() throws ParseException, JOSEException {
        JsonObject response = server.tokenEndpoint().token(basic, Map.of("grant_type", "client_credentials"));
        assertEquals("Bearer", response.getString("token_type"));
        assertEquals(3600, response.getInt("expires_in"));
        assertEquals("okta.users.read okta.users.manage", response.getString("scope"));

        SignedJWT token = SignedJWT.parse(response.getString("access_token"));
        RSAKey published = signingKey.publicKeys().getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();
        assertTrue(token.verify(new RSASSAVerifier(published)));
        JWTClaimsSet claims = token.getJWTClaimsSet();
        JsonObject payload = Json.createReader(new StringReader(token.getPayload().toString())).readObject();
        assertEquals(List.of("ver", "jti", "iss", "aud", "iat", "exp", "cid", "scp", "sub", "groups"), List.copyOf(payload.keySet()));
        assertEquals("api://default", payload.getString("aud"), "a single audience, as a string like Okta's");
        assertEquals(1L, claims.getLongClaim("ver"));
        assertTrue(claims.getJWTID().startsWith("AT."));
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(List.of("api://default"), claims.getAudience());
        assertEquals(NOW.plusSeconds(3600), claims.getExpirationTime().toInstant());
        assertEquals("agent-provisioner", claims.getStringClaim("cid"));
        assertEquals("agent-provisioner", claims.getSubject());
        assertEquals(List.of("okta.users.read", "okta.users.manage"), claims.getStringListClaim("scp"));
        assertEquals(List.of("agents-provisioning"), claims.getStringListClaim("groups"));
    }

    @Test
    void grantsOnlyTheScopesAskedFor() throws ParseException {
        JsonObject response = server.tokenEndpoint().token(basic, Map.of("grant_type", "client_credentials", "scope", "okta.users.read"));
        assertEquals("okta.users.read", response.getString("scope"));
        assertEquals(List.of("okta.users.read"),
                SignedJWT.parse(response.getString("access_token")).getJWTClaimsSet().getStringListClaim("scp"));
    }

    @Test
    void refusesScopesTheClientIsNotAllowed() {
        OAuthException refused = assertThrows(OAuthException.class, () -> server.tokenEndpoint()
                .token(basic, Map.of("grant_type", "client_credentials", "scope", "okta.users.read okta.apps.manage")));
        assertEquals("invalid_scope", refused.error());
        assertTrue(refused.description().endsWith("okta.apps.manage"));
    }

    @Test
    void refusesOtherGrantTypesAndMissingOnes() {
        assertEquals("unsupported_grant_type", assertThrows(OAuthException.class,
                () -> server.tokenEndpoint().token(basic, Map.of("grant_type", "password"))).error());
        assertEquals("invalid_request", assertThrows(OAuthException.class,
                () -> server.tokenEndpoint().token(basic, Map.of())).error());
    }
}
