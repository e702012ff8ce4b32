package io.tollgate.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.UpstreamStub;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, acceptance 2: liveness is UP; readiness names the database, each trusted issuer and
 * each connection's upstream, goes DOWN while an upstream is down (the {@code closed} connection:
 * nothing listens on its port) and UP once it answers again.
 */
class HealthIT {

    @Test
    void livenessIsUp() {
        HttpResponse<String> live = OperatorEndpoints.get("/health/live", "application/json");
        assertEquals(200, live.statusCode(), live::body);
        assertEquals("UP", Json.read(live.body()).path("status").asText());
    }

    @Test
    void readinessFollowsAnUpstreamDownAndBackUp() throws IOException {
        UpstreamStub.shared(); // serves the test issuer, so every trusted issuer publishes its keys
        JsonNode down = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(HealthIT::readiness, ready -> check(ready, "identity-providers").path("status").asText().equals("UP"));
        assertEquals("DOWN", down.path("status").asText(), down::toString);
        assertEquals("UP", check(down, "database").path("status").asText(), down::toString);
        assertEquals("DOWN", check(down, "upstreams").path("status").asText(), down::toString);
        JsonNode upstreams = check(down, "upstreams").path("data");
        assertTrue(upstreams.path("closed").asText().startsWith("DOWN"), upstreams::toString);
        assertEquals("UP", upstreams.path("okta").asText(), upstreams::toString);
        assertEquals("UP", upstreams.path("stub").asText(), upstreams::toString);
        Set<String> othersDown = downUpstreams(down);
        othersDown.remove("closed");

        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), ItSettings.closedPort()), 8);
        upstream.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        upstream.start();
        try {
            JsonNode up = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(HealthIT::readiness, ready -> check(ready, "upstreams").path("data").path("closed").asText().equals("UP"));
            // Other tests' upstreams (only up while those tests run) may still be down; none else went down meanwhile.
            assertEquals(othersDown, downUpstreams(up), up::toString);
            String expected = othersDown.isEmpty() ? "UP" : "DOWN";
            assertEquals(expected, check(up, "upstreams").path("status").asText(), up::toString);
            assertEquals(expected, up.path("status").asText(), up::toString);
        } finally {
            upstream.stop(0);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(HealthIT::readiness, ready -> check(ready, "upstreams").path("data").path("closed").asText().startsWith("DOWN"));
    }

    @Test
    void readinessFollowsAnIdentityProviderDownAndBackUp() {
        UpstreamStub issuer = UpstreamStub.shared();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(HealthIT::readiness, ready -> check(ready, "identity-providers").path("status").asText().equals("UP"));
        issuer.withholdIssuer(true);
        try {
            JsonNode down = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(HealthIT::readiness, ready -> check(ready, "identity-providers").path("status").asText().equals("DOWN"));
            assertEquals("DOWN", down.path("status").asText(), down::toString);
        } finally {
            issuer.withholdIssuer(false);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(HealthIT::readiness, ready -> check(ready, "identity-providers").path("status").asText().equals("UP"));
    }

    private static JsonNode readiness() {
        HttpResponse<String> ready = OperatorEndpoints.get("/health/ready", "application/json");
        JsonNode body = Json.read(ready.body());
        assertEquals(body.path("status").asText().equals("UP") ? 200 : 503, ready.statusCode(), ready::body);
        return body;
    }

    private static Set<String> downUpstreams(JsonNode readiness) {
        Set<String> down = new TreeSet<>();
        check(readiness, "upstreams").path("data").fields().forEachRemaining(probe -> {
            if (probe.getValue().asText().startsWith("DOWN")) {
                down.add(probe.getKey());
            }
        });
        return down;
    }

    private static JsonNode check(JsonNode readiness, String name) {
        for (JsonNode check : readiness.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no readiness check named " + name + " in " + readiness);
    }
}
