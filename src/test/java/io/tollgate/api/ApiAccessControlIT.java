package io.tollgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of Tollgate's API (issue 10, hostile input) called without a token, with another
 * agent's token, and as an approver outside the approver group of the objects at hand, against a
 * victim agent's access request, grant and session: 401 or 403 problems, or 404 where a caller may
 * see only its own (nothing of the victim's leaks), and nothing changes. One row per endpoint:
 * a new endpoint is a new row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiAccessControlIT {

    private static final String JSON = "application/json";
    private static final String YAML = "application/yaml";

    /**
     * One endpoint: method, path ({@code {request}}, {@code {grant}}, {@code {session}} stand for the
     * victim's objects), the body sent, and the status another agent and an outside approver get.
     */
    record Row(String method, String path, String contentType, String body, int otherAgent, int outsideApprover) {
    }

    private static final List<Row> ENDPOINTS = List.of(
            new Row("GET", "access-requests", null, null, 200, 200),
            new Row("POST", "access-requests", JSON, "{}", 400, 403),
            new Row("GET", "access-requests/{request}", null, null, 404, 404),
            new Row("DELETE", "access-requests/{request}", null, null, 404, 403),
            new Row("POST", "access-requests/{request}/approvals", JSON, "{\"decision\":\"approve\"}", 403, 403),
            new Row("GET", "grants", null, null, 200, 200),
            new Row("GET", "grants/{grant}", null, null, 404, 200),
            new Row("DELETE", "grants/{grant}", null, null, 404, 403),
            new Row("GET", "connections/okta-lab/policy", null, null, 403, 403),
            new Row("PUT", "connections/okta-lab/policy", YAML, "version: 1\nrules: []\n", 403, 403),
            new Row("POST", "policy-decisions", JSON, "{\"connection\":\"okta-lab\",\"identity\":{\"sub\":\"x\"},"
                    + "\"request\":{\"method\":\"GET\",\"path\":\"/api/v1/users\"}}", 403, 403),
            new Row("GET", "sessions", null, null, 403, 403),
            new Row("GET", "sessions/{session}", null, null, 403, 403),
            new Row("GET", "sessions/{session}/har", null, null, 403, 403),
            new Row("GET", "audit-events", null, null, 403, 403),
            new Row("GET", "audit-events/verification", null, null, 403, 403));

    private final String victimSubject = "victim-" + UUID.randomUUID();
    private final String victim = TestTokens.agent("agents-provisioning").subject(victimSubject).clientId("0oa-" + victimSubject).mint();
    private final String otherAgent = TestTokens.agent("agents-provisioning").subject("other-" + UUID.randomUUID()).mint();
    /** An approver, but not of {@code security-approvers}, who alone decide the victim's pending request. */
    private final String outsideApprover = TestTokens.agent("tollgate-approvers").subject("outsider-" + UUID.randomUUID()).mint();
    private String admin;
    private Map<String, String> victims;
    private int policyVersion;

    @BeforeAll
    void theVictimHasAPendingRequestAGrantAndASession() {
        admin = TollgateApiClient.adminToken();
        policyVersion = read(admin, "connections/okta-lab/policy").path("version").asInt();
        String pending = filed("{\"connection\":\"okta-lab\",\"operations\":[\"deactivateUser\"],\"duration\":\"PT5M\"}");
        String approved = filed("{\"connection\":\"okta-lab\",\"operations\":[\"createUser\"],\"duration\":\"PT5M\",\"reason\":\"OPS-1\"}");
        for (int approver = 1; approver <= 2; approver++) {
            String token = TestTokens.agent("tollgate-approvers").subject("approver-" + approver + "-" + UUID.randomUUID()).mint();
            HttpResponse<String> decided = TollgateApiClient.send("POST", "access-requests/" + approved + "/approvals", token, JSON,
                    "{\"decision\":\"approve\"}");
            assertEquals(200, decided.statusCode(), decided::body);
        }
        String grant = read(admin, "access-requests/" + approved).path("grant").path("id").asText();
        assertEquals(200, Agent.send(Agent.to("okta-lab", "/api/v1/users?limit=1", victim).GET()).statusCode());
        JsonNode sessions = read(admin, "sessions?subject=" + victimSubject);
        assertEquals(1, sessions.size(), sessions::toString);
        victims = Map.of("{request}", pending, "{grant}", grant, "{session}", sessions.get(0).path("id").asText());
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryEndpointAnswers401() {
        return ENDPOINTS.stream().map(row -> DynamicTest.dynamicTest(row.method() + " " + row.path(), () -> {
            HttpResponse<String> answer = call(row, null);

            assertProblem(401, answer);
            assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), "WWW-Authenticate");
        }));
    }

    @TestFactory
    Stream<DynamicTest> anotherAgentSeesAndChangesNothingOfTheVictims() {
        return ENDPOINTS.stream().map(row -> DynamicTest.dynamicTest(row.method() + " " + row.path(), () ->
                assertOutcome(row.otherAgent(), call(row, otherAgent), true)));
    }

    @TestFactory
    Stream<DynamicTest> anApproverOutsideTheApproverGroupSeesAndChangesNothingItMayNot() {
        return ENDPOINTS.stream().map(row -> DynamicTest.dynamicTest(row.method() + " " + row.path(), () ->
                assertOutcome(row.outsideApprover(), call(row, outsideApprover), false)));
    }

    /** Ids that name nothing, or that name another agent's objects, look the same to an agent: 404. */
    @TestFactory
    Stream<DynamicTest> unknownIdsAndOtherAgentsIdsAreIndistinguishable() {
        String unknown = UUID.randomUUID().toString();
        return Stream.of("access-requests/", "grants/").map(prefix -> DynamicTest.dynamicTest(prefix, () -> {
            HttpResponse<String> missing = TollgateApiClient.get(prefix + unknown, otherAgent);
            HttpResponse<String> foreign = TollgateApiClient.get(prefix + victims.get(prefix.startsWith("grants") ? "{grant}" : "{request}"),
                    otherAgent);
            assertProblem(404, missing);
            assertProblem(404, foreign);
            assertEquals(Json.read(missing.body()).path("title"), Json.read(foreign.body()).path("title"));
        }));
    }

    @TestFactory
    @Order(Integer.MAX_VALUE)
    Stream<DynamicTest> afterAllThatNothingOfTheVictimsChanged() {
        return Stream.of(DynamicTest.dynamicTest("the victim's objects as the admin sees them", () -> {
            JsonNode request = read(admin, "access-requests/" + victims.get("{request}"));
            JsonNode grant = read(admin, "grants/" + victims.get("{grant}"));
            JsonNode policy = read(admin, "connections/okta-lab/policy");
            assertAll(
                    () -> assertEquals("PENDING", request.path("status").asText()),
                    () -> assertEquals(0, request.path("approvals").size()),
                    () -> assertEquals("ACTIVE", grant.path("status").asText()),
                    () -> assertEquals(policyVersion, policy.path("version").asInt(), "the okta-lab policy in force"),
                    () -> assertTrue(read(admin, "audit-events/verification").path("intact").asBoolean()));
        }));
    }

    /**
     * The status, and no trace of what the caller may not see: another agent nothing of the
     * victim's; an approver outside security-approvers not the request only they decide (the
     * grants and the request its own group decided it may see).
     */
    private void assertOutcome(int expected, HttpResponse<String> answer, boolean byAnotherAgent) {
        if (expected >= 400) {
            assertProblem(expected, answer);
        } else {
            assertEquals(expected, answer.statusCode(), answer::body);
        }
        String body = answer.body();
        String asked = answer.uri().getPath();
        String hidden = victims.get("{request}");
        assertFalse(body.contains(hidden) && !asked.contains(hidden), () -> "the answer leaks the victim's request: " + body);
        if (byAnotherAgent) {
            assertFalse(body.contains(victimSubject), () -> "the answer names the victim: " + body);
            assertFalse(body.contains(victims.get("{grant}")) && !asked.contains(victims.get("{grant}")),
                    () -> "the answer leaks the victim's grant: " + body);
        }
    }

    private static void assertProblem(int status, HttpResponse<String> answer) {
        assertEquals(status, answer.statusCode(), answer::body);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "content type of " + answer.body());
        JsonNode problem = Json.read(answer.body());
        assertEquals(status, problem.path("status").asInt());
        assertTrue(problem.path("title").isTextual() && problem.path("detail").isTextual(), problem::toString);
    }

    private HttpResponse<String> call(Row row, String token) {
        String path = row.path();
        for (Map.Entry<String, String> victim : victims.entrySet()) {
            path = path.replace(victim.getKey(), victim.getValue());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + ItSettings.httpPort() + "/api/" + path))
                .header("Accept", "application/json")
                .method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(row.body()));
        if (row.contentType() != null) {
            request.header("Content-Type", row.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Agent.send(request);
    }

    private String filed(String body) {
        HttpResponse<String> filed = TollgateApiClient.send("POST", "access-requests", victim, JSON, body);
        assertEquals(201, filed.statusCode(), filed::body);
        return Json.read(filed.body()).path("id").asText();
    }

    private static JsonNode read(String token, String path) {
        HttpResponse<String> response = TollgateApiClient.get(path, token);
        assertEquals(200, response.statusCode(), response::body);
        return Json.read(response.body());
    }
}
