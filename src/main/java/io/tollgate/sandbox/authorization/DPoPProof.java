package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * A DPoP proof (RFC 9449) as the sandbox checks it: a JWT of type {@code dpop+jwt}, signed with an
 * asymmetric algorithm by the public key in its own header, naming the request's method
 * ({@code htm}) and URL ({@code htu}), fresh ({@code iat}), unique ({@code jti}) and, at a resource,
 * bound to the access token ({@code ath}).
 */
public final class DPoPProof {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    /** How far a proof's {@code iat} may be from now. */
    static final Duration FRESHNESS = Duration.ofMinutes(5);

    private final JWTClaimsSet claims;
    private final JWK key;

    private DPoPProof(JWTClaimsSet claims, JWK key) {
        this.claims = claims;
        this.key = key;
    }

    /**
     * Parses and checks a proof for this request.
     *
     * @param urls the request's URL (without query) in every form the caller may have used
     * @throws InvalidProofException naming what is wrong
     */
    public static DPoPProof verify(String header, String method, Set<String> urls, Instant now) {
        if (header == null || header.isBlank()) {
            throw new InvalidProofException("The DPoP proof JWT header is missing.");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(header.trim());
        } catch (ParseException malformed) {
            throw new InvalidProofException("The DPoP proof is not a signed JWT.");
        }
        if (!new JOSEObjectType("dpop+jwt").equals(jwt.getHeader().getType())) {
            throw new InvalidProofException("The DPoP proof must have the typ dpop+jwt.");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw new InvalidProofException("The DPoP proof must be signed with an asymmetric algorithm.");
        }
        JWK key = jwt.getHeader().getJWK();
        if (key == null || key.isPrivate() || !(key instanceof AsymmetricJWK asymmetric)) {
            throw new InvalidProofException("The DPoP proof must carry the public key in its jwk header.");
        }
        try {
            if (!jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey()))) {
                throw new InvalidProofException("The DPoP proof signature is invalid.");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!method.equals(claims.getStringClaim("htm"))) {
                throw new InvalidProofException("The DPoP proof htm does not match the request method.");
            }
            if (!urls.contains(claims.getStringClaim("htu"))) {
                throw new InvalidProofException("The DPoP proof htu does not match the request URL.");
            }
            if (claims.getIssueTime() == null
                    || Duration.between(claims.getIssueTime().toInstant(), now).abs().compareTo(FRESHNESS) > 0) {
                throw new InvalidProofException("The DPoP proof iat is missing or not recent.");
            }
            if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
                throw new InvalidProofException("The DPoP proof must have a jti claim.");
            }
            return new DPoPProof(claims, key);
        } catch (JOSEException | ParseException unusable) {
            throw new InvalidProofException("The DPoP proof cannot be verified.");
        }
    }

    public String jti() {
        return claims.getJWTID();
    }

    public Instant issuedAt() {
        return claims.getIssueTime().toInstant();
    }

    public String nonce() {
        try {
            return claims.getStringClaim("nonce");
        } catch (ParseException notText) {
            return null;
        }
    }

    /** The key's JWK SHA-256 thumbprint (RFC 7638), which a DPoP-bound token names in {@code cnf.jkt}. */
    public String thumbprint() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException impossible) {
            throw new InvalidProofException("The DPoP proof key has no thumbprint.");
        }
    }

    /** Whether the proof is bound to this access token ({@code ath} is the base64url SHA-256 of the token). */
    public boolean boundTo(String accessToken) {
        try {
            return accessTokenHash(accessToken).equals(claims.getStringClaim("ath"));
        } catch (ParseException notText) {
            return false;
        }
    }

    static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java platform has SHA-256", impossible);
        }
    }

    /** What is wrong with a proof; the message never repeats the proof or a token. */
    public static final class InvalidProofException extends RuntimeException {

        public InvalidProofException(String message) {
            super(message, null, false, false);
        }
    }
}
