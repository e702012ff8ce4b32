package io.tollgate.notification;

import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.AccessRequestStatus;
import io.tollgate.access.entity.RequestBinding;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotificationPayloadTest {

    private static final Instant FILED = Instant.parse("2026-11-24T10:15:30Z");

    private static AccessRequest filed(String reason) {
        return new AccessRequest("okta", "https://acme.okta.com/oauth2/default", "agent-provisioner", "0oa-provisioner",
                List.of("createUser", "assignUserToGroup"), List.of("okta.groups.manage"), Duration.ofMinutes(15), false,
                reason, "provisioning", List.of("tollgate-approvers"), 2, null, FILED, FILED.plus(Duration.ofHours(1)));
    }

    @Test
    void aPendingRequestCarriesWhatApproversNeed() {
        AccessRequest request = filed("ticket OPS-42");
        JsonObject payload = NotificationPayload.of("event-1", FILED, request, "/api/access-requests/" + request.id());

        assertEquals("event-1", payload.getString("id"));
        assertEquals("access-request.pending", payload.getString("type"));
        assertEquals("2026-11-24T10:15:30Z", payload.getString("occurredAt"));
        JsonObject body = payload.getJsonObject("accessRequest");
        assertEquals(request.id(), body.getString("id"));
        assertEquals("/api/access-requests/" + request.id(), body.getString("href"));
        assertEquals("PENDING", body.getString("status"));
        assertEquals("okta", body.getString("connection"));
        assertEquals("agent-provisioner", body.getJsonObject("requester").getString("subject"));
        assertEquals("0oa-provisioner", body.getJsonObject("requester").getString("clientId"));
        assertEquals(List.of("createUser", "assignUserToGroup"), body.getJsonArray("operations").getValuesAs(JsonString::getString));
        assertEquals("okta.groups.manage", body.getJsonArray("scopes").getString(0));
        assertEquals("ticket OPS-42", body.getString("reason"));
        assertEquals("tollgate-approvers", body.getJsonArray("approverGroups").getString(0));
        assertEquals(2, body.getInt("approvalsRequired"));
        assertEquals("PT15M", body.getString("duration"));
        assertFalse(body.containsKey("decidedBy"));
        assertEquals("agent-provisioner asks for createUser, assignUserToGroup, okta.groups.manage on okta for PT15M;"
                + " 2 approvals needed from tollgate-approvers. Reason: ticket OPS-42. /api/access-requests/" + request.id(),
                payload.getString("text"));
    }

    @Test
    void aDecisionSaysWhoDecidedAndWhatItWas() {
        AccessRequest approved = filed("ticket OPS-42");
        approved.decide(AccessRequestStatus.APPROVED, FILED.plusSeconds(60), "approver-2");
        approved.granted("grant-1");
        JsonObject payload = NotificationPayload.of("event-2", FILED.plusSeconds(60), approved, "https://tollgate.example/api/access-requests/x");
        assertEquals("access-request.decided", payload.getString("type"));
        JsonObject body = payload.getJsonObject("accessRequest");
        assertEquals("APPROVED", body.getString("status"));
        assertEquals("approver-2", body.getString("decidedBy"));
        assertEquals("2026-11-24T10:16:30Z", body.getString("decidedAt"));
        assertEquals("grant-1", body.getString("grantId"));
        assertEquals("The request of agent-provisioner for createUser, assignUserToGroup, okta.groups.manage on okta was approved"
                + " by approver-2. https://tollgate.example/api/access-requests/x", payload.getString("text"));

        AccessRequest denied = filed("x");
        denied.decide(AccessRequestStatus.DENIED, FILED, "approver-1");
        assertTrue(NotificationPayload.text(denied, "/r").contains(" was denied by approver-1. "));
        AccessRequest cancelled = filed("x");
        cancelled.decide(AccessRequestStatus.CANCELLED, FILED, "agent-provisioner");
        assertTrue(NotificationPayload.text(cancelled, "/r").contains(" was cancelled by agent-provisioner. "));
        AccessRequest expired = filed("x");
        expired.decide(AccessRequestStatus.EXPIRED, FILED, "tollgate");
        assertTrue(NotificationPayload.text(expired, "/r").contains(" on okta expired undecided. "));
    }

    @Test
    void aHeldProxiedRequestIsNamedByItsMethodAndPathWhenNoOperationIsKnown() {
        AccessRequest held = new AccessRequest("okta", "iss", "agent-provisioner", null, List.of(), List.of(), Duration.ofMinutes(10),
                true, "held request: POST /api/v1/things", "approve-all", List.of("tollgate-approvers"), 1,
                new RequestBinding("POST", "/api/v1/things", "", "e3b0"), FILED, FILED.plusSeconds(600));
        String text = NotificationPayload.text(held, "/r");
        assertTrue(text.startsWith("agent-provisioner asks for POST /api/v1/things on okta for PT10M; 1 approval needed"), text);
        assertEquals("", NotificationPayload.of("e", FILED, held, "/r").getJsonObject("accessRequest")
                .getJsonObject("requester").getString("clientId"));
    }

    @Test
    void whatAgentsWriteStaysOnOneLineAndCannotPingOrLinkInSlack() {
        String text = NotificationPayload.text(filed("urgent <!channel>\nsee <https://evil.example|the ticket> & more"), "/r");
        assertFalse(text.contains("\n"));
        assertFalse(text.contains("<"));
        assertFalse(text.contains(">"));
        assertTrue(text.contains("Reason: urgent &lt;!channel&gt; see &lt;https://evil.example|the ticket&gt; &amp; more."), text);
    }

    @Test
    void aLongReasonIsAbbreviatedInTheTextButKeptWholeInTheBody() {
        String reason = "x".repeat(NotificationPayload.REASON_IN_TEXT + 50);
        JsonObject payload = NotificationPayload.of("e", FILED, filed(reason), "/r");
        assertEquals(reason, payload.getJsonObject("accessRequest").getString("reason"));
        assertTrue(payload.getString("text").contains("x".repeat(NotificationPayload.REASON_IN_TEXT) + "…."));
        assertFalse(payload.getString("text").contains("x".repeat(NotificationPayload.REASON_IN_TEXT + 1)));
    }
}
