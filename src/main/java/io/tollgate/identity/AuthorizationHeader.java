package io.tollgate.identity;

import java.util.Locale;

/**
 * Extracts the agent's token from an {@code Authorization} header. {@code Bearer} is the OAuth
 * scheme; {@code SSWS} is accepted too because Okta SDKs configured with an API token send that
 * scheme, and agents must be able to use them unmodified.
 */
public final class AuthorizationHeader {

    /** Far above any Okta access token; larger values are refused before parsing. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private AuthorizationHeader() {
    }

    public static String token(String headerValue) throws InvalidAgentTokenException {
        if (headerValue == null || headerValue.isBlank()) {
            throw new InvalidAgentTokenException("no Authorization header");
        }
        int space = headerValue.indexOf(' ');
        if (space < 0) {
            throw new InvalidAgentTokenException("Authorization header without a scheme");
        }
        String scheme = headerValue.substring(0, space).toLowerCase(Locale.ROOT);
        if (!scheme.equals("bearer") && !scheme.equals("ssws")) {
            throw new InvalidAgentTokenException("unsupported Authorization scheme");
        }
        String token = headerValue.substring(space + 1).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new InvalidAgentTokenException("malformed token");
        }
        return token;
    }
}
