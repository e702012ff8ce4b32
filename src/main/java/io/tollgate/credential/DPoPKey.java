package io.tollgate.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * The key pair that DPoP-bound upstream tokens are bound to (RFC 9449), one per connection and
 * server, made when first needed and never stored: a restart means new tokens, which is cheap. It
 * signs a fresh proof for every request.
 */
final class DPoPKey {

    private final ECKey key;
    private final ECDSASigner signer;

    DPoPKey() {
        try {
            key = new ECKeyGenerator(Curve.P_256).generate();
            signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("P-256 keys can be made on every Java platform", e);
        }
    }

    /**
     * A proof for one request.
     *
     * @param nonce       the server's latest {@code DPoP-Nonce}, or null
     * @param accessToken the token the request carries (its hash becomes {@code ath}), or null at the token endpoint
     */
    String proof(String method, URI uri, String nonce, String accessToken, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", method)
                .claim("htu", withoutQuery(uri))
                .issueTime(Date.from(now));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (accessToken != null) {
            claims.claim("ath", sha256(accessToken));
        }
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("dpop+jwt")).jwk(key.toPublicJWK()).build(), claims.build());
        try {
            proof.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a P-256 key cannot fail", e);
        }
        return proof.serialize();
    }

    /** RFC 9449: the URI without query and fragment. */
    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static String sha256(String accessToken) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
