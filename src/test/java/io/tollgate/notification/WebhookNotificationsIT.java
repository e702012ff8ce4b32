package io.tollgate.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, notifications: pending and decided access requests reach the configured webhook
 * (signed, with a Slack-compatible {@code text}), failures are retried, and a webhook that is down
 * neither blocks nor fails the request flow. Waits are for something the test observes, never
 * for a time.
 */
class WebhookNotificationsIT {

    private static final String JSON = "application/json";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final WebhookReceiver RECEIVER = new WebhookReceiver(WebhookReceiver.configuredPort());

    /** An agent of its own per test (from the test issuer), so that the grants approved here let no other test's calls through. */
    private final String agent = minted("agents-provisioning", "notified-agent");
    private final String reason = "ticket OPS-" + UUID.randomUUID() + ": onboard a contractor";

    @BeforeEach
    void receiverUp() {
        RECEIVER.start();
        RECEIVER.reset();
    }

    @AfterAll
    static void receiverDown() {
        RECEIVER.stop();
    }

    @Test
    void aFiledRequestNotifiesApproversWithEverythingTheyNeed() {
        JsonNode filed = file();
        String id = filed.path("id").asText();

        WebhookReceiver.Received pending = awaitDelivered(id, NotificationPayload.PENDING);
        JsonNode body = pending.body();
        assertEquals(body.path("id").asText(), pending.notificationId());
        assertEquals(1, pending.attempt());
        assertEquals(JSON, pending.contentType());
        assertEquals(WebhookSignature.of(System.getProperty("tollgate.it.webhook.secret"), pending.rawBody()), pending.signature());
        JsonNode request = body.path("accessRequest");
        assertEquals(id, request.path("id").asText());
        assertEquals("/api/access-requests/" + id, request.path("href").asText());
        assertEquals("PENDING", request.path("status").asText());
        assertEquals("okta-lab", request.path("connection").asText());
        assertEquals(filed.path("requester"), request.path("requester"));
        assertEquals(List.of("createUser", "assignUserToGroup"), strings(request.path("operations")));
        assertEquals(List.of(), strings(request.path("scopes")));
        assertEquals(reason, request.path("reason").asText());
        assertEquals(List.of("tollgate-approvers"), strings(request.path("approverGroups")));
        assertEquals(2, request.path("approvalsRequired").asInt());
        String subject = filed.path("requester").path("subject").asText();
        assertEquals(subject + " asks for createUser, assignUserToGroup on okta-lab for PT5M; 2 approvals needed from"
                + " tollgate-approvers. Reason: " + reason + ". /api/access-requests/" + id, body.path("text").asText());
    }

    @Test
    void aDecisionIsNotifiedWithWhoDecided() {
        String id = file().path("id").asText();
        assertEquals(200, decide(approver(1), id, "approve").statusCode());
        HttpResponse<String> second = decide(approver(2), id, "approve");
        assertEquals(200, second.statusCode(), second::body);
        JsonNode approved = Json.read(second.body());

        JsonNode body = awaitDelivered(id, NotificationPayload.DECIDED).body();
        JsonNode request = body.path("accessRequest");
        assertEquals("APPROVED", request.path("status").asText());
        assertEquals(approved.path("decidedBy").asText(), request.path("decidedBy").asText());
        assertEquals(approved.path("grant").path("id").asText(), request.path("grantId").asText());
        assertTrue(body.path("text").asText().endsWith(" was approved by " + approved.path("decidedBy").asText()
                + ". /api/access-requests/" + id), body.path("text").asText());
        assertEquals(1, RECEIVER.about(id, NotificationPayload.PENDING).size(), "the pending notification came once");
    }

    @Test
    void aWebhookAnswering500TwiceGetsTheNotificationOnTheThirdAttempt() {
        AtomicInteger attemptsAtOurs = new AtomicInteger();
        RECEIVER.answerWith(notification -> reason.equals(notification.path("accessRequest").path("reason").asText())
                && NotificationPayload.PENDING.equals(notification.path("type").asText())
                && attemptsAtOurs.incrementAndGet() <= 2 ? 500 : 200);
        String id = file().path("id").asText();

        awaitDelivered(id, NotificationPayload.PENDING);
        List<WebhookReceiver.Received> attempts = RECEIVER.about(id, NotificationPayload.PENDING);
        assertEquals(List.of(1, 2, 3), attempts.stream().map(WebhookReceiver.Received::attempt).toList());
        assertEquals(List.of(500, 500, 200), attempts.stream().map(WebhookReceiver.Received::answered).toList());
        assertEquals(1, attempts.stream().map(WebhookReceiver.Received::notificationId).distinct().count(), "one notification, retried");
        assertEquals(1, attempts.stream().map(attempt -> new String(attempt.rawBody())).distinct().count(), "the same body each time");
    }

