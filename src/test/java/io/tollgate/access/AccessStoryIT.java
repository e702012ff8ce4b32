package io.tollgate.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.tollgate.access.AccessApi.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, acceptance 1: the whole story through the sandbox with real tokens. A provisioning
 * agent is refused, asks for a grant, two approvers approve (one while the agent waits with
 * {@code Prefer: wait}), the provisioning calls pass, the grant expires by its timer, the calls are
 * refused again, and every step is an audit event.
 */
class AccessStoryIT {

    @Test
    void requestTwoApprovalsGrantUseExpiryAndRefusalAgainAllAudited() throws Exception {
        String agent = AccessApi.provisioner();
        String login = "jit-" + UUID.randomUUID() + "@example.com";
        HttpRequest.Builder createUser = Agent.to("okta-lab", "/api/v1/users?activate=false", agent)
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(AccessApi.newUser(login)));

        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, Agent.send(createUser));

        JsonNode request = AccessApi.filed(agent, """
                {"connection":"okta-lab","operations":["createUser","assignUserToGroup"],"duration":"PT8S",
                 "reason":"ticket OPS-42: onboard a contractor"}""");
        String id = request.path("id").asText();
        assertEquals("PENDING", request.path("status").asText());
        assertEquals(2, request.path("approvalsRequired").asInt());
        assertEquals("tollgate-approvers", request.path("approverGroups").get(0).asText());
        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, Agent.send(createUser));

        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> AccessApi.getWaiting(agent, id, 30));
        assertEquals(200, AccessApi.decide(AccessApi.approver(1), id, "approve").statusCode());
        assertEquals("PENDING", AccessApi.get(agent, "access-requests/" + id).path("status").asText(), "one of two approvals");
        assertEquals(200, AccessApi.decide(AccessApi.approver(2), id, "approve").statusCode());

        JsonNode decided = Json.read(waiting.get().body());
        assertEquals("APPROVED", decided.path("status").asText(), "the waiting agent is released by the decision");
        String grantId = decided.path("grant").path("id").asText();
        JsonNode grant = AccessApi.get(agent, "grants/" + grantId);
        assertEquals("ACTIVE", grant.path("status").asText());

        HttpResponse<String> created = Agent.send(createUser);
        assertEquals(200, created.statusCode(), created::body);
        String userId = Json.read(created.body()).path("id").asText();
        String groupId = Json.read(Agent.send(Agent.to("okta-lab", "/api/v1/groups?q=Engineering", agent).GET()).body()).get(0).path("id").asText();
        HttpResponse<String> added = Agent.send(Agent.to("okta-lab", "/api/v1/groups/" + groupId + "/users/" + userId, agent)
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, added.statusCode(), added::body);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> AccessApi.get(agent, "grants/" + grantId).path("status").asText().equals("EXPIRED"));
        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, Agent.send(Agent.to("okta-lab",
                "/api/v1/users?activate=false", agent).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(AccessApi.newUser("late-" + login)))));

        List<String> events = new ArrayList<>();
        String admin = TollgateApiClient.adminToken();
        for (String target : List.of("access-request:" + id, "grant:" + grantId)) {
            Json.read(TollgateApiClient.get("audit-events?target=" + target + "&limit=100", admin).body())
                    .forEach(event -> events.add(event.path("type").asText()));
        }
        assertEquals(List.of("access-request.created", "approval.recorded", "approval.recorded", "access-request.approved",
                "grant.issued", "grant.expired"), events);
        assertTrue(AccessApi.get(admin, "audit-events/verification").path("intact").asBoolean());
    }
}
