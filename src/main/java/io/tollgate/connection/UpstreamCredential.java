package io.tollgate.connection;

/**
 * The credential Tollgate presents upstream on the agent's behalf: an Okta API token, or an OAuth 2.0
 * service app that fetches short-lived, down-scoped access tokens. The agent never sees it, and no
 * implementation's {@code toString()} reveals a secret, so it cannot leak into a log by accident.
 */
public sealed interface UpstreamCredential permits ApiTokenCredential, ServiceAppCredential {

    /** An Okta API token, sent as {@code Authorization: SSWS <token>}. */
    static UpstreamCredential apiToken(String token) {
        return new ApiTokenCredential(token);
    }

    /** The credential's kind as the connections API names it: {@code api-token} or {@code service-app}. */
    String type();
}
