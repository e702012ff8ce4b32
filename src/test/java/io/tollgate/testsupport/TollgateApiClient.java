package io.tollgate.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls Tollgate's own REST API on the integration-test server. */
public final class TollgateApiClient {

    private TollgateApiClient() {
    }

    public static HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + ItSettings.httpPort() + "/api/" + pathAndQuery))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Agent.send(request.GET());
    }

    public static HttpResponse<String> send(String method, String pathAndQuery, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + ItSettings.httpPort() + "/api/" + pathAndQuery))
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Agent.send(request);
    }

    public static String adminToken() {
        return TestTokens.fromSandbox("tollgate-admin", "tollgate-admin-secret", "okta.users.read");
    }
}
