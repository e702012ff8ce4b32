package io.tollgate.proxy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Digests;
import io.tollgate.testsupport.Digests.Digested;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.ProxiedLinks;
import io.tollgate.testsupport.RecordedRequest;
import io.tollgate.testsupport.SeededBytes;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies larger than the integration-test server's whole heap ({@code tollgate.it.server.max.heap.mb})
 * stream through Tollgate intact in both directions: a proxy that buffered them would run out of
 * memory. Nobody holds them: the stub generates them from a seed and both ends compare SHA-256
 * digests computed as the bytes go by.
 */
@ExtendWith(UpstreamStubExtension.class)
class LargeBodyStreamingIT {

    /** Waits for the stub to finish writing; a guard against a hang, not a measure of speed. */
    private static final long HANG_GUARD_MINUTES = 10;
    /** Not the upstream's: must come through untouched. */
    private static final String LOGO = "https://op1static.oktacdn.com/assets/img/logos/users/okta-medium.png";

    private final long largerThanHeap = ItSettings.serverMaxHeapMb() * 3L / 2 * 1024 * 1024;
    private final String token = TestTokens.agent("agents-provisioning").mint();

    @ParameterizedTest(name = "with Content-Length: {0}")
    @ValueSource(booleans = {true, false})
    void responseLargerThanHeapStreamsThroughIntact(boolean withContentLength, UpstreamStub stub) throws Exception {
        CompletableFuture<String> sentSha256 = new CompletableFuture<>();
        stub.respondWith((request, reply) -> {
            SeededBytes body = new SeededBytes(42, largerThanHeap);
            reply.header("Content-Type", "application/octet-stream")
                    .stream(200, withContentLength ? largerThanHeap : null, body::transferTo);
            sentSha256.complete(body.sha256());
        });

        HttpResponse<InputStream> response = Agent.stream(Agent.to("stub", "/api/v1/blobs/large", token).GET());
        assertEquals(200, response.statusCode());
        Digested received = Digests.consume(response.body());

        assertEquals(largerThanHeap, received.length(), "bytes received");
        assertEquals(sentSha256.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES), received.sha256(), "SHA-256 sent vs received");
    }

    @ParameterizedTest(name = "with Content-Length: {0}")
    @ValueSource(booleans = {true, false})
    void requestLargerThanHeapStreamsThroughIntact(boolean withContentLength, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(201, "application/json", "{}"));
        SeededBytes body = new SeededBytes(7, largerThanHeap);
        BodyPublisher streamed = BodyPublishers.ofInputStream(() -> body);
        // Without a known length the JDK client sends the body chunked.
        BodyPublisher publisher = withContentLength ? BodyPublishers.fromPublisher(streamed, largerThanHeap) : streamed;

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/blobs", token)
                .header("Content-Type", "application/octet-stream")
                .POST(publisher));

        assertEquals(201, response.statusCode(), response::body);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertEquals(largerThanHeap, received.bodyLength(), "bytes the upstream received");
        assertEquals(body.sha256(), received.bodySha256(), "SHA-256 sent vs received upstream");
    }

    /**
     * A JSON list of users larger than the heap, chunked, with links in every element: it arrives
     * complete, every {@code _links} href pointing back through Tollgate, other URLs untouched.
     * Parsed as a stream on this side too.
     */
    @Test
    void jsonListLargerThanHeapArrivesCompleteWithLinksRewritten(UpstreamStub stub) throws IOException {
        String upstream = ItSettings.stubUpstreamBase();
        String proxied = ItSettings.proxiedBase("stub");
        long users = largerThanHeap / user(upstream, 0).length + 1;
        String next = "<" + upstream + "/api/v1/users?after=00u%2Bnext&limit=200>; rel=\"next\"";
        stub.respondWith((request, reply) -> reply
                .header("Content-Type", "application/json")
                .header("Link", next)
                .stream(200, null, out -> writeUsers(out, upstream, users)));

        HttpResponse<InputStream> response = Agent.stream(Agent.to("stub", "/api/v1/users?limit=200", token).GET());
        assertEquals(200, response.statusCode());
        assertEquals(List.of(ProxiedLinks.linkHeader(next, upstream, proxied)), response.headers().allValues("Link"));

        long received = 0;
        try (InputStream body = response.body(); JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode user = Json.MAPPER.readTree(parser);
                String self = "/api/v1/users/" + userId(received);
                long index = received;
                assertAll("user " + index,
                        () -> assertEquals(userId(index), user.path("id").asText()),
                        () -> assertEquals(proxied + self, user.at("/_links/self/href").asText()),
                        () -> assertEquals(proxied + self + "/lifecycle/deactivate", user.at("/_links/deactivate/href").asText()),
                        () -> assertEquals(LOGO, user.at("/_links/logo/0/href").asText()),
                        () -> assertEquals(upstream + self + "/profile", user.path("profileUrl").asText()));
                received++;
            }
            assertEquals(JsonToken.END_ARRAY, parser.currentToken());
        }
        assertEquals(users, received, "users received");
        assertTrue(users * user(upstream, 0).length > largerThanHeap, "the list must be larger than the server's heap");
    }

    private static void writeUsers(OutputStream target, String upstream, long users) throws IOException {
        OutputStream out = new BufferedOutputStream(target, 64 * 1024);
        out.write('[');
        for (long i = 0; i < users; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(user(upstream, i));
        }
        out.write(']');
        out.flush();
    }

    private static String userId(long index) {
        return String.format("00u%017d", index);
    }

    /** An Okta user as the list answers it; every one has the same length, so the count is known up front. */
    private static byte[] user(String upstream, long index) {
        String id = userId(index);
        String self = upstream + "/api/v1/users/" + id;
        return ("{\"id\":\"" + id + "\",\"status\":\"ACTIVE\",\"created\":\"2017-07-13T22:08:25.000Z\","
                + "\"profile\":{\"login\":\"" + id + "@example.com\",\"email\":\"" + id + "@example.com\","
                + "\"firstName\":\"Large\",\"lastName\":\"List\"},"
                + "\"credentials\":{\"provider\":{\"type\":\"OKTA\",\"name\":\"OKTA\"}},"
                + "\"profileUrl\":\"" + self + "/profile\","
                + "\"_links\":{\"self\":{\"href\":\"" + self + "\"},"
                + "\"deactivate\":{\"href\":\"" + self + "/lifecycle/deactivate\",\"method\":\"POST\"},"
                + "\"logo\":[{\"name\":\"medium\",\"href\":\"" + LOGO + "\",\"type\":\"image/png\"}]}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
