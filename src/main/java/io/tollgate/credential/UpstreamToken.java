package io.tollgate.credential;

import java.time.Instant;
import java.util.Set;

/**
 * An access token Tollgate holds for an upstream. {@link #toString()} never shows the token.
 *
 * @param scheme    how it is presented: {@code DPoP} (bound to Tollgate's proof key) or {@code Bearer}
 * @param scopes    the scopes the authorization server granted
 * @param expiresAt when the authorization server says it expires
 */
public record UpstreamToken(String value, String scheme, Set<String> scopes, Instant expiresAt) {

    public UpstreamToken {
        scopes = Set.copyOf(scopes);
    }

    public boolean dpopBound() {
        return "DPoP".equalsIgnoreCase(scheme);
    }

    @Override
    public String toString() {
        return "UpstreamToken[" + scheme + ", scopes=" + scopes + ", expiresAt=" + expiresAt + ", redacted]";
    }
}
