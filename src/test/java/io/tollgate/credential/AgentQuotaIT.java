package io.tollgate.credential;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.okta.OktaError;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7, acceptance 5: all agents share the upstream's rate limit, so each has a quota per
 * connection (here 3 requests an hour). The agent over its quota gets Okta's 429 {@code E0000047}
 * with {@code X-Rate-Limit-*} from Tollgate, the upstream never sees that request, and another
 * agent's calls keep passing.
 */
@ExtendWith(UpstreamStubExtension.class)
class AgentQuotaIT {

    private static final String POLICY = """
            version: 1
            description: Quota tests against the scripted upstream.
            rules:
              - name: everything
                when:
                  identity: { groups: [agents-readonly] }
                  request: { paths: ["/**"] }
                decision: allow
                reason: Test agents may reach the scripted upstream.
            """;

    @Test
    void anAgentOverItsQuotaGets429WhileAnotherAgentKeepsPassing(UpstreamStub stub) {
        String connection = CredentialFixtures.uniqueName("cred-quota");
        CredentialFixtures.connection(connection, "{\"url\":\"" + ItSettings.stubUpstreamBase() + "\",\"kind\":\"http\","
                + "\"credential\":{\"type\":\"api-token\",\"token\":\"quota-upstream-token\"},"
                + "\"quota\":{\"limit\":3,\"window\":\"PT1H\"}}", POLICY);
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "{}"));
        String busy = TestTokens.agent("agents-readonly").subject("busy-" + UUID.randomUUID()).mint();
        String other = TestTokens.agent("agents-readonly").subject("other-" + UUID.randomUUID()).mint();

        for (int i = 0; i < 3; i++) {
            assertEquals(200, Agent.send(Agent.to(connection, "/things/" + i, busy).GET()).statusCode());
        }
        HttpResponse<String> refused = Agent.send(Agent.to(connection, "/things/over", busy).GET());

        JsonNode error = OktaErrors.assertOktaError(429, OktaError.RATE_LIMITED, refused);
        assertEquals("API call exceeded rate limit due to too many requests.", error.path("errorSummary").asText());
        assertEquals("3", refused.headers().firstValue("X-Rate-Limit-Limit").orElseThrow());
        assertEquals("0", refused.headers().firstValue("X-Rate-Limit-Remaining").orElseThrow());
        long reset = Long.parseLong(refused.headers().firstValue("X-Rate-Limit-Reset").orElseThrow());
        assertTrue(reset > Instant.now().getEpochSecond(), "the reset is when the next request may pass");
        assertEquals(3, stub.upstreamRequests().size(), "the upstream never saw the request over the quota");

        assertEquals(200, Agent.send(Agent.to(connection, "/things/mine", other).GET()).statusCode());
        assertEquals(4, stub.upstreamRequests().size());
        assertEquals("SSWS quota-upstream-token", stub.upstreamRequests().get(3).header("Authorization").orElseThrow());
    }

    /** Quota comes after policy: what the policy refuses costs the agent nothing. */
    @Test
    void requestsThePolicyDeniesSpendNoQuota(UpstreamStub stub) {
        String connection = CredentialFixtures.uniqueName("cred-quota");
        CredentialFixtures.connection(connection, "{\"url\":\"" + ItSettings.stubUpstreamBase() + "\",\"kind\":\"http\","
                + "\"credential\":{\"type\":\"api-token\",\"token\":\"quota-upstream-token\"},"
                + "\"quota\":{\"limit\":2,\"window\":\"PT1H\"}}", POLICY);
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "{}"));
        String subject = "denied-" + UUID.randomUUID();
        String outsider = TestTokens.agent("agents-elsewhere").subject(subject).mint();
        String reader = TestTokens.agent("agents-readonly").subject(subject).mint();

        for (int i = 0; i < 3; i++) {
            OktaErrors.assertOktaError(403, TollgateErrorCodes.DENIED, Agent.send(Agent.to(connection, "/things/" + i, outsider).GET()));
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(200, Agent.send(Agent.to(connection, "/things/" + i, reader).GET()).statusCode());
        }
        assertEquals(2, stub.upstreamRequests().size());
    }
}
