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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correlation id an agent receives in {@code X-Tollgate-Correlation-Id} (on forwarded answers
 * and on refusals) finds the exchange's line in the access log ({@code logs/http_access.log}) and
 * its record.
 */
class CorrelationIdIT {

    /** server.xml's logFormat: %h %u %t "%r" %s %b %D %{X-Tollgate-Correlation-Id}o. */
    private static final Pattern ACCESS_LOG_LINE = Pattern.compile(
            "\\S+ \\S+ \\[[^]]+] \"(?<request>[^\"]*)\" (?<status>\\d{3}) \\S+ \\d+ (?<correlationId>\\S+)");

    @Test
    void forwardedExchangeIsFoundInTheAccessLogAndItsRecordByItsCorrelationId() {
        String subject = "correlated-" + UUID.randomUUID();
        String token = TestTokens.agent("agents-readonly").clientId(subject).subject(subject).mint();
        HttpResponse<String> answer = Agent.send(Agent.to("okta", "/api/v1/users?limit=1", token).GET());
        assertEquals(200, answer.statusCode(), answer::body);
        String correlationId = answer.headers().firstValue("X-Tollgate-Correlation-Id").orElseThrow();
        UUID.fromString(correlationId);

        Matcher line = awaitLogLine(correlationId);
        assertEquals("GET /proxy/okta/api/v1/users?limit=1 HTTP/1.1", line.group("request"), line::group);
        assertEquals("200", line.group("status"), line::group);

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
        assertEquals("401", awaitLogLine(correlationId).group("status"));

        HttpResponse<String> unknown = Agent.send(Agent.to("no-such-connection", "/x").GET());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("X-Tollgate-Correlation-Id").isPresent(), unknown.headers()::toString);
    }

    /** The access-log line of the exchange; it is written after the answer, by the log's own thread, so it may take a moment. */
    private static Matcher awaitLogLine(String correlationId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> logLine(correlationId), Optional::isPresent).orElseThrow();
    }

    private static Optional<Matcher> logLine(String correlationId) {
        Path log = ItSettings.serverLogDir().resolve("http_access.log");
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.map(ACCESS_LOG_LINE::matcher)
                    .filter(line -> line.matches() && line.group("correlationId").equals(correlationId))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
