package io.tollgate.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Okta-like authorization server that the tests run themselves (served by {@link UpstreamStub}
 * under {@code /test-issuer}), so that they can mint any token they like, good or bad, and rotate
 * its signing keys. Keys live as long as the test JVM: Tollgate caches the JWKS between tests.
 */
public final class TestIssuer {

    static final String PATH = "/test-issuer";

    private final String issuer;
    private final List<RSAKey> publishedKeys = new CopyOnWriteArrayList<>();
    private volatile RSAKey signingKey;

    TestIssuer(String issuer) {
        this.issuer = issuer;
        this.signingKey = newKey();
        publishedKeys.add(signingKey);
    }

    /** The {@code iss} of this issuer's tokens, one of the issuers Tollgate trusts. */
    public String issuer() {
        return issuer;
    }

    /** The key tokens are signed with now; its {@code kid} is in the published JWKS. */
    public RSAKey signingKey() {
        return signingKey;
    }

    /** Publishes a new key under a new kid and signs with it from now on; older keys stay published. */
    public RSAKey rotate() {
        RSAKey next = newKey();
        publishedKeys.add(next);
        signingKey = next;
        return next;
    }

    /** A key this issuer never publishes, for tokens with an unknown kid or a forged signature. */
    public static RSAKey unpublishedKey() {
        return newKey();
    }

    String jwks() {
        return new JWKSet(publishedKeys.stream().<JWK>map(RSAKey::toPublicJWK).toList()).toString();
    }

    String openidConfiguration() {
        Map<String, Object> configuration = Map.of(
                "issuer", issuer,
                "authorization_endpoint", issuer + "/v1/authorize",
                "token_endpoint", issuer + "/v1/token",
                "jwks_uri", issuer + "/v1/keys",
                "response_types_supported", List.of("code", "token"),
                "grant_types_supported", List.of("client_credentials"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "private_key_jwt"));
        return Json.write(configuration);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }
}
