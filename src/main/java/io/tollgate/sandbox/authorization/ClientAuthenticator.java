package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.sandbox.Secrets;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Authenticates a client at the token endpoint the three ways Okta offers: {@code client_secret_basic},
 * {@code client_secret_post} and {@code private_key_jwt} (RFC 7523: a JWT signed with a key whose
 * public half the client registered). Failures answer {@code invalid_client} without saying whether
 * the client exists.
 */
public final class ClientAuthenticator {

    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The signature algorithms Okta accepts for client assertions signed with a private key. */
    public static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** Okta refuses assertions that live longer than an hour. */
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final String BASIC = "Basic ";
    private static final String FAILED = "Client authentication failed. Either the client or the client credentials are invalid.";

    private final Function<String, Optional<Client>> clients;
    private final Set<String> audiences;
    private final Clock clock;
    private final AssertionReplayGuard replayGuard;

    /** @param tokenEndpoint the URL client assertions must name as their audience */
    public ClientAuthenticator(ClientRegistry clients, String tokenEndpoint, Clock clock, AssertionReplayGuard replayGuard) {
        this(clients::find, Set.of(tokenEndpoint), clock, replayGuard);
    }

    /**
     * @param clients   finds a client by id
     * @param audiences the URLs a client assertion may name as its audience: the token endpoint, as
     *                  the client addressed it
     */
    public ClientAuthenticator(Function<String, Optional<Client>> clients, Set<String> audiences, Clock clock,
                               AssertionReplayGuard replayGuard) {
        this.clients = clients;
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
        this.replayGuard = replayGuard;
    }

    /** Authenticates a client that must use {@code private_key_jwt}, as the org authorization server requires. */
    public Client authenticateWithKey(Map<String, String> form) {
        if (!form.containsKey("client_assertion") || form.containsKey("client_secret")) {
            throw OAuthException.invalidClient("The client must authenticate with private_key_jwt (a client_assertion) "
                    + "to be granted Okta API scopes.");
        }
        return byAssertion(form);
    }

    /**
     * @param authorization the request's Authorization header, or null
     * @param form          the token request's parameters, each given once
     */
    public Client authenticate(String authorization, Map<String, String> form) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
        boolean post = form.containsKey("client_secret");
        boolean assertion = form.containsKey("client_assertion");
        if ((basic ? 1 : 0) + (post ? 1 : 0) + (assertion ? 1 : 0) > 1) {
            throw OAuthException.invalidRequest("Cannot supply multiple client credentials. Use one of the following: "
                    + "credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.");
        }
        if (basic) {
            return bySecretInHeader(authorization.substring(BASIC.length()).trim(), form.get("client_id"));
        }
        if (post) {
            return bySecret(required(form, "client_id"), form.get("client_secret"));
        }
        if (assertion) {
            return byAssertion(form);
        }
        throw OAuthException.invalidClient(FAILED);
    }

    private Client bySecretInHeader(String encoded, String formClientId) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw OAuthException.invalidClient("The Authorization header is not valid Basic authentication.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthException.invalidClient("The Authorization header is not valid Basic authentication.");
        }
        // RFC 6749 section 2.3.1: client id and secret are form-encoded before they are joined.
        String clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        if (formClientId != null && !formClientId.equals(clientId)) {
            throw OAuthException.invalidRequest("The client_id parameter does not match the client in the Authorization header.");
        }
        return bySecret(clientId, secret);
    }

    private Client bySecret(String clientId, String secret) {
        Optional<Client> client = clients.apply(clientId);
        boolean valid = client.flatMap(Client::secret).map(expected -> Secrets.same(secret, expected)).orElse(false);
        if (!valid) {
            throw OAuthException.invalidClient(FAILED);
        }
        return client.get();
    }

    private Client byAssertion(Map<String, String> form) {
        if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
            throw OAuthException.invalidRequest("The client_assertion_type must be " + JWT_BEARER + ".");
        }
        SignedJWT jwt = signed(form.get("client_assertion"));
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException malformed) {
            throw OAuthException.invalidClient("The client_assertion claims are not valid JSON.");
        }
        String clientId = claims.getIssuer();
        if (clientId == null || !clientId.equals(claims.getSubject())) {
            throw OAuthException.invalidClient("The client_assertion iss and sub claims must both be the client_id.");
        }
        String formClientId = form.get("client_id");
        if (formClientId != null && !formClientId.equals(clientId)) {
            throw OAuthException.invalidClient("The client_assertion iss claim does not match the client_id parameter.");
        }
        Client client = clients.apply(clientId).filter(found -> found.jwks().isPresent())
                .orElseThrow(() -> OAuthException.invalidClient(FAILED));
        verifySignature(jwt, client.jwks().get());
        Instant expiresAt = checkTimes(claims);
        if (claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw OAuthException.invalidClient("The audience claim for client_assertion must be the endpoint invoked for the request.");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw OAuthException.invalidClient("The client_assertion must have a jti claim.");
        }
        if (!replayGuard.firstUse(client.id(), jti, expiresAt, clock.instant())) {
            throw OAuthException.invalidClient("The client_assertion token has already been used (jti is not unique).");
        }
        return client;
    }

    private static SignedJWT signed(String assertion) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(assertion);
        } catch (ParseException malformed) {
            throw OAuthException.invalidClient("The client_assertion is not a valid JWT.");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw OAuthException.invalidClient("The client_assertion must be signed; unsigned (alg none) and encrypted JWTs are refused.");
        }
        if (!ASSERTION_ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            throw OAuthException.invalidClient("The client_assertion is signed with " + signed.getHeader().getAlgorithm()
                    + "; private_key_jwt accepts " + ASSERTION_ALGORITHMS.stream().map(JWSAlgorithm::getName).sorted().toList() + ".");
        }
        return signed;
    }

    /** Accepts the signature if one of the client's keys that fits the header (kid, type, use) verifies it. */
    private static void verifySignature(SignedJWT jwt, JWKSet jwks) {
        JWSHeader header = jwt.getHeader();
        List<JWK> candidates = new JWKSelector(JWKMatcher.forJWSHeader(header)).select(jwks);
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        for (JWK candidate : candidates) {
            try {
                Key key = ((AsymmetricJWK) candidate).toPublicKey();
                JWSVerifier verifier = verifiers.createJWSVerifier(header, key);
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException | ClassCastException unusableKey) {
                // A key that cannot check this signature is simply not the one; try the next.
            }
        }
        throw OAuthException.invalidClient("The client_assertion signature is invalid.");
    }

    private Instant checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw OAuthException.invalidClient("The client_assertion must have an exp claim.");
        }
        Instant expiresAt = exp.toInstant();
        if (expiresAt.plus(CLOCK_SKEW).isBefore(now)) {
            throw OAuthException.invalidClient("The client_assertion token is expired.");
        }
        if (expiresAt.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(CLOCK_SKEW))) {
            throw OAuthException.invalidClient("The client_assertion token expires too far in the future (at most one hour).");
        }
        Date notBefore = claims.getNotBeforeTime();
        Date issuedAt = claims.getIssueTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(CLOCK_SKEW))
                || issuedAt != null && issuedAt.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw OAuthException.invalidClient("The client_assertion token is not valid yet (nbf or iat is in the future).");
        }
        return expiresAt.plus(CLOCK_SKEW);
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw OAuthException.invalidRequest("The " + name + " parameter is required.");
        }
        return value;
    }
}