    @Test
    void aWebhookThatIsDownNeitherBlocksTheRequestFlowNorIsGivenUpOnWithoutRetries() {
        Instant before = Instant.now();
        RECEIVER.stop();

        String id = file().path("id").asText();
        assertEquals(200, decide(approver(1), id, "approve").statusCode());
        HttpResponse<String> second = decide(approver(2), id, "approve");
        assertEquals(200, second.statusCode(), second::body);
        assertEquals("APPROVED", Json.read(second.body()).path("status").asText());

        String admin = TollgateApiClient.adminToken();
        List<JsonNode> failed = await().atMost(PATIENCE).until(() -> failedNotifications(id, before, admin), events -> events.size() == 2);
        int maxAttempts = Integer.parseInt(System.getProperty("tollgate.it.webhook.max-attempts"));
        assertTrue(maxAttempts > 1, "the IT server retries at all");
        for (JsonNode event : failed) {
            JsonNode details = event.path("details");
            assertEquals(maxAttempts, details.path("attempts").asInt(), event::toString);
            assertEquals("connection refused or host unreachable", details.path("lastError").asText());
            assertEquals("http://localhost:" + WebhookReceiver.configuredPort(), details.path("webhook").asText(),
                    "only the webhook's origin is audited, never its full URL");
            assertTrue(event.path("target").asText().startsWith("notification:"));
        }
        assertEquals(List.of(NotificationPayload.DECIDED, NotificationPayload.PENDING),
                failed.stream().map(event -> event.path("details").path("type").asText()).sorted().toList());
        assertFalse(failed.toString().contains(WebhookReceiver.PATH + "\""), "the webhook's path is never audited");
    }

    @Test
    void aRequestHeldByTheProxyIsNotifiedAsPending() {
        HttpResponse<String> held = Agent.send(Agent.to("okta-lab", "/api/v1/users/00u" + UUID.randomUUID().toString().replace("-", "")
                + "/roles", agent).header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"USER_ADMIN\"}")));
        assertEquals(403, held.statusCode(), held::body);
        String location = held.headers().firstValue("Tollgate-Access-Request").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);

        JsonNode request = awaitDelivered(id, NotificationPayload.PENDING).body().path("accessRequest");
        assertEquals("PENDING", request.path("status").asText());
        assertEquals(List.of("assignRoleToUser"), strings(request.path("operations")));
        assertEquals(1, request.path("approvalsRequired").asInt());
        assertTrue(request.path("reason").asText().startsWith("held request: POST /api/v1/users/"), request::toString);
        assertEquals(200, TollgateApiClient.send("DELETE", "access-requests/" + id, agent, JSON, "").statusCode());
        assertEquals("CANCELLED", awaitDelivered(id, NotificationPayload.DECIDED).body().path("accessRequest").path("status").asText());
    }

    private JsonNode file() {
        HttpResponse<String> response = TollgateApiClient.send("POST", "access-requests", agent, JSON, """
                {"connection":"okta-lab","operations":["createUser","assignUserToGroup"],"duration":"PT5M","reason":"%s"}"""
                .formatted(reason));
        assertEquals(201, response.statusCode(), response::body);
        JsonNode filed = Json.read(response.body());
        assertEquals("PENDING", filed.path("status").asText());
        return filed;
    }

    private static String approver(int number) {
        return minted("tollgate-approvers", "approver-" + number);
    }

    /** A token of the test issuer for a subject (and client) nobody else uses. */
    private static String minted(String group, String name) {
        String unique = name + "-" + UUID.randomUUID();
        return TestTokens.agent(group).subject(unique).clientId("0oa-" + unique).mint();
    }

    private static HttpResponse<String> decide(String token, String id, String decision) {
        return TollgateApiClient.send("POST", "access-requests/" + id + "/approvals", token, JSON,
                "{\"decision\":\"" + decision + "\",\"comment\":\"checked the ticket\"}");
    }

    /** The attempt the webhook accepted, once it has arrived. */
    private static WebhookReceiver.Received awaitDelivered(String accessRequestId, String type) {
        return await().atMost(PATIENCE).until(() -> RECEIVER.about(accessRequestId, type).stream()
                .filter(received -> received.answered() == 200).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static List<JsonNode> failedNotifications(String accessRequestId, Instant since, String admin) {
        List<JsonNode> failed = new ArrayList<>();
        Json.read(TollgateApiClient.get("audit-events?type=notification.failed&since=" + since + "&limit=1000", admin).body())
                .forEach(event -> {
                    if (event.path("details").path("accessRequest").asText().equals(accessRequestId)) {
                        failed.add(event);
                    }
                });
        return failed;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
