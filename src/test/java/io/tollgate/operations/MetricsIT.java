package io.tollgate.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import io.tollgate.testsupport.UpstreamStub;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, acceptance 3: after a scripted workload through the proxy and the access API, a scrape
 * of {@code /metrics} shows the requests by connection, operation and decision, the proxy's and the
 * upstream's latency histograms, the upstream's remaining rate limit, values masked by rule,
 * pending requests, active grants and the time people took to decide.
 */
class MetricsIT {

    private static final String REQUESTS = "tollgate_proxy_requests_total";

    @Test
    void scrapeShowsTheWorkload() {
        String reader = TestTokens.fromSandbox("agent-reader", "agent-reader-secret", "okta.users.read");
        String approver = TestTokens.fromSandbox("approver-1", "approver-1-secret", "okta.users.read");
        Scrape before = Scrape.now();

        HttpResponse<String> last = null;
        for (int i = 0; i < 3; i++) {
            last = Agent.send(Agent.to("okta", "/api/v1/users?limit=1", reader).GET());
            assertEquals(200, last.statusCode(), last::body);
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(403, Agent.send(Agent.to("okta", "/api/v1/users?limit=1", approver).GET()).statusCode());
        }
        assertEquals(401, Agent.send(Agent.to("okta", "/api/v1/users")).statusCode());

        Scrape after = Scrape.now();
        assertEquals(3, delta(before, after, REQUESTS, "connection", "okta", "operation", "listUsers", "decision", "allow"));
        assertEquals(2, delta(before, after, REQUESTS, "connection", "okta", "operation", "listUsers", "decision", "deny"));
        assertEquals(1, delta(before, after, REQUESTS, "connection", "okta", "operation", "none", "decision", "none"));
        assertEquals(6, delta(before, after, "tollgate_proxy_duration_seconds_count", "connection", "okta"));
        assertEquals(3, delta(before, after, "tollgate_upstream_duration_seconds_count", "connection", "okta"));
        assertTrue(after.has("tollgate_proxy_duration_seconds_bucket", "connection", "okta", "le", "0.1"), "proxy latency histogram");
        assertTrue(after.has("tollgate_upstream_duration_seconds_bucket", "connection", "okta", "le", "+Inf"), "upstream latency histogram");
        String remaining = last.headers().firstValue("X-Rate-Limit-Remaining").orElseThrow();
        assertEquals(Double.parseDouble(remaining), after.value("tollgate_upstream_rate_limit_remaining", "connection", "okta"),
                "the upstream's remaining rate limit, from its latest answer");
    }

    @Test
    void scrapeShowsMaskedValuesByRule() {
        UpstreamStub stub = UpstreamStub.shared();
        stub.respondWith((request, reply) -> reply.send(200, "application/json",
                "{\"maskingProbe\":{\"secret\":\"s-1\"},\"items\":[{\"maskingProbe\":{\"secret\":\"s-2\"}},"
                        + "{\"note\":\"TG-PROBE-123456\"}]}"));
        try {
            String token = TestTokens.agent("agents-provisioning").mint();
            Scrape before = Scrape.now();
            HttpResponse<String> masked = Agent.send(Agent.to("stub", "/probe", token).GET());
            assertEquals(200, masked.statusCode(), masked::body);
            assertTrue(!masked.body().contains("s-1") && !masked.body().contains("TG-PROBE-123456"), masked::body);

            Scrape after = Scrape.now();
            assertEquals(2, delta(before, after, "tollgate_masking_values_total", "connection", "stub", "rule", "probe-secret"));
            assertEquals(1, delta(before, after, "tollgate_masking_values_total", "connection", "stub", "rule", "probe-id"));
        } finally {
            stub.reset();
        }
    }

    @Test
    void scrapeShowsPendingRequestsActiveGrantsAndDecisionTime() {
        // An agent of this test's own, so that its grant lets no other test's agent through.
        String name = "metrics-agent-" + UUID.randomUUID();
        String agent = TestTokens.agent("agents-provisioning").clientId(name).subject(name)
                .scopes(List.of("okta.users.read", "okta.users.manage")).mint();
        String admin = TollgateApiClient.adminToken();
        Scrape before = Scrape.now();

        HttpResponse<String> filed = TollgateApiClient.send("POST", "access-requests", agent, "application/json", """
                {"connection":"okta","scopes":["okta.users.manage"],"duration":"PT10M","reason":"MetricsIT: count me"}""");
        assertEquals(201, filed.statusCode(), filed::body);
        String id = Json.read(filed.body()).path("id").asText();
        awaitGaugeEqualsDatabase("tollgate_access_requests_pending", () -> count(admin, "access-requests?status=PENDING&limit=1000", false));

        String approver = TestTokens.fromSandbox("approver-2", "approver-2-secret", "okta.users.read");
        HttpResponse<String> approved = TollgateApiClient.send("POST", "access-requests/" + id + "/approvals", approver,
                "application/json", "{\"decision\":\"approve\",\"comment\":\"metrics\"}");
        assertEquals("APPROVED", Json.read(approved.body()).path("status").asText(), approved::body);
        awaitGaugeEqualsDatabase("tollgate_grants_active", () -> count(admin, "grants?status=ACTIVE&limit=1000", true));

        Scrape after = Scrape.now();
        assertEquals(1, delta(before, after, "tollgate_access_decision_duration_seconds_count", "decision", "approved"));
        assertTrue(after.has("tollgate_access_decision_duration_seconds_bucket", "decision", "approved", "le", "60.0"),
                "decision time histogram");
    }

    /** The gauges count in the database at scrape time; other tests' requests and grants may change it, so compare one moment. */
    private static void awaitGaugeEqualsDatabase(String gauge, java.util.function.Supplier<Long> database) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long counted = database.get();
            return Scrape.now().value(gauge) == counted && counted >= 1;
        });
    }

    private static long count(String admin, String query, boolean unexpiredOnly) {
        JsonNode listed = Json.read(TollgateApiClient.get(query, admin).body());
        Instant now = Instant.now();
        return StreamSupport.stream(listed.spliterator(), false)
                .filter(item -> !unexpiredOnly || Instant.parse(item.path("expiresAt").asText()).isAfter(now))
                .count();
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
