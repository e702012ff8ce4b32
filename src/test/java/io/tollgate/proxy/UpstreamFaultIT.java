package io.tollgate.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.FaultyUpstream;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, faults: an upstream answering garbage, hanging, resetting mid-body or trickling
 * forever. Each wait is bounded, each failure is a clean error (Okta's shape while nothing was sent
 * to the agent, a cut connection once the answer had started), recorded, and Tollgate serves the
 * next request as usual. The {@code raw} connection waits 2 s for bytes and 4 s for a whole exchange.
 */
class UpstreamFaultIT {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

    private static String agent(String subject) {
        return TestTokens.agent("agents-readonly").subject(subject).mint();
    }

    @Test
    void garbageInsteadOfHttpIsA502() throws Exception {
        try (FaultyUpstream upstream = new FaultyUpstream((socket, out) -> {
            out.write("SURELY NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        })) {
            OktaErrors.assertOktaError(502, "E0000009", Agent.send(Agent.to("raw", "/things", agent("garbage")).GET()));
            assertEquals(1, upstream.requests(), "tried once, never retried");
        }
        assertServesAgain();
    }

    @Test
    void anUpstreamThatNeverAnswersIsA504AfterTheResponseTimeout() throws Exception {
        try (FaultyUpstream upstream = new FaultyUpstream((socket, out) -> {
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            OktaErrors.assertOktaError(504, "E0000009", Agent.send(Agent.to("raw", "/things", agent("hang")).GET()));
            assertEquals(1, upstream.requests());
        }
        assertServesAgain();
    }

    @Test
    void aResetMidBodyCutsTheAgentsAnswerAndIsRecorded() throws Exception {
        String subject = "reset-" + UUID.randomUUID();
        try (FaultyUpstream upstream = new FaultyUpstream((socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[256 * 1024]);
            out.flush();
            socket.setSoLinger(true, 0);
        })) {
            HttpResponse<InputStream> response = Agent.stream(Agent.to("raw", "/big", agent(subject)).GET());
            assertEquals(200, response.statusCode(), "the answer had started");
            assertThrows(IOException.class, () -> {
                try (InputStream body = response.body()) {
                    body.readAllBytes();
                }
            }, "the agent sees a cut connection, not a complete-looking short body");
            assertEquals(1, upstream.requests());
        }
        assertRecordedOutcome(subject, "upstream-unreachable");
        assertServesAgain();
    }

    /** Too little arrives to start the agent's answer, so it gets a clean 504 when the exchange timeout strikes. */
    @Test
    void aTrickleThatNeverEndsIsCutAtTheExchangeTimeout() throws Exception {
        String subject = "trickle-" + UUID.randomUUID();
        try (FaultyUpstream upstream = new FaultyUpstream((socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            while (!socket.isClosed()) {
                out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(500);
            }
        })) {
            OktaErrors.assertOktaError(504, "E0000009", Agent.send(Agent.to("raw", "/slowly", agent(subject)).GET()));
            assertEquals(1, upstream.requests());
        }
        assertRecordedOutcome(subject, "upstream-timeout");
        assertServesAgain();
    }

    private static void assertRecordedOutcome(String subject, String outcome) {
        String admin = TollgateApiClient.adminToken();
        JsonNode sessions = Json.read(TollgateApiClient.get("sessions?subject=" + subject, admin).body());
        assertEquals(1, sessions.size());
        JsonNode exchanges = Json.read(TollgateApiClient.get("sessions/" + sessions.get(0).path("id").asText(), admin).body())
                .path("exchanges");
        assertEquals(outcome, exchanges.get(0).path("outcome").asText(), exchanges::toString);
    }

    /** After any fault, the next request through the same connection works: nothing stuck, nothing leaked. */
    private static void assertServesAgain() throws Exception {
        try (FaultyUpstream healthy = new FaultyUpstream((socket, out) -> {
            out.write(OK.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        })) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> answer = Agent.send(Agent.to("raw", "/things", agent("after")).GET());
                assertEquals(200, answer.statusCode(), answer::body);
                assertTrue(answer.body().equals("{}"));
            }
        }
    }
}
