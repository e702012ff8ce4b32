package io.tollgate.identity;

import com.nimbusds.jose.jwk.RSAKey;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.RawHttp;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.tollgate.testsupport.OktaErrors.assertNotEchoed;
import static io.tollgate.testsupport.OktaErrors.assertOktaError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Agents are who their verified token says: anything short of a valid token of a trusted issuer
 * for Tollgate's audience is refused with Okta's 401 (E0000011) before the upstream hears of it.
 * Most tokens come from the issuer the tests run; one comes from the built-in sandbox.
 */
@ExtendWith(UpstreamStubExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentTokenIT {

    private static final String ALLOWED = "agents-readonly";

    /** The whole Authorization header an agent sends; {@code null}: none at all. */
    static Stream<Named<Supplier<String>>> refusedCredentials() {
        return Stream.of(
                Named.of("no Authorization header", () -> null),
                Named.of("Bearer without a token", () -> "Bearer"),
                Named.of("Basic credentials", () -> "Basic " + Base64.getEncoder()
                        .encodeToString("agent-reader:agent-reader-secret".getBytes(StandardCharsets.UTF_8))),
                Named.of("malformed Bearer token", () -> "Bearer " + TestTokens.malformed()),
                Named.of("malformed SSWS token", () -> "SSWS " + TestTokens.malformed()),
                Named.of("expired", () -> "Bearer " + TestTokens.agent(ALLOWED).expired().mint()),
                Named.of("expired, as SSWS", () -> "SSWS " + TestTokens.agent(ALLOWED).expired().mint()),
                Named.of("not yet valid (iat and nbf in the future)", () -> "Bearer " + TestTokens.agent(ALLOWED).notYetValid().mint()),
                Named.of("untrusted issuer", () -> "Bearer " + TestTokens.agent(ALLOWED)
                        .issuer("https://attacker.example.com/oauth2/default").mint()),
                Named.of("trusted issuer's name, not its key (sandbox iss, test-issuer signature)", () -> "Bearer "
                        + TestTokens.agent(ALLOWED)
                        .issuer("http://localhost:" + ItSettings.httpPort() + "/sandbox/okta/oauth2/default").mint()),
                Named.of("wrong audience", () -> "Bearer " + TestTokens.agent(ALLOWED).audience("api://other").mint()),
                Named.of("bad signature under a published kid", () -> "Bearer " + TestTokens.agent(ALLOWED).forgedSignature().mint()),
                Named.of("bad signature, as SSWS", () -> "SSWS " + TestTokens.agent(ALLOWED).forgedSignature().mint()),
                Named.of("unknown kid (not published after a JWKS refetch)", () -> "Bearer "
                        + TestTokens.agent(ALLOWED).signedWithUnknownKey().mint()),
                Named.of("alg none", () -> "Bearer " + TestTokens.agent(ALLOWED).unsigned().mint()),
                Named.of("alg none, as SSWS", () -> "SSWS " + TestTokens.agent(ALLOWED).unsigned().mint()),
                Named.of("HS256 keyed with the issuer's public key", () -> "Bearer " + TestTokens.agent(ALLOWED).hmacWithPublicKey().mint()),
                Named.of("alg NONE in capitals, empty signature", () -> "Bearer " + TestTokens.agent(ALLOWED).unsignedClaiming("NONE").mint()),
                Named.of("alg nOnE, empty signature", () -> "Bearer " + TestTokens.agent(ALLOWED).unsignedClaiming("nOnE").mint()),
                Named.of("RS256 header, empty signature", () -> "Bearer " + TestTokens.agent(ALLOWED).unsignedClaiming("RS256").mint()),
                Named.of("another issuer's token under the test issuer's kid", () -> "Bearer " + TestTokens.agent(ALLOWED)
                        .forgedSignature().issuer("https://attacker.example.com/oauth2/default").mint()),
                Named.of("the other trusted issuer's name under the test issuer's kid, another key", () -> "Bearer "
                        + TestTokens.agent(ALLOWED).forgedSignature()
                        .issuer("http://localhost:" + ItSettings.httpPort() + "/sandbox/okta/oauth2/default").mint()),
                Named.of("issued in the future (iat only)", () -> "Bearer " + TestTokens.agent(ALLOWED).issuedInTheFuture().mint()),
                Named.of("valid only from the future (nbf only)", () -> "Bearer " + TestTokens.agent(ALLOWED).validOnlyFromTheFuture().mint()),
                Named.of("no expiry", () -> "Bearer " + TestTokens.agent(ALLOWED).withoutExpiry().mint()),
                Named.of("signed with a key the header carries (jwk)", () -> "Bearer " + TestTokens.agent(ALLOWED).signedWithEmbeddedKey().mint()),
                Named.of("keys said to be elsewhere (jku)", () -> "Bearer " + TestTokens.agent(ALLOWED)
                        .keySetUrl(URI.create("http://localhost:" + ItSettings.stubPort() + "/attacker/keys")).mint()),
                Named.of("an unknown critical header parameter", () -> "Bearer " + TestTokens.agent(ALLOWED).critical("tollgate-unknown").mint()),
                Named.of("a DPoP proof's typ (dpop+jwt)", () -> "Bearer " + TestTokens.agent(ALLOWED).type("dpop+jwt").mint()),
                Named.of("an ID token's audience (the client id)", () -> "Bearer " + TestTokens.agent(ALLOWED).audience("0oa-test-agent").mint()),
                Named.of("oversized (a valid signature over 20 KB of claims)", () -> "Bearer " + TestTokens.agent(ALLOWED)
                        .claim("padding", "x".repeat(20 * 1024)).mint()),
                Named.of("an encrypted token (JWE)", () -> "Bearer " + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.UTF_8))
                        + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"),
                Named.of("two tokens in one header", () -> "Bearer " + TestTokens.agent(ALLOWED).mint() + " " + TestTokens.agent(ALLOWED).mint()),
                Named.of("a valid token with a fourth part", () -> "Bearer " + TestTokens.agent(ALLOWED).mint() + ".AAAA"),
                Named.of("header and claims that are not JSON objects", () -> "Bearer W10.W10.AAAA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCredentials")
    void refusesWith401AndForwardsNothing(Supplier<String> credential, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "[]"));
        String authorization = credential.get();
        HttpRequest.Builder request = Agent.to("stub", "/api/v1/users").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        HttpResponse<String> response = Agent.send(request);

        assertOktaError(401, "E0000011", response);
        if (authorization != null && authorization.contains(" ")) {
            assertNotEchoed(authorization.substring(authorization.indexOf(' ') + 1), response);
        }
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
        assertEquals(List.of(), stub.strayRequests(), "requests to places a token named (jku)");
    }

    /** Two Authorization headers, one of them valid: which one would the upstream or a policy read? Neither. */
    @Test
    void refusesTwoAuthorizationHeadersEvenIfOneIsValid(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "[]"));

        RawHttp.RawResponse response = RawHttp.send("GET", "/proxy/stub/api/v1/users", List.of(
                "Authorization: Bearer " + TestTokens.agent(ALLOWED).mint(), "Authorization: Bearer " + TestTokens.malformed()),
                new byte[0]);

        assertOktaError(401, "E0000011", response);
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
    }

    @ParameterizedTest(name = "Authorization: {0} <jwt>")
    @ValueSource(strings = {"Bearer", "SSWS"})
    void acceptsValidTokenInEitherScheme(String scheme, UpstreamStub stub) {
        assertForwarded(scheme + " " + TestTokens.agent(ALLOWED).mint(), stub);
    }

    /** Tollgate allows 30 s of clock skew; ten seconds past expiry is well inside it. */
    @Test
    void acceptsTokenExpiredWithinClockSkew(UpstreamStub stub) {
        assertForwarded("Bearer " + TestTokens.agent(ALLOWED).expiredAgo(Duration.ofSeconds(10)).mint(), stub);
    }

    /**
     * Once Tollgate has cached the issuer's JWKS, a token signed with a newly published key (a kid
     * it has not seen) makes it fetch the JWKS again rather than refuse; older keys keep working.
     * Runs first in this class, before tests that spend Tollgate's JWKS refetch budget on unknown kids.
     */
    @Test
    @Order(1)
    void followsSigningKeyRotation(UpstreamStub stub) {
        RSAKey before = stub.testIssuer().signingKey();
        assertForwarded("Bearer " + TestTokens.agent(ALLOWED).mint(), stub);

        RSAKey rotated = stub.testIssuer().rotate();
        stub.reset();
        assertForwarded("Bearer " + TestTokens.agent(ALLOWED).signedWith(rotated).mint(), stub);

        stub.reset();
        assertForwarded("Bearer " + TestTokens.agent(ALLOWED).signedWith(before).mint(), stub);
    }

    /**
     * Unknown kids make Tollgate refetch the JWKS, and it limits how often it does (a couple of
     * times per interval); once that budget is spent a token with an unknown kid is still a bad
     * token (401), not an outage of the identity provider. Runs after the rotation test, which
     * needs the budget.
     */
    @Test
    @Order(2)
    void refusesUnknownKidsAlsoWhenJwksRefetchesAreRateLimited(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "[]"));

        for (int attempt = 1; attempt <= 3; attempt++) {
            HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users",
                    TestTokens.agent(ALLOWED).signedWithUnknownKey().mint()).GET());

            assertOktaError(401, "E0000011", response);
        }
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
    }

    /** A real agent's token from the built-in sandbox's authorization server. */
    @Test
    void acceptsSandboxIssuedToken(UpstreamStub stub) {
        assertForwarded("Bearer " + TestTokens.fromSandbox("agent-reader", "agent-reader-secret", "okta.users.read"), stub);
    }

    private static void assertForwarded(String authorization, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "[]"));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users")
                .header("Authorization", authorization).GET());

        assertEquals(200, response.statusCode(), response::body);
        assertEquals("[]", response.body());
        assertEquals(List.of(ItSettings.STUB_UPSTREAM_AUTHORIZATION), stub.onlyUpstreamRequest().headerValues("Authorization"));
    }
}
