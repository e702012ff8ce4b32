package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Issues access tokens shaped like those of Okta's custom authorization servers: an RS256 JWT with
 * {@code ver}, {@code jti} ({@code AT.} and random), {@code iss}, {@code aud}, {@code iat},
 * {@code exp}, {@code cid}, {@code scp} and {@code sub} (the client id, for client credentials), in
 * that order, plus the {@code groups} claim the sandbox's clients are configured with.
 */
public final class AccessTokenIssuer {

    public static final String AUDIENCE = "api://default";
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKey signingKey;
    private final String issuer;
    private final Clock clock;

    public AccessTokenIssuer(SigningKey signingKey, String issuer, Clock clock) {
        this.signingKey = signingKey;
        this.issuer = issuer;
        this.clock = clock;
    }

    public String issue(Client client, List<String> scopes) {
        return issue(client, client, scopes);
    }

    /** An access token of a person ({@code user}, a demo client signed in) for a client of the authorization code flow. */
    public String issue(Client user, Client client, List<String> scopes) {
        long issuedAt = clock.instant().getEpochSecond();
        // Built as ordered JSON rather than with JWTClaimsSet, which does not keep Okta's claim order.
        JsonObject claims = Json.createObjectBuilder()
                .add("ver", 1)
                .add("jti", newTokenId())
                .add("iss", issuer)
                .add("aud", AUDIENCE)
                .add("iat", issuedAt)
                .add("exp", issuedAt + LIFETIME.toSeconds())
                .add("cid", client.id())
                .add("scp", Json.createArrayBuilder(scopes))
                .add("sub", user.id())
                .add("groups", Json.createArrayBuilder(user.groups()))
                .build();
        return signed(signingKey, claims);
    }

    /** The OpenID Connect ID token that tells the client who signed in; {@code nonce} is echoed when the client sent one. */
    public String idToken(Client user, Client client, String nonce) {
        long issuedAt = clock.instant().getEpochSecond();
        var claims = Json.createObjectBuilder()
                .add("sub", user.id())
                .add("ver", 1)
                .add("iss", issuer)
                .add("aud", client.id())
                .add("iat", issuedAt)
                .add("exp", issuedAt + LIFETIME.toSeconds())
                .add("jti", "ID." + randomId())
                .add("amr", Json.createArrayBuilder().add("pwd"))
                .add("auth_time", issuedAt)
                .add("preferred_username", user.id());
        if (nonce != null) {
            claims.add("nonce", nonce);
        }
        return signed(signingKey, claims.build());
    }

    /** Signs claims given as ordered JSON (Okta's claim order) with the server's key, RS256. */
    static String signed(SigningKey signingKey, JsonObject claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.privateKey().getKeyID()).build();
        JWSObject token = new JWSObject(header, new Payload(claims.toString()));
        try {
            token.sign(new RSASSASigner(signingKey.privateKey()));
        } catch (JOSEException failed) {
            throw new IllegalStateException("Cannot sign a sandbox access token", failed);
        }
        return token.serialize();
    }

    /** Okta's access token ids: {@code AT.} and random URL-safe characters. */
    static String newTokenId() {
        return "AT." + randomId();
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
