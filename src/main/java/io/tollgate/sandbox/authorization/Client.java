package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.jwk.JWKSet;

import java.util.List;
import java.util.Optional;

/**
 * A demo client of the sandbox's authorization server.
 *
 * @param secret the client secret, or empty when the client may only authenticate with a key
 * @param scopes the scopes it may be granted (and is granted when it asks for none)
 * @param groups what its tokens carry in the {@code groups} claim
 * @param jwks   its public keys for {@code private_key_jwt}, when it has any
 */
public record Client(String id, Optional<String> secret, List<String> scopes, List<String> groups, Optional<JWKSet> jwks) {

    public Client {
        scopes = List.copyOf(scopes);
        groups = List.copyOf(groups);
    }

    /** Never shows the secret or keys, should a client end up in a log line. */
    @Override
    public String toString() {
        return "Client[" + id + "]";
    }
}
