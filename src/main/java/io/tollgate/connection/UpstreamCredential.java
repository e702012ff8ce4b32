package io.tollgate.connection;

/**
 * The credential Tollgate presents upstream on the agent's behalf. The agent never sees it, and
 * {@link #toString()} never reveals it, so it cannot leak into a log by accident.
 */
public final class UpstreamCredential {

    private final String authorization;

    private UpstreamCredential(String authorization) {
        this.authorization = authorization;
    }

    /** An Okta API token, sent as {@code Authorization: SSWS <token>}. */
    public static UpstreamCredential apiToken(String token) {
        if (token == null || token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("an API token must be non-empty printable ASCII without spaces");
        }
        return new UpstreamCredential("SSWS " + token);
    }

    /** The value of the {@code Authorization} header to send upstream. */
    public String authorizationHeader() {
        return authorization;
    }

    @Override
    public String toString() {
        return "UpstreamCredential[redacted]";
    }
}
