package io.tollgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.RecordedRequest;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies a compromised agent sends to slip past a rule that looks into them (issue 10, hostile
 * input): nesting far beyond any parser's limits, huge values, repeated keys, content that lenient
 * parsers read and strict ones refuse, wrong content types, bodies beyond the inspection limit.
 * Each is refused in Okta's error shape without the upstream hearing of it, recorded in the
 * agent's session, and the server keeps serving (the IT server has a small heap).
 * Works on the {@code lab} connection (an http connection to the scripted upstream) with a policy
 * of its own, installed through the API as {@code PolicyApiIT} does.
 */
@ExtendWith(UpstreamStubExtension.class)
class HostileBodyIT {

    private static final String JSON = "application/json";
    /** The proxy's default {@code tollgate.policy.max-inspected-body-bytes}. */
    private static final int INSPECTION_LIMIT = 1024 * 1024;

    private final String group = "hostile-" + UUID.randomUUID();
    private final String subject = "hostile-agent-" + UUID.randomUUID();
    private final String token = TestTokens.agent(group).subject(subject).mint();

    @BeforeEach
    void installPolicyThatLooksIntoBodies() {
        String policy = """
                version: 1
                rules:
                  - name: things
                    when:
                      identity: { groups: [%1$s] }
                      request: { methods: [POST], paths: ["/things"] }
                    decision: allow
                  - name: no-admin-things
                    when:
                      identity: { groups: [%1$s] }
                      request:
                        methods: [POST]
                        paths: ["/things"]
                        body:
                          - pointer: /type
                            matches: '(?i)\\s*ADMIN\\s*'
                    decision: deny
                    reason: No agent makes admin things.
                """.formatted(group);
        HttpResponse<String> installed = TollgateApiClient.send("PUT", "connections/lab/policy", TollgateApiClient.adminToken(),
                "application/yaml", policy);
        assertEquals(200, installed.statusCode(), installed::body);
    }

    static Stream<Arguments> hostileBodies() {
        return Stream.of(
                Arguments.of("100,000 nested arrays", JSON, bytes("{\"type\":\"ADMIN\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")),
                Arguments.of("50,000 nested objects", JSON, bytes("{\"type\":\"ADMIN\",\"x\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "}")),
                Arguments.of("unclosed nesting to the inspection limit", JSON, bytes("[".repeat(INSPECTION_LIMIT - 1))),
                Arguments.of("a number of 100,000 digits", JSON, bytes("{\"type\":\"ADMIN\",\"n\":" + "9".repeat(100_000) + "}")),
                Arguments.of("the type given twice", JSON, bytes("{\"type\":\"USER\",\"type\":\"ADMIN\"}")),
                Arguments.of("a repeated key deep inside", JSON, bytes("{\"type\":\"USER\",\"x\":[{\"a\":1,\"a\":2}]}")),
                Arguments.of("trailing content", JSON, bytes("{\"type\":\"ADMIN\"} trailing")),
                Arguments.of("a second JSON value", JSON, bytes("{\"type\":\"USER\"}{\"type\":\"ADMIN\"}")),
                Arguments.of("a comment", JSON, bytes("{\"type\":/* USER */\"ADMIN\"}")),
                Arguments.of("single quotes", JSON, bytes("{'type':'ADMIN'}")),
                Arguments.of("a trailing comma", JSON, bytes("{\"type\":\"ADMIN\",}")),
                Arguments.of("an escaped type", JSON, bytes("{\"type\":\"\\u0041DMIN\"}")),
                Arguments.of("JSON sent as text/plain", "text/plain", bytes("{\"type\":\"ADMIN\"}")),
                Arguments.of("JSON without a content type", null, bytes("{\"type\":\"ADMIN\"}")),
                Arguments.of("a form", "application/x-www-form-urlencoded", bytes("type=ADMIN")),
                Arguments.of("UTF-16 JSON", "application/json; charset=UTF-16", "{\"type\":\"USER\"}".getBytes(StandardCharsets.UTF_16BE)),
                Arguments.of("invalid UTF-8", JSON, new byte[]{'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAE, '"', '}'}),
                Arguments.of("larger than Tollgate inspects", JSON,
                        bytes("{\"type\":\"USER\",\"pad\":\"" + "x".repeat(INSPECTION_LIMIT) + "\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aBodyThatCouldSlipPastTheRuleIsRefusedAndNotForwarded(String what, String contentType, byte[] body, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "{}"));

        HttpResponse<String> response = post(contentType, body);

        JsonNode error = OktaErrors.assertOktaError(403, TollgateErrorCodes.DENIED, response);
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
        assertTrue(error.toString().length() < 4096, "the answer does not echo the body");
        JsonNode recorded = lastExchangeOfThisAgent();
        assertEquals("deny", recorded.path("outcome").asText(), recorded::toString);
        assertEquals(403, recorded.path("status").asInt(), recorded::toString);
    }

    /** The control, after every hostile body: a plain body passes whole, byte for byte, even near the limit. */
    @Test
    void aPlainBodyNearTheInspectionLimitIsForwardedByteForByte(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "{}"));
        byte[] body = bytes("{\"type\":\"USER\",\"pad\":\"" + "x".repeat(INSPECTION_LIMIT - 64) + "\"}");

        HttpResponse<String> response = post(JSON, body);

        assertEquals(200, response.statusCode(), response::body);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertEquals(body.length, received.bodyLength());
        assertArrayEquals(body, received.body());
    }

    /** Tollgate's own API reads JSON too: nesting far beyond its limits is a 400 problem, not a stack overflow. */
    @Test
    void theApiRefusesDeeplyNestedJsonWithAProblem() {
        String deep = "{\"connection\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(TollgateApiClient.send("POST", "policy-decisions", TollgateApiClient.adminToken(), JSON, deep));
        answers.add(TollgateApiClient.send("POST", "access-requests", token, JSON, deep));

        for (HttpResponse<String> answer : answers) {
            assertEquals(400, answer.statusCode(), answer::body);
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), answer::body);
            assertEquals(400, Json.read(answer.body()).path("status").asInt());
        }
        assertEquals(0, Json.read(TollgateApiClient.get("access-requests", token).body()).size(), "nothing was filed");
    }

    private HttpResponse<String> post(String contentType, byte[] body) {
        HttpRequest.Builder request = Agent.to("lab", "/things", token).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Agent.send(request);
    }

    private JsonNode lastExchangeOfThisAgent() {
        String admin = TollgateApiClient.adminToken();
        JsonNode sessions = Json.read(TollgateApiClient.get("sessions?subject=" + subject, admin).body());
        assertEquals(1, sessions.size(), sessions::toString);
        JsonNode exchanges = Json.read(TollgateApiClient.get("sessions/" + sessions.get(0).path("id").asText(), admin).body())
                .path("exchanges");
        return exchanges.get(exchanges.size() - 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
