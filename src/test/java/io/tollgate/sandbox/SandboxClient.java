package io.tollgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tests' client of the sandbox org's Management API, with its API token. Every answer passes
 * through two checks before the test sees it: Okta's headers ({@code X-Okta-Request-Id} and the
 * rate-limit trio) are there, and the answer keeps Okta's OpenAPI contract ({@link OktaContract}).
 */
final class SandboxClient {

    static final String ORG_PATH = "/sandbox/okta";
    static final String API_TOKEN = "00Sandbox-Demo-Token-Not-A-Secret-000000";
    static final List<String> OKTA_HEADERS = List.of("X-Okta-Request-Id", "X-Rate-Limit-Limit", "X-Rate-Limit-Remaining",
            "X-Rate-Limit-Reset");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer: status, headers and the body read as JSON (a missing node when empty). */
    record Answer(int status, HttpResponse<String> raw, JsonNode body) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String id() {
            return body.path("id").asText();
        }
    }

    private SandboxClient() {
    }

    static String org() {
        return "http://localhost:" + ItSettings.httpPort() + ORG_PATH;
    }

    static Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    static Answer post(String pathAndQuery, String body) {
        return send("POST", pathAndQuery, body);
    }

    static Answer put(String pathAndQuery, String body) {
        return send("PUT", pathAndQuery, body);
    }

    static Answer delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    /** Sends with the org's API token; {@code body} null sends none. */
    static Answer send(String method, String pathAndQuery, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(org() + pathAndQuery))
                .header("Accept", "application/json")
                .header("Authorization", "SSWS " + API_TOKEN)
                .timeout(Duration.ofMinutes(2));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return exchange(request.build());
    }

    /** Sends a request as given (other credentials, or none), with the same checks on the answer. */
    static Answer exchange(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("The sandbox did not answer " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
        for (String header : OKTA_HEADERS) {
            assertTrue(response.headers().firstValue(header).isPresent(),
                    header + " on every answer; missing on " + request.method() + " " + request.uri());
        }
        OktaContract.check(request.method(), request.uri(), response);
        JsonNode body = response.body().isEmpty() ? Json.MAPPER.missingNode() : Json.read(response.body());
        return new Answer(response.statusCode(), response, body);
    }
}
