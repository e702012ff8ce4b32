package io.tollgate.connection;

import io.tollgate.credential.ServiceAppKey;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OAuth 2.0 service app: Tollgate authenticates to the upstream's token endpoint with the
 * client credentials grant and {@code private_key_jwt}, and asks for access tokens carrying only
 * the scopes each request needs (DPoP-bound when the authorization server wants it).
 *
 * @param scopes the scopes asked for when a request names none of its own (an operation that
 *               needs no scope, or an {@code http} connection); at least one
 */
public record ServiceAppCredential(String clientId, ServiceAppKey key, URI tokenUri, List<String> scopes)
        implements UpstreamCredential {

    public static final String TYPE = "service-app";
    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7E&&[^\\\\\"]]+");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public ServiceAppCredential {
        Objects.requireNonNull(key, "key");
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("a client id is 1 to 255 printable ASCII characters");
        }
        if (tokenUri == null || !("https".equals(tokenUri.getScheme()) || "http".equals(tokenUri.getScheme()))
                || tokenUri.getHost() == null || tokenUri.getRawQuery() != null || tokenUri.getRawFragment() != null) {
            throw new IllegalArgumentException("the token URL must be an http(s) URL with a host and no query or fragment");
        }
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        if (scopes.isEmpty() || scopes.stream().anyMatch(scope -> !SCOPE.matcher(scope).matches())) {
            throw new IllegalArgumentException("name one or more scopes, each printable ASCII without spaces, quotes or backslashes");
        }
    }

    /** Okta's org authorization server, which grants service apps Okta API scopes. */
    public static URI defaultTokenUri(URI baseUri) {
        return URI.create(baseUri + "/oauth2/v1/token");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "ServiceAppCredential[clientId=" + clientId + ", tokenUri=" + tokenUri + ", scopes=" + scopes + ", key " + key + "]";
    }
}
