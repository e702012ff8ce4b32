package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.sandbox.org.Actor;
import io.tollgate.sandbox.org.Apps;
import io.tollgate.sandbox.org.SystemLog;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The org authorization server ({@code /oauth2/v1}), which Okta uses to grant service apps Okta API
 * scopes: the client credentials grant, clients authenticated with {@code private_key_jwt} only,
 * scopes limited to those granted to the app, and DPoP-bound access tokens. The DPoP handshake goes
 * as with Okta: a token request without a proof is refused with {@code invalid_dpop_proof}; one
 * without a current nonce with {@code use_dpop_nonce} and a fresh nonce in the {@code DPoP-Nonce}
 * header; then the token is of type {@code DPoP}, bound to the proof's key ({@code cnf.jkt}).
 * Clients are service apps of the Apps API with a public JWKS, or demo clients that list {@code jwks}.
 * Every token issued is published in the System Log ({@code app.oauth2.as.token.grant.access_token},
 * with the requested and granted scopes in {@code debugContext.debugData}), as Okta does.
 */
public final class OrgAuthorizationServer {

    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** Okta's nonces last a day; the Java SDK refreshes them after 22 hours. */
    static final Duration NONCE_LIFETIME = Duration.ofHours(24);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKey signingKey;
    private final ClientRegistry demoClients;
    private final Apps apps;
    private final SystemLog log;
    private final Clock clock;
    private final AssertionReplayGuard assertionGuard = new AssertionReplayGuard();
    private final AssertionReplayGuard proofGuard = new AssertionReplayGuard();
    private final Map<String, Instant> nonces = new HashMap<>();

    public OrgAuthorizationServer(SigningKey signingKey, ClientRegistry demoClients, Apps apps, SystemLog log, Clock clock) {
        this.signingKey = signingKey;
        this.demoClients = demoClients;
        this.apps = apps;
        this.log = log;
        this.clock = clock;
    }

    /** A nonce refusal: the caller answers {@code use_dpop_nonce} with this nonce in {@code DPoP-Nonce}. */
    public static final class NonceRequired extends RuntimeException {

        private final String nonce;

        NonceRequired(String nonce) {
            super("Authorization server requires nonce in DPoP proof.", null, false, false);
            this.nonce = nonce;
        }

        public String nonce() {
            return nonce;
        }
    }

    /**
     * @param dpop      the request's {@code DPoP} header, or null
     * @param tokenUrls the token endpoint's URL in every form the client may have used
     * @param orgUrl    the org's URL, the tokens' issuer and audience
     */
    public JsonObject token(Map<String, String> form, String dpop, Set<String> tokenUrls, String orgUrl) {
        if (!TokenEndpoint.CLIENT_CREDENTIALS.equals(form.get("grant_type"))) {
            throw form.get("grant_type") == null
                    ? OAuthException.invalidRequest("The grant_type parameter is required.")
                    : OAuthException.unsupportedGrantType("The authorization grant type is not supported by the authorization server. "
                    + "Configured grant types: [" + TokenEndpoint.CLIENT_CREDENTIALS + "].");
        }
        DPoPProof proof = proof(dpop, "POST", tokenUrls);
        if (proof.nonce() == null || !currentNonce(proof.nonce())) {
            throw new NonceRequired(newNonce());
        }
        requireFirstUse(proof);
        Client client = new ClientAuthenticator(this::client, tokenUrls, clock, assertionGuard).authenticateWithKey(form);
        List<String> scopes = scopes(client, form.get("scope"));
        log.record(Actor.serviceApp(client.id()), "app.oauth2.as.token.grant.access_token", "OAuth2 access token is granted",
                Json.createObjectBuilder().add("grantType", TokenEndpoint.CLIENT_CREDENTIALS)
                        .add("requestedScopes", form.get("scope").trim()).add("grantedScopes", String.join(" ", scopes))
                        .add("dpop", "true").build());
        return Json.createObjectBuilder()
                .add("token_type", "DPoP")
                .add("expires_in", TOKEN_LIFETIME.toSeconds())
                .add("access_token", issue(client, scopes, proof.thumbprint(), orgUrl))
                .add("scope", String.join(" ", scopes))
                .build();
    }

    /** What a verified access token grants, for the Management API's gate. */
    public record Grant(String clientId, List<String> scopes) {
    }

