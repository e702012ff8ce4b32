package io.tollgate.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs are JSON lines, and the correlation id an agent receives in {@code X-Tollgate-Correlation-Id}
 * (on forwarded answers and on refusals) finds the exchange's line in the log and its record.
 */
class CorrelationIdIT {

    @Test
    void forwardedExchangeIsFoundInTheJsonLogAndItsRecordByItsCorrelationId() {
        String subject = "correlated-" + UUID.randomUUID();
        String token = TestTokens.agent("agents-readonly").clientId(subject).subject(subject).mint();
        HttpResponse<String> answer = Agent.send(Agent.to("okta", "/api/v1/users?limit=1", token).GET());
        assertEquals(200, answer.statusCode(), answer::body);
        String correlationId = answer.headers().firstValue("X-Tollgate-Correlation-Id").orElseThrow();
        UUID.fromString(correlationId);

        JsonNode line = awaitLogLine(correlationId);
        assertEquals("liberty_accesslog", line.path("type").asText(), line::toString);
        assertEquals("GET /proxy/okta/api/v1/users?limit=1 HTTP/1.1", line.path("ibm_requestFirstLine").asText(), line::toString);
        assertEquals(200, line.path("ibm_responseCode").asInt(), line::toString);

        String admin = TollgateApiClient.adminToken();
        JsonNode sessions = Json.read(TollgateApiClient.get("sessions?subject=" + subject, admin).body());
        assertEquals(1, sessions.size(), sessions::toString);
        JsonNode exchanges = Json.read(TollgateApiClient.get("sessions/" + sessions.get(0).path("id").asText(), admin).body())
                .path("exchanges");
        assertEquals(1, exchanges.size(), exchanges::toString);
        assertEquals(correlationId, exchanges.get(0).path("correlationId").asText(), "the record carries the id");
    }

    @Test
    void refusalsCarryACorrelationIdToo() {
        HttpResponse<String> refused = Agent.send(Agent.to("okta", "/api/v1/groups").GET());
        assertEquals(401, refused.statusCode());
        String correlationId = refused.headers().firstValue("X-Tollgate-Correlation-Id").orElseThrow();
        assertEquals(401, awaitLogLine(correlationId).path("ibm_responseCode").asInt());

        HttpResponse<String> unknown = Agent.send(Agent.to("no-such-connection", "/x").GET());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("X-Tollgate-Correlation-Id").isPresent(), unknown.headers()::toString);
    }

    /** The JSON log line of the exchange; the access log is written after the answer, so it may take a moment. */
    private static JsonNode awaitLogLine(String correlationId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> logLine(correlationId), Optional::isPresent).orElseThrow();
    }

    private static Optional<JsonNode> logLine(String correlationId) {
        try (var lines = Files.lines(ItSettings.serverLogDir().resolve("messages.log"), StandardCharsets.UTF_8)) {
            // The server's banner at the top of the file is plain text; everything after it is one JSON object a line.
            return lines.filter(line -> line.startsWith("{") && line.contains(correlationId))
                    .map(Json::read)
                    .filter(json -> correlationId.equals(json.path("correlationId").asText()))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
