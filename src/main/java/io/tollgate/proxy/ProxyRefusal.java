package io.tollgate.proxy;

import io.tollgate.connection.QuotaExceeded;
import io.tollgate.okta.OktaError;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tollgate answers the agent itself, with an error in Okta's shape, instead of (or after failing
 * at) forwarding. The reason is for the record and operators' logs; it never holds a secret.
 */
public class ProxyRefusal extends Exception {

    private final transient OktaError error;
    private final String outcome;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String accessRequestId;

    public ProxyRefusal(String outcome, OktaError error, String reason) {
        super(reason);
        this.outcome = outcome;
        this.error = error;
    }

    public ProxyRefusal(String outcome, OktaError error, String reason, Throwable cause) {
        super(reason, cause);
        this.outcome = outcome;
        this.error = error;
    }

    public OktaError error() {
        return error;
    }

    /** Adds a header to the answer, such as where to follow an access request up. */
    public ProxyRefusal withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The refused request now awaits this access request's decision (policy said {@code approve}). */
    public ProxyRefusal awaiting(String accessRequestId, String location, String header) {
        this.accessRequestId = accessRequestId;
        return withHeader(header, location);
    }

    public Optional<String> accessRequestId() {
        return Optional.ofNullable(accessRequestId);
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** A short machine-readable word for the record: {@code unauthenticated}, {@code denied}, ... */
    public String outcome() {
        return outcome;
    }

    public static ProxyRefusal badPath(String reason) {
        return new ProxyRefusal("bad-path", OktaError.of(400, OktaError.VALIDATION_FAILED,
                "Api validation failed: path", reason), reason);
    }

    /** Transfer-Encoding with Content-Length, lengths that disagree, a method that is no token: refused, and the connection closed. */
    public static ProxyRefusal ambiguousFraming() {
        String reason = "the request can be read two ways (Transfer-Encoding and Content-Length, several lengths,"
                + " or a method that is no token)";
        return new ProxyRefusal("bad-framing", OktaError.of(400, OktaError.VALIDATION_FAILED,
                "Api validation failed: request framing", reason), reason).withHeader("Connection", "close");
    }

    public static ProxyRefusal unknownConnection(String name) {
        return new ProxyRefusal("unknown-connection", OktaError.notFound("connection " + name), "no connection named " + name);
    }

    public static ProxyRefusal unauthenticated(String reason) {
        return new ProxyRefusal("unauthenticated", OktaError.invalidToken(), reason);
    }

    public static ProxyRefusal denied(String reason) {
        return new ProxyRefusal("denied", OktaError.of(403, OktaError.PERMISSION_DENIED,
                "You do not have permission to perform the requested action", reason), reason);
    }

    public static ProxyRefusal unavailable(String reason, Throwable cause) {
        return new ProxyRefusal("unavailable", OktaError.of(503, OktaError.INTERNAL_ERROR,
                "Tollgate cannot serve this request right now; nothing was sent upstream"), reason, cause);
    }

    /** Something Tollgate depends on failed unexpectedly (its database, say): fail closed. */
    public static ProxyRefusal failed(Throwable cause) {
        return new ProxyRefusal("failed", OktaError.of(503, OktaError.INTERNAL_ERROR,
                "Tollgate cannot serve this request right now"), "unexpected failure: " + cause.getClass().getSimpleName(), cause);
    }

    public static ProxyRefusal upstreamUnreachable(String reason, Throwable cause) {
        return new ProxyRefusal("upstream-unreachable", OktaError.of(502, OktaError.INTERNAL_ERROR,
                "Bad gateway: the upstream could not be reached"), reason, cause);
    }

    /** The upstream answered with a body the connection's masking does not let agents see. */
    public static ProxyRefusal blockedAnswer(String reason) {
        return new ProxyRefusal("blocked-answer", OktaError.of(502, OktaError.INTERNAL_ERROR,
                "Bad gateway: the upstream's answer cannot be passed on", reason), reason);
    }

    /** Okta's own answer to too many requests, so that Okta's SDKs back off as they would from Okta. */
    public static ProxyRefusal overQuota(String subject, String connection, QuotaExceeded exceeded) {
        return new ProxyRefusal("rate-limited", OktaError.of(429, OktaError.RATE_LIMITED,
                "API call exceeded rate limit due to too many requests."),
                "agent " + subject + " exceeded its quota of " + exceeded.limit() + " requests on connection " + connection)
                .withHeader("X-Rate-Limit-Limit", Integer.toString(exceeded.limit()))
                .withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", Long.toString(exceeded.resetEpochSecond()));
    }

    public static ProxyRefusal upstreamTimeout(String reason, Throwable cause) {
        return new ProxyRefusal("upstream-timeout", OktaError.of(504, OktaError.INTERNAL_ERROR,
                "Gateway timeout: the upstream did not answer in time"), reason, cause);
    }
}
