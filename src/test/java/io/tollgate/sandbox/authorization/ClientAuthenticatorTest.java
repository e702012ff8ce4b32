package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientAuthenticatorTest {

    private static final String TOKEN_ENDPOINT = "http://localhost:9080/sandbox/okta/oauth2/default/v1/token";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static RSAKey clientKey;
    private static RSAKey strangerKey;

    private final AssertionReplayGuard replayGuard = new AssertionReplayGuard();
    private ClientAuthenticator authenticator;

    @BeforeAll
    static void generateKeys() throws JOSEException {
        clientKey = new RSAKeyGenerator(2048).keyID("client-key").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("client-key").generate();
    }

    @BeforeEach
    void setUp() {
        ClientRegistry clients = ClientRegistry.of(List.of(
                new Client("agent-reader", Optional.of("agent-reader-secret"), List.of("okta.users.read"), List.of("agents-readonly"), Optional.empty()),
                new Client("key-agent", Optional.empty(), List.of("okta.users.read"), List.of(), Optional.of(new JWKSet(clientKey.toPublicJWK())))));
        authenticator = new ClientAuthenticator(clients, TOKEN_ENDPOINT, Clock.fixed(NOW, ZoneOffset.UTC), replayGuard);
    }

    @Test
    void clientSecretBasic() {
        assertEquals("agent-reader", authenticator.authenticate(basic("agent-reader", "agent-reader-secret"), form()).id());
    }

    @Test
    void clientSecretPost() {
        assertEquals("agent-reader", authenticator.authenticate(null,
                form("client_id", "agent-reader", "client_secret", "agent-reader-secret")).id());
    }

    @Test
    void wrongOrMissingSecretsAreInvalidClientWithoutSayingWhich() {
        OAuthException wrong = refused(basic("agent-reader", "agent-reader-secreT"), form());
        OAuthException unknown = refused(basic("nobody", "agent-reader-secret"), form());
        assertEquals("invalid_client", wrong.error());
        assertEquals(401, wrong.status());
        assertEquals(wrong.description(), unknown.description());
        assertEquals("invalid_client", refused(null, form("client_id", "key-agent", "client_secret", "")).error(),
                "a client without a secret cannot use one");
        assertEquals("invalid_client", refused(null, form()).error());
        assertEquals("invalid_client", refused("Basic not-base64!", form()).error());
    }

    @Test
    void twoWaysOfAuthenticatingAtOnceAreRefused() {
        OAuthException both = refused(basic("agent-reader", "agent-reader-secret"),
                form("client_id", "agent-reader", "client_secret", "agent-reader-secret"));
        assertEquals("invalid_request", both.error());
        assertEquals(400, both.status());
    }

    @Test
    void privateKeyJwt() throws JOSEException {
        assertEquals("key-agent", authenticator.authenticate(null, assertionForm(sign(clientKey, claims().build()))).id());
    }

    @Test
    void assertionForAnotherAudienceIsRefused() throws JOSEException {
        String assertion = sign(clientKey, claims().audience("http://localhost:9080/sandbox/okta/oauth2/v1/token").build());
        assertEquals("The audience claim for client_assertion must be the endpoint invoked for the request.",
                refused(null, assertionForm(assertion)).description());
    }

    @Test
    void expiredAssertionIsRefused() throws JOSEException {
        String assertion = sign(clientKey, claims().expirationTime(Date.from(NOW.minus(Duration.ofMinutes(5)))).build());
        assertEquals("The client_assertion token is expired.", refused(null, assertionForm(assertion)).description());
    }

    @Test
    void assertionLivingLongerThanAnHourIsRefused() throws JOSEException {
        String assertion = sign(clientKey, claims().expirationTime(Date.from(NOW.plus(Duration.ofHours(2)))).build());
        assertEquals("invalid_client", refused(null, assertionForm(assertion)).error());
    }

    @Test
    void replayedJtiIsRefused() throws JOSEException {
        String assertion = sign(clientKey, claims().build());
        authenticator.authenticate(null, assertionForm(assertion));
        assertEquals("The client_assertion token has already been used (jti is not unique).",
                refused(null, assertionForm(assertion)).description());
    }

    @Test
    void assertionWithoutJtiIsRefused() throws JOSEException {
        String assertion = sign(clientKey, claims().jwtID(null).build());
        assertEquals("The client_assertion must have a jti claim.", refused(null, assertionForm(assertion)).description());
    }

    @Test
    void assertionSignedWithAnotherKeyIsRefused() throws JOSEException {
        String assertion = sign(strangerKey, claims().build());
        assertEquals("The client_assertion signature is invalid.", refused(null, assertionForm(assertion)).description());
    }

    @Test
    void unsignedAssertionIsRefused() {
        String assertion = new PlainJWT(claims().build()).serialize();
        assertEquals("invalid_client", refused(null, assertionForm(assertion)).error());
    }

    @Test
    void sharedSecretAlgorithmsAreRefused() throws JOSEException {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner("a shared secret that is long enough for HS256".getBytes(StandardCharsets.UTF_8)));
        assertEquals("invalid_client", refused(null, assertionForm(hmac.serialize())).error());
    }

    @Test
    void issuerAndSubjectMustBothBeTheClient() throws JOSEException {
        String assertion = sign(clientKey, claims().subject("agent-reader").build());
        assertEquals("invalid_client", refused(null, assertionForm(assertion)).error());
    }

    @Test
    void wrongAssertionTypeIsRefused() throws JOSEException {
        Map<String, String> form = assertionForm(sign(clientKey, claims().build()));
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");
        assertEquals("invalid_request", refused(null, form).error());
    }

    @Test
    void garbageAssertionIsRefused() {
        assertEquals("The client_assertion is not a valid JWT.", refused(null, assertionForm("not.a.jwt")).description());
    }

    private OAuthException refused(String authorization, Map<String, String> form) {
        return assertThrows(OAuthException.class, () -> authenticator.authenticate(authorization, form));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer("key-agent")
                .subject("key-agent")
                .audience(TOKEN_ENDPOINT)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Map<String, String> assertionForm(String assertion) {
        return form("client_assertion_type", ClientAuthenticator.JWT_BEARER, "client_assertion", assertion);
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }
}