    /**
     * Verifies a DPoP-bound access token and its proof for a Management API request.
     *
     * @throws DPoPProof.InvalidProofException when the proof is missing, wrong or not bound to the token
     * @throws InvalidAccessTokenException     when the token is not one of this org's, or expired
     */
    public Grant verify(String accessToken, String dpop, String method, Set<String> requestUrls, Set<String> orgUrls) {
        JWTClaimsSet claims = accessTokenClaims(accessToken, orgUrls);
        DPoPProof proof = proof(dpop, method, requestUrls);
        if (!proof.boundTo(accessToken)) {
            throw new DPoPProof.InvalidProofException("The DPoP proof ath does not match the access token.");
        }
        Object confirmation = claims.getClaim("cnf");
        if (!(confirmation instanceof Map<?, ?> cnf) || !proof.thumbprint().equals(cnf.get("jkt"))) {
            throw new DPoPProof.InvalidProofException("The DPoP proof key is not the key the access token is bound to.");
        }
        requireFirstUse(proof);
        try {
            return new Grant(claims.getStringClaim("cid"), claims.getStringListClaim("scp"));
        } catch (ParseException malformed) {
            throw new InvalidAccessTokenException();
        }
    }

    /** The access token is not one this org issued, or it expired. */
    public static final class InvalidAccessTokenException extends RuntimeException {

        InvalidAccessTokenException() {
            super("The access token is invalid.", null, false, false);
        }
    }

    private JWTClaimsSet accessTokenClaims(String accessToken, Set<String> orgUrls) {
        try {
            SignedJWT jwt = SignedJWT.parse(accessToken);
            if (!jwt.verify(new RSASSAVerifier(signingKey.privateKey().toRSAPublicKey()))) {
                throw new InvalidAccessTokenException();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!orgUrls.contains(claims.getIssuer()) || claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().isBefore(clock.instant())) {
                throw new InvalidAccessTokenException();
            }
            return claims;
        } catch (ParseException | JOSEException unusable) {
            throw new InvalidAccessTokenException();
        }
    }

    private DPoPProof proof(String dpop, String method, Set<String> urls) {
        return DPoPProof.verify(dpop, method, urls, clock.instant());
    }

    private void requireFirstUse(DPoPProof proof) {
        if (!proofGuard.firstUse(proof.thumbprint(), proof.jti(), proof.issuedAt().plus(DPoPProof.FRESHNESS).plus(DPoPProof.FRESHNESS),
                clock.instant())) {
            throw new DPoPProof.InvalidProofException("The DPoP proof has already been used (jti is not unique).");
        }
    }

    private synchronized String newNonce() {
        Instant now = clock.instant();
        nonces.values().removeIf(expiry -> expiry.isBefore(now));
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        nonces.put(nonce, now.plus(NONCE_LIFETIME));
        return nonce;
    }

    private synchronized boolean currentNonce(String nonce) {
        Instant expiry = nonces.get(nonce);
        return expiry != null && !expiry.isBefore(clock.instant());
    }

    /** A service app of the Apps API (active, with a JWKS), else a demo client with keys. */
    private Optional<Client> client(String clientId) {
        Optional<Client> app = apps.serviceApp(clientId).filter(Apps.ServiceApp::active).filter(found -> found.jwks().isPresent())
                .map(found -> new Client(found.clientId(), Optional.empty(), List.copyOf(found.grantedScopes()), List.of(), found.jwks()));
        return app.isPresent() ? app : demoClients.find(clientId).filter(found -> found.jwks().isPresent());
    }

    /** Okta's org authorization server wants the scopes named, each granted to the app. */
    private static List<String> scopes(Client client, String requested) {
        if (requested == null || requested.isBlank()) {
            throw OAuthException.invalidScope("The scope parameter is required: name the Okta API scopes the app needs.");
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split(" +")));
        List<String> refused = asked.stream().filter(scope -> !client.scopes().contains(scope)).toList();
        if (!refused.isEmpty()) {
            throw OAuthException.invalidScope("The following scopes are not granted to the client: " + String.join(" ", refused));
        }
        return List.copyOf(asked);
    }

    private String issue(Client client, List<String> scopes, String thumbprint, String orgUrl) {
        long issuedAt = clock.instant().getEpochSecond();
        return AccessTokenIssuer.signed(signingKey, Json.createObjectBuilder()
                .add("ver", 1)
                .add("jti", AccessTokenIssuer.newTokenId())
                .add("iss", orgUrl)
                .add("aud", orgUrl)
                .add("iat", issuedAt)
                .add("exp", issuedAt + TOKEN_LIFETIME.toSeconds())
                .add("cid", client.id())
                .add("scp", Json.createArrayBuilder(scopes))
                .add("sub", client.id())
                .add("cnf", Json.createObjectBuilder().add("jkt", thumbprint))
                .build());
    }
}
