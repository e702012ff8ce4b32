package io.tollgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4, acceptance 4 and 5: the starter policy's table of cases, each sent through the proxy to
 * the sandbox org and asked of the explain endpoint; both must give the table's decision, and agree
 * with each other. Then the headline cases again with real tokens from the sandbox.
 */
class StarterPolicyIT {

    private static String admin;

    @BeforeAll
    static void operator() {
        admin = TollgateApiClient.adminToken();
    }

    @TestFactory
    Stream<DynamicTest> theProxyAndTheExplainEndpointDecideEveryStarterCaseAsTheTableSays() {
        return StarterCases.load().stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            JsonNode explained = explain(row);
            assertEquals(row.decision().word(), explained.path("decision").asText(), () -> "explained: " + explained);
            assertEquals(row.basis().name(), explained.path("basis").asText(), () -> "explained: " + explained);
            assertEquals(row.rule().orElse(""), explained.path("decidingRule").path("name").asText(""));
            assertEquals(row.operation().orElse(""), explained.path("operation").path("operationId").asText(""));

            HttpResponse<String> proxied = Agent.send(proxied(row, tokenFor(row.identity())));
            JsonNode answer = explained.path("proxyAnswer");
            if (answer.path("forwarded").asBoolean()) {
                assertFalse(isTollgateRefusal(proxied), () -> "forwarded, but Tollgate answered " + proxied.body());
            } else if (row.method().equals("HEAD")) {
                assertEquals(answer.path("status").asInt(), proxied.statusCode(), "a HEAD refusal has a status and no body");
            } else {
                JsonNode error = OktaErrors.assertOktaError(answer.path("status").asInt(), answer.path("errorCode").asText(), proxied);
                row.rule().ifPresent(rule -> assertEquals("rule: " + rule,
                        error.path("errorCauses").get(0).path("errorSummary").asText(), error::toString));
            }
        }));
    }

    @Test
    void aProvisioningAgentWithASandboxTokenReadsButNeedsAGrantToCreateAUser() {
        String token = TestTokens.fromSandbox("agent-provisioner", "agent-provisioner-secret", "okta.users.read okta.users.manage");

        assertEquals(200, Agent.send(Agent.to("okta", "/api/v1/users?limit=1", token).GET()).statusCode());
        HttpResponse<String> create = Agent.send(Agent.to("okta", "/api/v1/users?activate=false", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"profile\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada.l@example.com\",\"login\":\"ada.l@example.com\"}}")));

        JsonNode error = OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, create);
        assertEquals("rule: user-and-group-changes", error.path("errorCauses").get(0).path("errorSummary").asText());
    }

    @Test
    void aSuperAdminAssignmentIsDeniedWhereAUserAdminAssignmentNeedsApprovalWithSandboxTokens() {
        String token = TestTokens.fromSandbox("agent-provisioner", "agent-provisioner-secret", "okta.users.read okta.users.manage");
        String userId = Json.read(Agent.send(Agent.to("okta", "/api/v1/users?limit=1", token).GET()).body()).get(0).path("id").asText();

        HttpResponse<String> superAdmin = Agent.send(Agent.to("okta", "/api/v1/users/" + userId + "/roles", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUPER_ADMIN\"}")));
        HttpResponse<String> userAdmin = Agent.send(Agent.to("okta", "/api/v1/users/" + userId + "/roles", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"USER_ADMIN\"}")));

        assertEquals("rule: no-super-or-org-admin", OktaErrors.assertOktaError(403, TollgateErrorCodes.DENIED, superAdmin)
                .path("errorCauses").get(0).path("errorSummary").asText());
        assertEquals("rule: role-assignments-need-approval", OktaErrors.assertOktaError(403, TollgateErrorCodes.APPROVAL_REQUIRED, userAdmin)
                .path("errorCauses").get(0).path("errorSummary").asText());
    }

    @Test
    void aReadOnlyAgentWithASandboxTokenCannotDeleteAUser() {
        String token = TestTokens.fromSandbox("agent-reader", "agent-reader-secret", "okta.users.read");

        HttpResponse<String> delete = Agent.send(Agent.to("okta", "/api/v1/users/00u1abcdEFGHijkl0h7", token).DELETE());

        OktaErrors.assertOktaError(403, TollgateErrorCodes.DENIED, delete);
    }

    private static JsonNode explain(StarterCases.StarterCase row) {
        ObjectNode request = Json.MAPPER.createObjectNode()
                .put("method", row.method())
                .put("path", row.path())
                .put("query", rawQuery(row.query()));
        row.body().ifPresent(body -> request.put("body", body));
        ObjectNode question = Json.MAPPER.createObjectNode().put("connection", "okta");
        question.set("identity", Json.MAPPER.valueToTree(row.identity()));
        question.set("request", request);
        HttpResponse<String> response = TollgateApiClient.send("POST", "policy-decisions", admin, "application/json", Json.write(question));
        assertEquals(200, response.statusCode(), response::body);
        return Json.read(response.body());
    }

    /** A token of the test issuer carrying exactly the case's claims. */
    @SuppressWarnings("unchecked")
    private static String tokenFor(Map<String, Object> identity) {
        List<String> groups = (List<String>) identity.getOrDefault("groups", List.of());
        TestTokens.Mint mint = TestTokens.agent(groups.toArray(String[]::new));
        identity.forEach((claim, value) -> {
            switch (claim) {
                case "groups" -> { }
                case "sub" -> mint.subject((String) value);
                case "cid" -> mint.clientId((String) value);
                case "scp" -> mint.scopes((List<String>) value);
                default -> mint.claim(claim, value);
            }
        });
        if (!identity.containsKey("scp")) {
            mint.scopes(List.of());
        }
        return mint.mint();
    }

    private static HttpRequest.Builder proxied(StarterCases.StarterCase row, String token) {
        String query = rawQuery(row.query());
        HttpRequest.Builder request = Agent.to("okta", row.path() + (query.isEmpty() ? "" : "?" + query), token);
        HttpRequest.BodyPublisher body = row.body().map(HttpRequest.BodyPublishers::ofString)
                .orElse(HttpRequest.BodyPublishers.noBody());
        row.body().ifPresent(text -> request.header("Content-Type", "application/json"));
        return request.method(row.method(), body);
    }

    private static String rawQuery(Map<String, List<String>> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(value -> pairs.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return pairs.stream().collect(Collectors.joining("&"));
    }

    private static boolean isTollgateRefusal(HttpResponse<String> response) {
        if (response.statusCode() != 403 && response.statusCode() != 400) {
            return false;
        }
        return Json.read(response.body()).path("errorCode").asText().startsWith("TG");
    }
}
