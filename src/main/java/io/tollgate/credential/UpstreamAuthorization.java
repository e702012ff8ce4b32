package io.tollgate.credential;

import java.util.Map;
import java.util.SortedSet;
import java.util.function.BiConsumer;

/**
 * How one upstream request is authorized: the headers to set, and what to do when the upstream
 * answers. {@link #toString()} shows no header values.
 */
public final class UpstreamAuthorization {

    private final Map<String, String> headers;
    private final ServiceAppSession session;
    private final SortedSet<String> scopes;
    private final UpstreamToken token;

    private UpstreamAuthorization(Map<String, String> headers, ServiceAppSession session, SortedSet<String> scopes, UpstreamToken token) {
        this.headers = Map.copyOf(headers);
        this.session = session;
        this.scopes = scopes;
        this.token = token;
    }

    static UpstreamAuthorization fixed(Map<String, String> headers) {
        return new UpstreamAuthorization(headers, null, null, null);
    }

    static UpstreamAuthorization withToken(ServiceAppSession session, SortedSet<String> scopes, UpstreamToken token,
                                           Map<String, String> headers) {
        return new UpstreamAuthorization(headers, session, scopes, token);
    }

    /** Sets the headers ({@code Authorization}, and {@code DPoP} for DPoP-bound tokens) on the upstream request. */
    public void applyTo(BiConsumer<String, String> setHeader) {
        headers.forEach(setHeader);
    }

    /** The upstream answered; a {@code DPoP-Nonce} it sent goes into the next proofs. */
    public void answered(String dpopNonce) {
        if (session != null) {
            session.upstreamNonce(dpopNonce);
        }
    }

    /**
     * The upstream answered 401. For a token Tollgate fetched, the token is dropped (or, for a nonce
     * challenge, the nonce taken), so that one more attempt may succeed; an API token cannot be renewed.
     *
     * @param challenge the {@code WWW-Authenticate} header, or null
     * @param dpopNonce the {@code DPoP-Nonce} header, or null
     * @return whether one more attempt, newly authorized, may succeed
     */
    public boolean refused(String challenge, String dpopNonce) {
        return session != null && session.refused(scopes, token, challenge, dpopNonce);
    }

    @Override
    public String toString() {
        return "UpstreamAuthorization" + headers.keySet();
    }
}
