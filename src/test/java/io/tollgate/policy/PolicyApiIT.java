package io.tollgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4, acceptance 3 through the API: a policy is replaced with {@code PUT
 * /api/connections/{name}/policy}, takes effect on the next request, and is an audit event; a
 * malformed one is refused with its problems named by line and field, and the previous one stays
 * in force. Works on the {@code lab} connection (an http connection to the scripted upstream).
 */
@ExtendWith(UpstreamStubExtension.class)
class PolicyApiIT {

    private static final String YAML = "application/yaml";
    private static String admin;

    @BeforeAll
    static void operator() {
        admin = TollgateApiClient.adminToken();
    }

    private static String allowing(String group) {
        return """
                version: 1
                rules:
                  - name: lab-reads
                    when:
                      identity: { groups: [%s] }
                      request: { methods: [GET], paths: ["/things/**"] }
                    decision: allow
                    reason: lab agents may read things
                """.formatted(group);
    }

    @Test
    void aReplacedPolicyIsEnforcedAtOnceAndRecordedAsAnAuditEvent(UpstreamStub stub) {
        String group = "lab-" + UUID.randomUUID();
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "{}"));

        HttpResponse<String> stored = TollgateApiClient.send("PUT", "connections/lab/policy", admin, YAML, allowing(group));
        assertEquals(200, stored.statusCode(), stored::body);
        JsonNode version = Json.read(stored.body());

        assertEquals(200, Agent.send(Agent.to("lab", "/things/1", TestTokens.agent(group).mint()).GET()).statusCode());
        OktaErrors.assertOktaError(403, TollgateErrorCodes.DENIED,
                Agent.send(Agent.to("lab", "/things/1", TestTokens.agent("lab-someone-else").mint()).GET()));
        assertEquals(1, stub.upstreamRequests().size());

        HttpResponse<String> events = TollgateApiClient.get("audit-events?type=policy.replaced&target=connection:lab&limit=1000", admin);
        assertEquals(200, events.statusCode(), events::body);
        boolean recorded = false;
        for (JsonNode event : Json.read(events.body())) {
            recorded |= event.path("details").path("version").asInt() == version.path("version").asInt()
                    && event.path("details").path("digest").asText().equals(version.path("digest").asText())
                    && event.path("actor").asText().equals("tollgate-admin");
        }
        assertTrue(recorded, "an audit event for version " + version.path("version"));
    }

    @Test
    void aMalformedPolicyIsRefusedWithItsLineAndTheOneInForceStays(UpstreamStub stub) {
        String group = "lab-" + UUID.randomUUID();
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "{}"));
        assertEquals(200, TollgateApiClient.send("PUT", "connections/lab/policy", admin, YAML, allowing(group)).statusCode());
        int inForce = Json.read(TollgateApiClient.get("connections/lab/policy", admin).body()).path("version").asInt();

        HttpResponse<String> badYaml = TollgateApiClient.send("PUT", "connections/lab/policy", admin, YAML,
                "version: 1\nrules:\n  - name: broken\n    when: [unclosed\n");
        HttpResponse<String> unknownField = TollgateApiClient.send("PUT", "connections/lab/policy", admin, YAML,
                allowing(group).replace("    decision: allow", "    decision: allow\n    colour: blue"));
        HttpResponse<String> badRegex = TollgateApiClient.send("PUT", "connections/lab/policy", admin, YAML,
                allowing(group).replace("request: { methods: [GET], paths: [\"/things/**\"] }",
                        "request: { paths: [\"/things/**\"], query: { q: { matches: \"([a-z\" } } }"));

        assertProblemNames(badYaml, 5, null); // the unclosed list runs into the end of the document, after line 4
        assertProblemNames(unknownField, 8, "colour");
        assertProblemNames(badRegex, 0, "matches");
        assertEquals(inForce, Json.read(TollgateApiClient.get("connections/lab/policy", admin).body()).path("version").asInt());
        assertEquals(200, Agent.send(Agent.to("lab", "/things/2", TestTokens.agent(group).mint()).GET()).statusCode());
    }

    @Test
    void onlyOperatorsMayReplaceAPolicy() {
        String before = TollgateApiClient.get("connections/lab/policy", admin).body();

        HttpResponse<String> anonymous = TollgateApiClient.send("PUT", "connections/lab/policy", null, YAML, allowing("x"));
        HttpResponse<String> agent = TollgateApiClient.send("PUT", "connections/lab/policy",
                TestTokens.fromSandbox("agent-provisioner", "agent-provisioner-secret", "okta.users.read"), YAML, allowing("x"));
        HttpResponse<String> approver = TollgateApiClient.send("PUT", "connections/lab/policy",
                TestTokens.fromSandbox("approver-1", "approver-1-secret", "okta.users.read"), YAML, allowing("x"));
        HttpResponse<String> unknown = TollgateApiClient.send("PUT", "connections/nope/policy", admin, YAML, allowing("x"));

        assertEquals(401, anonymous.statusCode());
        assertEquals(403, agent.statusCode());
        assertEquals(403, approver.statusCode());
        assertEquals(404, unknown.statusCode());
        assertTrue(agent.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(before, TollgateApiClient.get("connections/lab/policy", admin).body(), "nothing changed");
    }

    /** @param line 0 when any line will do; @param field null when the problem need not name one */
    private static void assertProblemNames(HttpResponse<String> response, int line, String field) {
        assertEquals(400, response.statusCode(), response::body);
        JsonNode problems = Json.read(response.body()).path("problems");
        assertTrue(problems.size() > 0, response::body);
        boolean named = false;
        for (JsonNode problem : problems) {
            named |= (line == 0 || problem.path("line").asInt() == line)
                    && (field == null || problem.path("field").asText().contains(field) || problem.path("message").asText().contains(field));
        }
        assertTrue(named, () -> "a problem at line " + line + " naming " + field + ": " + response.body());
    }
}
