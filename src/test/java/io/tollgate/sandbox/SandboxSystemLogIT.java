package io.tollgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.sandbox.SandboxClient.Answer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The System Log records the sandbox's own changes and answers {@code since}, {@code until},
 * {@code filter}, {@code limit} and polling through its {@code next} link; and Okta's rate limits:
 * the IT server limits the {@code logs} family to 40 requests a minute (pom), so the last test here
 * runs it dry and gets Okta's 429. No other test class reads the System Log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxSystemLogIT {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    @Order(1)
    void changesAreLoggedAndPollingReturnsOnlyNewEvents() {
        String since = Instant.now().minusSeconds(5).toString();
        String id = SandboxOrgIT.createUser(true, "Abcd1234!").path("id").asText();
        String filter = URLEncoder.encode("eventType eq \"user.lifecycle.create\"", StandardCharsets.UTF_8);
        Answer created = SandboxClient.get("/api/v1/logs?since=" + since + "&filter=" + filter + "&limit=1000");
        assertEquals(200, created.status());
        assertTrue(targets(created.body()).contains(id), "the create is logged with the user as its target");
        for (JsonNode event : created.body()) {
            assertEquals("user.lifecycle.create", event.path("eventType").asText());
        }

        String next = nextLink(created);
        assertEquals(200, SandboxClient.post("/api/v1/users/" + id + "/lifecycle/suspend", null).status());
        Answer polled = SandboxClient.get(next.substring(SandboxClient.org().length()));
        assertEquals(List.of(), targets(polled.body()), "the next page holds only newer user.lifecycle.create events");

        Answer everything = SandboxClient.get("/api/v1/logs?since=" + since + "&limit=1000");
        JsonNode last = everything.body().get(everything.body().size() - 1);
        assertEquals("user.lifecycle.suspend", last.path("eventType").asText());
        assertEquals(id, last.path("target").get(0).path("id").asText());
    }

    @Test
    @Order(2)
    void untilBoundsTheWindowAndLimitPages() {
        SandboxOrgIT.createUser(false, "Abcd1234!");
        SandboxOrgIT.createUser(false, "Abcd1234!");
        Answer page = SandboxClient.get("/api/v1/logs?limit=1&since=" + Instant.now().minusSeconds(3600));
        assertEquals(1, page.body().size());
        Answer bounded = SandboxClient.get("/api/v1/logs?since=2020-01-01T00:00:00.000Z&until=2020-01-02T00:00:00.000Z");
        assertEquals(0, bounded.body().size());
        assertEquals(List.of(), page.raw().headers().allValues("Link").stream().filter(link -> !link.contains("rel=")).toList());
        assertEquals(400, SandboxClient.get("/api/v1/logs?since=yesterday").status());
    }

    @Test
    @Order(3)
    void aFamilyOverItsLimitIsAnswered429WithOktasHeaders() {
        Answer answer = SandboxClient.get("/api/v1/logs?limit=1");
        int limit = Integer.parseInt(answer.header("X-Rate-Limit-Limit"));
        assertEquals(40, limit, "the IT server's limit for the logs family");
        // At most two windows' worth: a window may turn over while the loop runs.
        for (int i = 0; i <= 2 * limit && answer.status() != 429; i++) {
            answer = SandboxClient.get("/api/v1/logs?limit=1");
        }
        assertEquals(429, answer.status());
        assertEquals("E0000047", answer.body().path("errorCode").asText());
        assertEquals("0", answer.header("X-Rate-Limit-Remaining"));
        assertTrue(Long.parseLong(answer.header("X-Rate-Limit-Reset")) >= Instant.now().getEpochSecond());
        assertEquals(200, SandboxClient.get("/api/v1/users?limit=1").status(), "other families keep their own limits");
    }

    private static List<String> targets(JsonNode events) {
        List<String> ids = new java.util.ArrayList<>();
        events.forEach(event -> event.path("target").forEach(target -> ids.add(target.path("id").asText())));
        return ids;
    }

    private static String nextLink(Answer answer) {
        for (String link : answer.raw().headers().allValues("Link")) {
            Matcher next = NEXT.matcher(link);
            if (next.matches()) {
                return next.group(1);
            }
        }
        throw new AssertionError("A polling answer always links to its next page: " + answer.raw().headers().allValues("Link"));
    }
}
