package io.tollgate.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The access-request and grant endpoints as the tests call them, with the sandbox's demo identities. */
final class AccessApi {

    static final String JSON = "application/json";

    private AccessApi() {
    }

    static String provisioner() {
        return TestTokens.fromSandbox("agent-provisioner", "agent-provisioner-secret", "okta.users.read okta.users.manage");
    }

    static String approver(int number) {
        return TestTokens.fromSandbox("approver-" + number, "approver-" + number + "-secret", "okta.users.read");
    }

    static HttpResponse<String> file(String token, String body) {
        return TollgateApiClient.send("POST", "access-requests", token, JSON, body);
    }

    static JsonNode filed(String token, String body) {
        HttpResponse<String> response = file(token, body);
        assertEquals(201, response.statusCode(), response::body);
        return Json.read(response.body());
    }

    static HttpResponse<String> decide(String token, String id, String decision) {
        return TollgateApiClient.send("POST", "access-requests/" + id + "/approvals", token, JSON,
                "{\"decision\":\"" + decision + "\",\"comment\":\"checked the ticket\"}");
    }

    static JsonNode get(String token, String path) {
        HttpResponse<String> response = TollgateApiClient.get(path, token);
        assertEquals(200, response.statusCode(), response::body);
        return Json.read(response.body());
    }

    static HttpResponse<String> getWaiting(String token, String id, int seconds) {
        return Agent.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ItSettings.httpPort() + "/api/access-requests/" + id))
                .header("Authorization", "Bearer " + token)
                .header("Prefer", "wait=" + seconds)
                .GET());
    }

    static String newUser(String login) {
        return "{\"profile\":{\"firstName\":\"Test\",\"lastName\":\"User\",\"email\":\"" + login + "\",\"login\":\"" + login + "\"}}";
    }
}
