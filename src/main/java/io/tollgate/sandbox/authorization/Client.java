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
 * @param redirectUris where the authorization endpoint may send a signed-in user back with a code
 *                     (a path is on the issuer's own origin); a client with these and neither a
 *                     secret nor keys is a public client, which must use PKCE
 */
public record Client(String id, Optional<String> secret, List<String> scopes, List<String> groups, Optional<JWKSet> jwks,
                     List<String> redirectUris) {

    public Client {
        scopes = List.copyOf(scopes);
        groups = List.copyOf(groups);
        redirectUris = List.copyOf(redirectUris);
    }

    /** A client for the client credentials grant only. */
    public Client(String id, Optional<String> secret, List<String> scopes, List<String> groups, Optional<JWKSet> jwks) {
        this(id, secret, scopes, groups, jwks, List.of());
    }

    /** A browser application: it cannot keep a secret, so it proves its code with PKCE instead. */
    public boolean isPublic() {
        return secret.isEmpty() && jwks.isEmpty() && !redirectUris.isEmpty();
    }

    /** Never shows the secret or keys, should a client end up in a log line. */
    @Override
    public String toString() {
        return "Client[" + id + "]";
    }
}
