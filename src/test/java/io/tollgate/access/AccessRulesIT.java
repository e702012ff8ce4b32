package io.tollgate.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tollgate.access.AccessApi.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, acceptance 2 and 3: who may not decide, what may not be decided, that no endpoint lets
 * an agent mint or extend a grant, and that concurrent decisions and concurrent uses of a one-shot
 * grant each have exactly one outcome.
 */
class AccessRulesIT {

    private static final String PROVISIONING = """
            {"connection":"okta-lab","operations":["createUser"],"duration":"PT5M","reason":"ticket OPS-7"%s}""";
    private static final String DEACTIVATION = """
            {"connection":"okta-lab","operations":["deactivateUser"],"duration":"PT5M"}""";

    /** An agent of the test issuer, so that tests can give approvers the same subject or client id. */
    private static String agent(String name) {
        return TestTokens.agent("agents-provisioning").subject(name).clientId("0oa-" + name).mint();
    }

    private static String approver(String subject, String clientId, String... groups) {
        return TestTokens.agent(groups).subject(subject).clientId(clientId).mint();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void theRequesterCanNeverDecideItsOwnRequestBySubjectOrByClientId() {
        String name = unique("jit-agent");
        String id = AccessApi.filed(agent(name), PROVISIONING.formatted("")).path("id").asText();

        assertEquals(403, AccessApi.decide(approver(name, "0oa-other", "tollgate-approvers"), id, "approve").statusCode());
        assertEquals(403, AccessApi.decide(approver(unique("someone"), "0oa-" + name, "tollgate-approvers"), id, "approve").statusCode());

        JsonNode request = AccessApi.get(TollgateApiClient.adminToken(), "access-requests/" + id);
        assertEquals("PENDING", request.path("status").asText());
        assertEquals(0, request.path("approvals").size());
    }

    @Test
    void onlyApproversOfTheRulesApproverGroupsMayDecide() {
        String id = AccessApi.filed(agent(unique("jit-agent")), DEACTIVATION).path("id").asText();

        assertEquals(403, AccessApi.decide(TestTokens.fromSandbox("agent-reader", "agent-reader-secret", "okta.users.read"),
                id, "approve").statusCode(), "an agent is no approver");
        HttpResponse<String> outsider = AccessApi.decide(AccessApi.approver(1), id, "approve");
        assertEquals(403, outsider.statusCode(), "tollgate-approvers may not decide what security-approvers decide");
        assertTrue(outsider.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("PENDING", AccessApi.get(TollgateApiClient.adminToken(), "access-requests/" + id).path("status").asText());

        HttpResponse<String> security = AccessApi.decide(approver(unique("sec"), "0oa-sec", "tollgate-approvers", "security-approvers"), id, "approve");
        assertEquals(200, security.statusCode(), security::body);
        assertEquals("APPROVED", Json.read(security.body()).path("status").asText());
    }

    @Test
    void decidedCancelledAndExpiredRequestsCannotBeDecidedAgain() {
        String agent = agent(unique("jit-agent"));
        String decided = AccessApi.filed(agent, DEACTIVATION).path("id").asText();
        assertEquals(200, AccessApi.decide(approver(unique("sec"), "0oa-sec-1", "tollgate-approvers", "security-approvers"), decided, "deny").statusCode());
        String cancelled = AccessApi.filed(agent, DEACTIVATION).path("id").asText();
        assertEquals(200, TollgateApiClient.send("DELETE", "access-requests/" + cancelled, agent, JSON, "").statusCode());
        String expired = AccessApi.filed(agent, DEACTIVATION).path("id").asText();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> AccessApi.get(agent, "access-requests/" + expired).path("status").asText().equals("EXPIRED"));

        String late = approver(unique("sec"), "0oa-sec-2", "tollgate-approvers", "security-approvers");
        assertEquals(409, AccessApi.decide(late, decided, "approve").statusCode());
        assertEquals(409, AccessApi.decide(late, cancelled, "approve").statusCode());
        assertEquals(409, AccessApi.decide(late, expired, "approve").statusCode());
        assertEquals("DENIED", AccessApi.get(agent, "access-requests/" + decided).path("status").asText());
        assertEquals("CANCELLED", AccessApi.get(agent, "access-requests/" + cancelled).path("status").asText());
        assertEquals("EXPIRED", AccessApi.get(agent, "access-requests/" + expired).path("status").asText());
    }

    @Test
    void noEndpointLetsAnAgentCreateOrExtendAGrant() {
        String agent = agent(unique("jit-agent"));
        String id = AccessApi.filed(agent, PROVISIONING.formatted(",\"status\":\"APPROVED\",\"approvalsRequired\":0")).path("id").asText();
        JsonNode filed = AccessApi.get(agent, "access-requests/" + id);
        assertEquals("PENDING", filed.path("status").asText(), "an agent cannot file itself approved");
        assertEquals(2, filed.path("approvalsRequired").asInt());

        assertEquals(405, TollgateApiClient.send("POST", "grants", agent, JSON, "{\"connection\":\"okta-lab\",\"operations\":[\"createUser\"]}").statusCode());
        assertEquals(403, AccessApi.decide(agent, id, "approve").statusCode());
        String admin = TollgateApiClient.adminToken();
        String someoneElsesGrant = AccessApi.filed(agent(unique("other")), DEACTIVATION).path("id").asText();
        assertEquals(200, AccessApi.decide(approver(unique("sec"), "0oa-sec-3", "tollgate-approvers", "security-approvers"),
                someoneElsesGrant, "approve").statusCode());
        String grantId = AccessApi.get(admin, "access-requests/" + someoneElsesGrant).path("grant").path("id").asText();
        for (String method : List.of("PUT", "PATCH", "POST")) {
            assertEquals(405, TollgateApiClient.send(method, "grants/" + grantId, agent, JSON,
                    "{\"expiresAt\":\"2999-01-01T00:00:00Z\"}").statusCode(), method);
        }
        assertEquals(404, TollgateApiClient.send("DELETE", "grants/" + grantId, agent, JSON, "").statusCode(), "not the agent's grant");
        assertEquals(0, Json.read(TollgateApiClient.get("grants", agent).body()).size(), "the agent holds no grant");
        assertEquals("ACTIVE", AccessApi.get(admin, "grants/" + grantId).path("status").asText());
    }

    @Test
    void twoApproversDecidingAtTheSameInstantReachOneOutcome() throws Exception {
        String id = AccessApi.filed(agent(unique("jit-agent")), DEACTIVATION).path("id").asText();
        String approving = approver(unique("sec"), "0oa-sec-a", "security-approvers", "tollgate-approvers");
        String denying = approver(unique("sec"), "0oa-sec-b", "security-approvers", "tollgate-approvers");

        List<HttpResponse<String>> answers = simultaneously(List.of(
                () -> AccessApi.decide(approving, id, "approve"), () -> AccessApi.decide(denying, id, "deny")));

        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
        assertEquals(List.of(200, 409), statuses);
        JsonNode request = AccessApi.get(TollgateApiClient.adminToken(), "access-requests/" + id);
        boolean approved = answers.get(0).statusCode() == 200;
        assertEquals(approved ? "APPROVED" : "DENIED", request.path("status").asText());
        assertEquals(approved, request.has("grant"));
        assertEquals(1, request.path("approvals").size());
    }

    @Test
    void twentyParallelUsesOfAOneShotGrantForwardExactlyOne() throws Exception {
        String agent = AccessApi.provisioner();
        String id = AccessApi.filed(agent, PROVISIONING.formatted(",\"oneShot\":true")).path("id").asText();
        assertEquals(200, AccessApi.decide(AccessApi.approver(1), id, "approve").statusCode());
        assertEquals(200, AccessApi.decide(AccessApi.approver(2), id, "approve").statusCode());

        List<Callable> creations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String login = unique("one-shot") + "@example.com";
            creations.add(() -> Agent.send(Agent.to("okta-lab", "/api/v1/users?activate=false", agent)
                    .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(AccessApi.newUser(login)))));
        }
        List<HttpResponse<String>> answers = simultaneously(creations);

        assertEquals(1, answers.stream().filter(answer -> answer.statusCode() == 200).count());
        answers.stream().filter(answer -> answer.statusCode() != 200)
                .forEach(refused -> OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, refused));
        String grantId = AccessApi.get(agent, "access-requests/" + id).path("grant").path("id").asText();
        assertEquals("USED", AccessApi.get(agent, "grants/" + grantId).path("status").asText());
    }

    interface Callable extends java.util.concurrent.Callable<HttpResponse<String>> {
    }

    /** Starts every call at the same moment, on threads of its own, and collects the answers in order. */
    private static List<HttpResponse<String>> simultaneously(List<? extends java.util.concurrent.Callable<HttpResponse<String>>> calls)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (java.util.concurrent.Callable<HttpResponse<String>> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
