package io.tollgate.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.RawHttp;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.tollgate.access.AccessApi.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A revoked grant's leftovers (issue 10, hostile input): once an operator revokes a grant, nothing
 * of it lets the agent through, not even a request the agent had already sent when the grant was
 * revoked but that Tollgate decides afterwards; the agent cannot revive it, and the revocation is
 * an audit event.
 */
class RevokedGrantIT {

    @Test
    void aRevokedGrantLetsNothingThroughAfterwardsNotEvenARequestAlreadyInFlight() {
        String subject = "revoked-" + UUID.randomUUID();
        String agent = TestTokens.agent("agents-provisioning").subject(subject).clientId("0oa-" + subject).mint();
        String id = AccessApi.filed(agent, """
                {"connection":"okta-lab","operations":["createUser"],"duration":"PT5M","reason":"ticket OPS-10"}""")
                .path("id").asText();
        assertEquals(200, AccessApi.decide(AccessApi.approver(1), id, "approve").statusCode());
        assertEquals(200, AccessApi.decide(AccessApi.approver(2), id, "approve").statusCode());
        String grantId = AccessApi.get(agent, "access-requests/" + id).path("grant").path("id").asText();
        HttpResponse<String> underTheGrant = createUser(agent, subject + "-1@example.com");
        assertEquals(200, underTheGrant.statusCode(), underTheGrant::body);

        // The rule on the body makes Tollgate decide only once the whole body is in: revoke in between.
        String admin = TollgateApiClient.adminToken();
        AtomicReference<HttpResponse<String>> revocation = new AtomicReference<>();
        String inFlightLogin = subject + "-2@example.com";
        byte[] body = AccessApi.newUser(inFlightLogin).getBytes(StandardCharsets.UTF_8);
        String head = "POST /proxy/okta-lab/api/v1/users?activate=false HTTP/1.1\r\nHost: localhost:" + ItSettings.httpPort()
                + "\r\nAuthorization: Bearer " + agent + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] first = concat(head.getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOf(body, body.length / 2));
        RawHttp.RawResponse inFlight = RawHttp.exchangeInTwoParts(first,
                () -> revocation.set(TollgateApiClient.send("DELETE", "grants/" + grantId, admin, JSON, "")),
                Arrays.copyOfRange(body, body.length / 2, body.length));

        assertEquals(200, revocation.get().statusCode(), revocation.get()::body);
        assertEquals("REVOKED", Json.read(revocation.get().body()).path("status").asText());
        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, inFlight);
        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, createUser(agent, subject + "-3@example.com"));

        assertEquals(404, Agent.send(Agent.to("okta-lab", "/api/v1/users/" + inFlightLogin, agent).GET()).statusCode(),
                "the in-flight request created nobody");
        assertEquals(404, Agent.send(Agent.to("okta-lab", "/api/v1/users/" + subject + "-3@example.com", agent).GET()).statusCode());
        assertEquals(409, TollgateApiClient.send("DELETE", "grants/" + grantId, agent, JSON, "").statusCode(),
                "a revoked grant stays revoked");
        assertEquals("REVOKED", AccessApi.get(agent, "grants/" + grantId).path("status").asText());
        List<String> events = new ArrayList<>();
        Json.read(TollgateApiClient.get("audit-events?target=grant:" + grantId, admin).body())
                .forEach(event -> events.add(event.path("type").asText()));
        assertEquals(List.of("grant.issued", "grant.revoked"), events);
        JsonNode verification = AccessApi.get(admin, "audit-events/verification");
        assertEquals(true, verification.path("intact").asBoolean(), verification::toString);
    }

    private static HttpResponse<String> createUser(String agent, String login) {
        return Agent.send(Agent.to("okta-lab", "/api/v1/users?activate=false", agent)
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(AccessApi.newUser(login))));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
