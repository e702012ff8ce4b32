package io.tollgate.sandbox;

import io.tollgate.okta.OktaError;

/** Ends a sandbox Management API request with an error in Okta's shape. */
public class OktaProblem extends RuntimeException {

    /** Okta's answer to a {@code search} or {@code filter} it cannot run. */
    public static final String INVALID_SEARCH = "E0000031";
    /** Okta's answer to a body that is not JSON. */
    public static final String MALFORMED_BODY = "E0000003";

    private final transient OktaError error;

    public OktaProblem(OktaError error) {
        super(error.errorCode() + " " + error.errorSummary(), null, false, false);
        this.error = error;
    }

    public OktaError error() {
        return error;
    }

    public static OktaProblem notFound(String what, String type) {
        return new OktaProblem(OktaError.notFound(what + " (" + type + ")"));
    }

    /** E0000001 for one property, the way Okta reports it: summary names the field, the cause says why. */
    public static OktaProblem invalid(String field, String reason) {
        return new OktaProblem(OktaError.of(400, OktaError.VALIDATION_FAILED, "Api validation failed: " + field,
                field + ": " + reason));
    }

    /** 403 E0000006 for an operation the object's current state does not allow; the cause says why. */
    public static OktaProblem forbidden(String cause) {
        return new OktaProblem(OktaError.of(403, OktaError.PERMISSION_DENIED,
                "You do not have permission to perform the requested action", cause));
    }

    public static OktaProblem malformedBody() {
        return new OktaProblem(OktaError.of(400, MALFORMED_BODY, "The request body was not well-formed."));
    }
}
