package io.tollgate.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Agent access tokens for the tests: minted here for the {@link TestIssuer} with Okta's claims
 * ({@code ver, jti, iss, aud, iat, exp, cid, sub, scp, groups}) and a knob for every way a token
 * can be wrong, or fetched from the built-in sandbox's token endpoint like a real agent would.
 */
public final class TestTokens {

    public static final String AUDIENCE = "api://default";
    /** Far enough outside Tollgate's clock skew (PT30S) that no slow machine blurs the outcome. */
    private static final Duration WELL_BEYOND_SKEW = Duration.ofMinutes(10);

    private TestTokens() {
    }

    /** A valid token of the test issuer for an agent in the given groups; adjust before {@link Mint#mint()}. */
    public static Mint agent(String... groups) {
        return agentOf(UpstreamStub.shared().testIssuer(), groups);
    }

    static Mint agentOf(TestIssuer testIssuer, String... groups) {
        return new Mint(testIssuer, List.of(groups));
    }

    /** Three base64url parts, none of them JSON: what a confused client might send. */
    public static String malformed() {
        return "not-a-jwt.still-not." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("garbage".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A real access token from the sandbox's authorization server (client_credentials,
     * client_secret_basic), as the demo clients {@code agent-reader} or {@code approver-1} get it.
     */
    public static String fromSandbox(String clientId, String clientSecret, String scope) {
        String tokenEndpoint = "http://localhost:" + ItSettings.httpPort() + "/sandbox/okta/oauth2/default/v1/token";
        String basic = Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = Agent.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("The sandbox token endpoint answered " + response.statusCode()
                        + " for client " + clientId + ": " + response.body());
            }
            return Json.read(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError("The sandbox token endpoint " + tokenEndpoint + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while fetching a sandbox token", e);
        }
    }

    /** One token to mint: valid unless a knob says otherwise. */
    public static final class Mint {

        private enum Signature { PUBLISHED_KEY, UNPUBLISHED_KEY, FORGED, NONE, HMAC_WITH_PUBLIC_KEY, EMBEDDED_KEY }

        private final TestIssuer testIssuer;
        private final List<String> groups;
        private String issuer;
        private String audience = AUDIENCE;
        private String clientId = "0oa-test-agent";
        private String subject;
        private List<String> scopes = List.of("okta.users.read", "okta.groups.read");
        private final Map<String, Object> otherClaims = new LinkedHashMap<>();
        private Instant issuedAt = Instant.now();
        private Instant notBefore;
        private Instant expiresAt = issuedAt.plus(Duration.ofHours(1));
        private RSAKey signingKey;
        private Signature signature = Signature.PUBLISHED_KEY;
        private boolean expires = true;
        private URI keySetUrl;
        private String criticalParameter;
        private JOSEObjectType type;
        private String unsignedAlgorithm;

        private Mint(TestIssuer testIssuer, List<String> groups) {
            this.testIssuer = testIssuer;
            this.groups = groups;
            this.issuer = testIssuer.issuer();
        }

        public Mint clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The {@code sub}; by default the client id, as Okta sets it for client credentials. */
        public Mint subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Mint scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        /** Any further claim, as an IdP could add it (a string, number, boolean or list of them). */
        public Mint claim(String name, Object value) {
            otherClaims.put(name, value);
            return this;
        }

        /** Expired well beyond the clock skew. */
        public Mint expired() {
            return expiredAgo(WELL_BEYOND_SKEW);
        }

        public Mint expiredAgo(Duration ago) {
            expiresAt = Instant.now().minus(ago);
            issuedAt = expiresAt.minus(Duration.ofHours(1));
            return this;
        }

        /** Issued and valid only from well beyond the clock skew in the future ({@code iat} and {@code nbf}). */
        public Mint notYetValid() {
            issuedAt = Instant.now().plus(WELL_BEYOND_SKEW);
            notBefore = issuedAt;
            expiresAt = issuedAt.plus(Duration.ofHours(1));
            return this;
        }

        /** Only {@code iat} lies beyond the clock skew in the future; there is no {@code nbf}. */
        public Mint issuedInTheFuture() {
            issuedAt = Instant.now().plus(WELL_BEYOND_SKEW);
            return this;
        }

        /** Issued now, but valid only from beyond the clock skew in the future ({@code nbf}). */
        public Mint validOnlyFromTheFuture() {
            notBefore = Instant.now().plus(WELL_BEYOND_SKEW);
            return this;
        }

        /** No {@code exp} at all: a token that would never expire. */
        public Mint withoutExpiry() {
            expires = false;
            return this;
        }

        /** Signed with a key of the minter's own, which the header carries ({@code jwk}) under its kid. */
        public Mint signedWithEmbeddedKey() {
            signature = Signature.EMBEDDED_KEY;
            return this;
        }

        /** Signed with an unpublished key whose JWKS the header says is at {@code url} ({@code jku}). */
        public Mint keySetUrl(URI url) {
            signature = Signature.UNPUBLISHED_KEY;
            keySetUrl = url;
            return this;
        }

        /** Marks a header parameter Tollgate does not understand as critical ({@code crit}). */
        public Mint critical(String parameter) {
            criticalParameter = parameter;
            return this;
        }

        /** The header's {@code typ}, for example {@code dpop+jwt} (a DPoP proof presented as an access token). */
        public Mint type(String type) {
            this.type = new JOSEObjectType(type);
            return this;
        }

        /** A header naming this algorithm (say {@code NONE} or {@code nOnE}) and an empty signature. */
        public Mint unsignedClaiming(String algorithm) {
            unsignedAlgorithm = algorithm;
            return this;
        }

        public Mint issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Mint audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Signed with a key the issuer never published, under that key's own (unknown) kid. */
        public Mint signedWithUnknownKey() {
            signature = Signature.UNPUBLISHED_KEY;
            return this;
        }

        /** Claims the published kid but is signed with another key: the signature does not verify. */
        public Mint forgedSignature() {
            signature = Signature.FORGED;
            return this;
        }

        /** {@code alg: none}, no signature at all. */
        public Mint unsigned() {
            signature = Signature.NONE;
            return this;
        }

        /** HS256 keyed with the issuer's public key (PEM text): the algorithm-confusion attack. */
        public Mint hmacWithPublicKey() {
            signature = Signature.HMAC_WITH_PUBLIC_KEY;
            return this;
        }

        /** Signed with this key of the issuer (after a rotation, say) instead of its current one. */
        public Mint signedWith(RSAKey key) {
            signingKey = key;
            return this;
        }

        public String mint() {
            JWTClaimsSet claims = claims();
            RSAKey published = signingKey != null ? signingKey : testIssuer.signingKey();
            if (unsignedAlgorithm != null) {
                Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
                String header = "{\"alg\":\"" + unsignedAlgorithm + "\",\"kid\":\"" + published.getKeyID() + "\"}";
                return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                        + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
            }
            try {
                return switch (signature) {
                    case PUBLISHED_KEY -> rsaSigned(claims, published.getKeyID(), published);
                    case UNPUBLISHED_KEY -> {
                        RSAKey unknown = TestIssuer.unpublishedKey();
                        yield rsaSigned(claims, unknown.getKeyID(), unknown);
                    }
                    case EMBEDDED_KEY -> {
                        RSAKey own = TestIssuer.unpublishedKey();
                        yield signed(header(own.getKeyID()).jwk(own.toPublicJWK()).build(), claims, own);
                    }
                    case FORGED -> rsaSigned(claims, published.getKeyID(), TestIssuer.unpublishedKey());
                    case NONE -> new PlainJWT(claims).serialize();
                    case HMAC_WITH_PUBLIC_KEY -> {
                        SignedJWT jwt = new SignedJWT(
                                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(), claims);
                        jwt.sign(new MACSigner(pem(published).getBytes(StandardCharsets.US_ASCII)));
                        yield jwt.serialize();
                    }
                };
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot sign a test token", e);
            }
        }

        private JWTClaimsSet claims() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .claim("ver", 1)
                    .jwtID("AT." + UUID.randomUUID())
                    .issuer(issuer)
                    .audience(audience)
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(expires ? Date.from(expiresAt) : null)
                    .claim("cid", clientId)
                    .subject(subject == null ? clientId : subject)
                    .claim("scp", scopes)
                    .claim("groups", groups);
            otherClaims.forEach(claims::claim);
            if (notBefore != null) {
                claims.notBeforeTime(Date.from(notBefore));
            }
            return claims.build();
        }

        private String rsaSigned(JWTClaimsSet claims, String kid, RSAKey key) throws JOSEException {
            return signed(header(kid).build(), claims, key);
        }

        private JWSHeader.Builder header(String kid) {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(type).jwkURL(keySetUrl);
            if (criticalParameter != null) {
                header.criticalParams(Set.of(criticalParameter)).customParam(criticalParameter, true);
            }
            return header;
        }

        private static String signed(JWSHeader header, JWTClaimsSet claims, RSAKey key) throws JOSEException {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }

        private static String pem(RSAKey key) throws JOSEException {
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        }
    }
}
