package io.tollgate.connection;

/** An Okta API token (SSWS): one broad, long-lived credential, kept for upstreams that know no better. */
public final class ApiTokenCredential implements UpstreamCredential {

    public static final String TYPE = "api-token";

    private final String token;

    ApiTokenCredential(String token) {
        if (token == null || token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("an API token must be non-empty printable ASCII without spaces");
        }
        this.token = token;
    }

    /** The value of the {@code Authorization} header to send upstream. */
    public String authorizationHeader() {
        return "SSWS " + token;
    }

    /** The token itself, for the vault only. */
    String secret() {
        return token;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "ApiTokenCredential[redacted]";
    }
}
