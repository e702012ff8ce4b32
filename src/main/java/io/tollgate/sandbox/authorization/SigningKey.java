package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.util.UUID;

/**
 * The authorization server's RSA signing key. It is made when the sandbox starts and lives only in
 * memory, so no key is ever committed or written to disk; tokens from before a restart no longer
 * verify, which for a sandbox is what one wants.
 */
public final class SigningKey {

    private final RSAKey key;

    private SigningKey(RSAKey key) {
        this.key = key;
    }

    public static SigningKey generate() {
        try {
            return new SigningKey(new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate());
        } catch (JOSEException failed) {
            throw new IllegalStateException("Cannot generate the sandbox's RSA signing key", failed);
        }
    }

    RSAKey privateKey() {
        return key;
    }

    /** What {@code /v1/keys} publishes: the public half only. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }
}
