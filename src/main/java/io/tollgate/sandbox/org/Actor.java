package io.tollgate.sandbox.org;

/**
 * Who made a change, as the System Log names it: the org's API token or a service app's client.
 *
 * @param type Okta's actor types: {@code User} for API-token calls (made on behalf of the admin who
 *             owns the token), {@code PublicClientApp} for OAuth 2.0 service apps
 */
public record Actor(String id, String type, String alternateId, String displayName) {

    public static final Actor API_TOKEN = new Actor("00usandboxadmin00000", "User", "admin@sandbox.example.com",
            "Sandbox API token");

    public static Actor serviceApp(String clientId) {
        return new Actor(clientId, "PublicClientApp", clientId, clientId);
    }
}
