package io.tollgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import de.sstoehr.harreader.HarReader;
import de.sstoehr.harreader.model.Har;
import de.sstoehr.harreader.model.HarEntry;
import de.sstoehr.harreader.model.HarHeader;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import io.tollgate.testsupport.UpstreamReply;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, acceptance 5: a recorded session exported as HAR is valid HAR 1.2 (read by a HAR
 * library) and matches what the agent saw, request by request, with credentials redacted.
 */
@ExtendWith(UpstreamStubExtension.class)
class SessionHarIT {

    @Test
    void aRecordedSessionExportsAsHarMatchingWhatTheAgentSaw(UpstreamStub stub) throws Exception {
        stub.respondWith((request, reply) -> reply.header("X-Okta-Request-Id", "req-" + request.method())
                .send(request.method().equals("POST") ? 201 : 200, "application/json", "{\"ok\":true}"));
        String subject = "har-agent-" + UUID.randomUUID();
        String token = TestTokens.agent("agents-readonly").subject(subject).mint();

        HttpResponse<String> list = Agent.send(Agent.to("stub", "/api/v1/users?limit=2&search=profile.lastName+eq+%22Doe%22", token).GET());
        HttpResponse<String> create = Agent.send(Agent.to("stub", "/api/v1/things", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
        HttpResponse<String> denied = Agent.send(Agent.to("lab", "/nothing/here", token).GET());

        String admin = TollgateApiClient.adminToken();
        JsonNode sessions = Json.read(TollgateApiClient.get("sessions?subject=" + subject, admin).body());
        assertEquals(1, sessions.size(), sessions::toString);
        HttpResponse<String> exported = TollgateApiClient.get("sessions/" + sessions.get(0).path("id").asText() + "/har", admin);
        assertEquals(200, exported.statusCode(), exported::body);

        Har har = new HarReader().readFromString(exported.body());
        assertEquals("1.2", har.getLog().getVersion());
        List<HarEntry> entries = har.getLog().getEntries();
        assertEquals(3, entries.size());
        assertEntry(entries.get(0), "GET", ItSettings.proxiedBase("stub") + "/api/v1/users?limit=2&search=profile.lastName+eq+%22Doe%22", list);
        assertEntry(entries.get(1), "POST", ItSettings.proxiedBase("stub") + "/api/v1/things", create);
        assertEntry(entries.get(2), "GET", ItSettings.proxiedBase("lab") + "/nothing/here", denied);
        assertEquals("profile.lastName eq \"Doe\"", entries.get(0).getRequest().getQueryString().stream()
                .filter(parameter -> parameter.getName().equals("search")).findFirst().orElseThrow().getValue());
        assertEquals(Optional.of("req-GET"), header(entries.get(0).getResponse().getHeaders(), "X-Okta-Request-Id"));
        assertFalse(exported.body().contains(token), "the agent's token is never in the record");
        assertEquals(Optional.of("[redacted]"), header(entries.get(0).getRequest().getHeaders(), "Authorization"));
        assertTrue(entries.get(0).getTime() >= 0);
    }

    private static void assertEntry(HarEntry entry, String method, String url, HttpResponse<String> seen) {
        assertEquals(method, entry.getRequest().getMethod().name());
        assertEquals(url, entry.getRequest().getUrl());
        assertEquals(seen.statusCode(), entry.getResponse().getStatus());
    }

    private static Optional<String> header(List<HarHeader> headers, String name) {
        return headers.stream().filter(header -> header.getName().equalsIgnoreCase(name)).map(HarHeader::getValue).findFirst();
    }
}
