package io.tollgate.policy;

/**
 * Tollgate's own error codes, sent in Okta's {@code errorCode} field so that an agent (and its SDK)
 * can tell a Tollgate decision from an answer of Okta's. Documented in docs/policy-reference.md.
 */
public final class TollgateErrorCodes {

    /** A rule denied the request, or no rule allowed it. */
    public static final String DENIED = "TG0000001";
    /** A rule lets the request through only under an active just-in-time grant, and there is none. */
    public static final String GRANT_REQUIRED = "TG0000002";
    /** A rule requires a person to approve this very request. */
    public static final String APPROVAL_REQUIRED = "TG0000003";

    private TollgateErrorCodes() {
    }
}
