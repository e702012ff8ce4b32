package io.tollgate.okta;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * An error in the shape Okta's Management API answers with, so that Okta SDKs surface it as they
 * surface Okta's own errors: {@code errorCode}, {@code errorSummary}, {@code errorLink},
 * {@code errorId}, {@code errorCauses}.
 */
public record OktaError(int status, String errorCode, String errorSummary, String errorId, List<String> errorCauses) {

    public static final String INVALID_TOKEN = "E0000011";
    public static final String VALIDATION_FAILED = "E0000001";
    public static final String PERMISSION_DENIED = "E0000006";
    public static final String NOT_FOUND = "E0000007";
    public static final String INTERNAL_ERROR = "E0000009";
    public static final String RATE_LIMITED = "E0000047";

    private static final SecureRandom RANDOM = new SecureRandom();

    public OktaError {
        errorCauses = List.copyOf(errorCauses);
    }

    public static OktaError of(int status, String errorCode, String errorSummary, String... causes) {
        return new OktaError(status, errorCode, errorSummary, newErrorId(), List.of(causes));
    }

    public static OktaError invalidToken() {
        return of(401, INVALID_TOKEN, "Invalid token provided");
    }

    public static OktaError notFound(String what) {
        return of(404, NOT_FOUND, "Not found: Resource not found: " + what);
    }

    /** Okta's error ids look like {@code oaeex-9hCabTH-OY009lCjaEg}: "oae" and 22 URL-safe characters. */
    static String newErrorId() {
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        return "oae" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
    }

    public JsonObject toJson() {
        JsonArrayBuilder causes = Json.createArrayBuilder();
        errorCauses.forEach(cause -> causes.add(Json.createObjectBuilder().add("errorSummary", cause)));
        return Json.createObjectBuilder()
                .add("errorCode", errorCode)
                .add("errorSummary", errorSummary)
                .add("errorLink", errorCode)
                .add("errorId", errorId)
                .add("errorCauses", causes)
                .build();
    }
}
