package io.tollgate.sandbox.authorization;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authorization endpoint's logic for the authorization code flow, as Okta's: the client and its
 * registered redirect URI first (until both check out, errors are shown, never redirected), then
 * PKCE with S256 (required) and the scopes; a person signs in as one of the demo users and is sent
 * back to the client with a one-time code.
 */
public final class AuthorizationEndpoint {

    /** RFC 7636: 43 characters of base64url for a SHA-256 challenge. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ClientRegistry clients;
    private final String issuerOrigin;
    private final AuthorizationCodes codes;

    public AuthorizationEndpoint(ClientRegistry clients, String issuer, AuthorizationCodes codes) {
        this.clients = clients;
        URI uri = URI.create(issuer);
        this.issuerOrigin = uri.getScheme() + "://" + uri.getRawAuthority();
        this.codes = codes;
    }

    /** Thrown while the redirect URI is not yet trusted: the browser gets an error page. */
    public static final class UntrustedRequestException extends RuntimeException {
        UntrustedRequestException(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown once the redirect URI is trusted: the browser goes back to the client with the error. */
    public static final class RedirectedErrorException extends RuntimeException {
        private final URI location;

        RedirectedErrorException(URI location, String description) {
            super(description, null, false, false);
            this.location = location;
        }

        public URI location() {
            return location;
        }
    }

    public AuthorizationRequest validate(Map<String, String> parameters) {
        String clientId = parameters.get("client_id");
        Client client = Optional.ofNullable(clientId).flatMap(clients::find)
                .filter(found -> !found.redirectUris().isEmpty())
                .orElseThrow(() -> new UntrustedRequestException("The client_id names no client of the authorization code flow."));
        String redirectUri = parameters.get("redirect_uri");
        if (redirectUri == null || !registeredRedirectUris(client).contains(redirectUri)) {
            throw new UntrustedRequestException("The redirect_uri is not registered for client " + client.id() + ".");
        }
        String state = parameters.get("state");
        if (!"code".equals(parameters.get("response_type"))) {
            throw redirected(redirectUri, state, "unsupported_response_type", "The response_type must be code.");
        }
        String challenge = parameters.get("code_challenge");
        if (challenge == null || !"S256".equals(parameters.get("code_challenge_method")) || !CHALLENGE.matcher(challenge).matches()) {
            throw redirected(redirectUri, state, "invalid_request",
                    "PKCE is required: a code_challenge (43 base64url characters) with code_challenge_method S256.");
        }
        List<String> scopes;
        try {
            scopes = TokenEndpoint.scopes(client, parameters.get("scope"));
        } catch (OAuthException refused) {
            throw redirected(redirectUri, state, refused.error(), refused.description());
        }
        return new AuthorizationRequest(client, redirectUri, scopes, state, parameters.get("nonce"), challenge);
    }

    /** The people one may sign in as. */
    public List<Client> demoUsers() {
        return clients.demoUsers();
    }

    /** Signs the person in as {@code login} and answers where to send the browser: back to the client with a code. */
    public URI signIn(AuthorizationRequest request, String login) {
        Client user = demoUsers().stream().filter(candidate -> candidate.id().equals(login)).findFirst()
                .orElseThrow(() -> redirected(request.redirectUri(), request.state(), "access_denied", "No such demo user."));
        return withParameters(request.redirectUri(), Map.of("code", codes.issue(request, user)), request.state());
    }

    private List<String> registeredRedirectUris(Client client) {
        return client.redirectUris().stream().map(uri -> uri.startsWith("/") ? issuerOrigin + uri : uri).toList();
    }

    private static RedirectedErrorException redirected(String redirectUri, String state, String error, String description) {
        return new RedirectedErrorException(withParameters(redirectUri, Map.of("error", error, "error_description", description), state),
                description);
    }

    private static URI withParameters(String redirectUri, Map<String, String> parameters, String state) {
        StringBuilder query = new StringBuilder();
        parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(parameter -> append(query, parameter.getKey(), parameter.getValue()));
        if (state != null) {
            append(query, "state", state);
        }
        return URI.create(redirectUri + (redirectUri.contains("?") ? "&" : "?") + query);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
