package io.tollgate.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on errors in Okta's shape, as Tollgate answers them so that Okta SDKs surface them. */
public final class OktaErrors {

    private OktaErrors() {
    }

    public static JsonNode assertOktaError(int expectedStatus, String expectedCode, HttpResponse<String> response) {
        return assertOktaError(expectedStatus, expectedCode, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    public static JsonNode assertOktaError(int expectedStatus, String expectedCode, RawHttp.RawResponse response) {
        return assertOktaError(expectedStatus, expectedCode, response.status(),
                response.header("Content-Type").orElse(""), response.bodyText());
    }

    /** Status, JSON content type and every field Okta's error has: errorCode, errorSummary, errorLink, errorId, errorCauses. */
    public static JsonNode assertOktaError(int expectedStatus, String expectedCode, int status, String contentType, String body) {
        assertEquals(expectedStatus, status, () -> "status; body: " + body);
        assertTrue(contentType.startsWith("application/json"), () -> "content type " + contentType + "; body: " + body);
        JsonNode error = Json.read(body);
        assertEquals(expectedCode, error.path("errorCode").asText(), () -> "errorCode in " + body);
        assertTrue(error.path("errorSummary").isTextual() && !error.path("errorSummary").asText().isBlank(),
                () -> "errorSummary in " + body);
        assertTrue(error.path("errorLink").isTextual(), () -> "errorLink in " + body);
        assertTrue(error.path("errorId").isTextual() && !error.path("errorId").asText().isBlank(), () -> "errorId in " + body);
        assertTrue(error.path("errorCauses").isArray(), () -> "errorCauses in " + body);
        return error;
    }

    /** A refused request must not echo what the agent presented. */
    public static void assertNotEchoed(String secret, HttpResponse<String> response) {
        assertFalse(response.body().contains(secret), "the answer echoes the agent's token");
        response.headers().map().values().forEach(values -> values.forEach(value ->
                assertFalse(value.contains(secret), "a response header echoes the agent's token")));
    }
}
