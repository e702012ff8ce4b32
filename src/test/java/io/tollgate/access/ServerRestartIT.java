package io.tollgate.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItServer;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.tollgate.access.AccessApi.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, acceptance 4, and issue 10 (kill -9): the server is stopped, cleanly or by
 * {@code kill -9}, with live grants and a pending request, and a grant comes due while it is
 * down. After the start, the live grant is still honoured until its expiry, the timer that came
 * due fires, the pending request can still be decided: nothing is lost.
 */
class ServerRestartIT {

    private static final String ASK = """
            {"connection":"okta-lab","operations":["createUser"],"duration":"%s","reason":"restart drill"}""";

    private static String grantFor(String agent, String duration) {
        String id = AccessApi.filed(agent, ASK.formatted(duration)).path("id").asText();
        assertEquals(200, AccessApi.decide(AccessApi.approver(1), id, "approve").statusCode());
        assertEquals(200, AccessApi.decide(AccessApi.approver(2), id, "approve").statusCode());
        return AccessApi.get(agent, "access-requests/" + id).path("grant").path("id").asText();
    }

    private static HttpResponse<String> createUser(String agent) {
        return Agent.send(Agent.to("okta-lab", "/api/v1/users?activate=false", agent).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(AccessApi.newUser("restart-" + UUID.randomUUID() + "@example.com"))));
    }

    /** How the server goes down. */
    enum Stop {
        CLEANLY(ItServer::stop), KILL_DASH_NINE(ItServer::kill);

        private final Runnable action;

        Stop(Runnable action) {
            this.action = action;
        }
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void grantsTimersAndPendingRequestsSurviveARestart(Stop stop) {
        String agent = AccessApi.provisioner();
        String lasting = grantFor(agent, "PT5M");
        String dueWhileDown = grantFor(agent, "PT6S");
        Instant dueAt = Instant.parse(AccessApi.get(agent, "grants/" + dueWhileDown).path("expiresAt").asText());
        String pending = AccessApi.filed(agent, ASK.formatted("PT5M")).path("id").asText();

        stop.action.run();
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(1)));
        ItServer.start();
        Instant started = Instant.now();

        String admin = TollgateApiClient.adminToken();
        try {
            assertSurvived(agent, admin, lasting, dueWhileDown, pending, started);
        } finally {
            // The five-minute grant must not outlive a failed run: later tests of the same agent would pass under it.
            TollgateApiClient.send("DELETE", "grants/" + lasting, admin, JSON, "");
        }
    }

    private static void assertSurvived(String agent, String admin, String lasting, String dueWhileDown, String pending,
                                       Instant started) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> AccessApi.get(admin, "grants/" + dueWhileDown).path("status").asText().equals("EXPIRED"));
        JsonNode expiry = Json.read(TollgateApiClient.get("audit-events?type=grant.expired&target=grant:" + dueWhileDown, admin).body()).get(0);
        assertTrue(Instant.parse(expiry.path("occurredAt").asText()).isAfter(started.minusSeconds(60)),
                "the timer fired after the start: " + expiry);

        String agentAgain = AccessApi.provisioner();
        assertEquals("ACTIVE", AccessApi.get(admin, "grants/" + lasting).path("status").asText());
        HttpResponse<String> underLastingGrant = createUser(agentAgain);
        assertEquals(200, underLastingGrant.statusCode(), underLastingGrant::body);

        JsonNode waiting = AccessApi.get(admin, "access-requests/" + pending);
        Instant pendingUntil = Instant.parse(waiting.path("pendingUntil").asText());
        assertEquals(200, TollgateApiClient.send("DELETE", "grants/" + lasting, admin, JSON, "").statusCode());
        if (Instant.now().plusSeconds(10).isAfter(pendingUntil)) {
            // A restart slower than the pending timeout (a loaded machine): the request's own timer, which
            // survived the restart too, must have ended it, and nothing may pass under it.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> AccessApi.get(admin, "access-requests/" + pending).path("status").asText().equals("EXPIRED"));
        } else {
            assertEquals("PENDING", waiting.path("status").asText());
            assertEquals(200, AccessApi.decide(AccessApi.approver(1), pending, "approve").statusCode());
            assertEquals("APPROVED", Json.read(AccessApi.decide(AccessApi.approver(2), pending, "approve").body()).path("status").asText());
            String other = AccessApi.get(admin, "access-requests/" + pending).path("grant").path("id").asText();
            assertEquals(200, TollgateApiClient.send("DELETE", "grants/" + other, admin, JSON, "").statusCode());
        }
        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, createUser(agentAgain));
    }
}
