package io.tollgate.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.ProxiedLinks;
import io.tollgate.testsupport.RawHttp;
import io.tollgate.testsupport.RawHttp.RawResponse;
import io.tollgate.testsupport.RecordedRequest;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Tollgate sends upstream and what it hands back: the connection's URL and credential
 * instead of the agent's, the query byte for byte, header hygiene, links pointing back through
 * Tollgate, and Okta's rate-limit and request-id headers passed through.
 */
@ExtendWith(UpstreamStubExtension.class)
class ProxyForwardingIT {

    private static final String JSON = "application/json";

    private final String token = TestTokens.agent("agents-readonly").mint();
    private final String upstreamBase = ItSettings.stubUpstreamBase();
    private final String proxiedBase = ItSettings.proxiedBase("stub");

    @ParameterizedTest(name = "Authorization: {0} <agent token>")
    @ValueSource(strings = {"Bearer", "SSWS"})
    void replacesAgentCredentialWithConnectionCredential(String scheme, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users")
                .header("Authorization", scheme + " " + token).GET());

        assertEquals(200, response.statusCode(), response::body);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertEquals(List.of(ItSettings.STUB_UPSTREAM_AUTHORIZATION), received.headerValues("Authorization"));
        assertFalse(received.contains(token), "the agent's token reached the upstream");
    }

    @ParameterizedTest(name = "?{0}")
    @ValueSource(strings = {
            "filter=status%20eq%20%22ACTIVE%22&limit=2",
            "search=profile.nickName+eq+%22johny%22",
            "after=00u%2Fabc%3D%3D&limit=200",
            "q=%e2%82%ac&empty=&flag",
            "a=1&a=2&b=%7Bx%7D&c=..%2F",
    })
    void forwardsPathAndQueryByteForByte(String query, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users?" + query, token).GET());

        assertEquals(200, response.statusCode(), response::body);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertEquals("/upstream/api/v1/users", received.rawPath());
        assertEquals(query, received.rawQuery());
    }

    @Test
    void setsHostAndForwardedHeadersAndKeepsUserAgent(UpstreamStub stub) throws Exception {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/groups", token)
                .header("User-Agent", "okta-sdk-java/24.0.0 tollgate-it")
                .header("X-End-To-End", "kept")
                .GET());

        assertEquals(200, response.statusCode(), response::body);
        RecordedRequest received = stub.onlyUpstreamRequest();
        Optional<String> forwardedFor = received.header("X-Forwarded-For");
        assertAll(
                () -> assertEquals(Optional.of("localhost:" + ItSettings.stubPort()), received.header("Host"), "Host"),
                () -> assertEquals(Optional.of("okta-sdk-java/24.0.0 tollgate-it"), received.header("User-Agent"), "User-Agent"),
                () -> assertEquals(Optional.of("kept"), received.header("X-End-To-End"), "an end-to-end header"),
                () -> assertEquals(Optional.of("http"), received.header("X-Forwarded-Proto"), "X-Forwarded-Proto"),
                () -> assertEquals(Optional.of("localhost:" + ItSettings.httpPort()), received.header("X-Forwarded-Host"),
                        "X-Forwarded-Host"),
                () -> assertTrue(forwardedFor.isPresent(), "X-Forwarded-For"));
        assertTrue(InetAddress.getByName(forwardedFor.orElseThrow()).isLoopbackAddress(),
                () -> "X-Forwarded-For names the agent's (loopback) address: " + forwardedFor);
    }

    @Test
    void dropsHopByHopRequestHeadersIncludingThoseNamedByConnection(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        RawResponse response = RawHttp.send("GET", "/proxy/stub/api/v1/users", List.of(
                "Authorization: Bearer " + token,
                "Connection: close, X-Agent-Hop",
                "X-Agent-Hop: must-not-leave",
                "Keep-Alive: timeout=5",
                "Proxy-Authorization: Basic YWdlbnQ6c2VjcmV0",
                "Proxy-Connection: keep-alive",
                "TE: trailers",
                "X-End-To-End: kept"), new byte[0]);

        assertEquals(200, response.status(), response::bodyText);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertAll(
                () -> assertEquals(List.of(), received.headerValues("X-Agent-Hop"), "header named by Connection"),
                () -> assertEquals(List.of(), received.headerValues("Keep-Alive"), "Keep-Alive"),
                () -> assertEquals(List.of(), received.headerValues("Proxy-Authorization"), "Proxy-Authorization"),
                () -> assertEquals(List.of(), received.headerValues("Proxy-Connection"), "Proxy-Connection"),
                () -> assertEquals(List.of(), received.headerValues("TE"), "TE"),
                () -> assertFalse(received.headerValues("Connection").toString().toLowerCase().contains("x-agent-hop"),
                        () -> "the agent's Connection header went upstream: " + received.headerValues("Connection")),
                () -> assertEquals(List.of("kept"), received.headerValues("X-End-To-End"), "an end-to-end header"));
    }

    @Test
    void dropsHopByHopResponseHeaders(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply
                .header("Connection", "X-Upstream-Hop")
                .header("X-Upstream-Hop", "must-not-leave")
                .header("Keep-Alive", "timeout=5, max=100")
                .header("X-Upstream-End-To-End", "kept")
                .send(200, JSON, "[]"));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users", token).GET());

        assertAll(
                () -> assertEquals(200, response.statusCode(), response::body),
                () -> assertEquals(List.of(), response.headers().allValues("X-Upstream-Hop"), "header named by Connection"),
                () -> assertEquals(List.of(), response.headers().allValues("Keep-Alive"), "Keep-Alive"),
                () -> assertEquals(List.of("kept"), response.headers().allValues("X-Upstream-End-To-End"), "an end-to-end header"));
    }

    /** Okta answers 411 to a POST or PUT without a length; an agent's bodiless request must not cause that. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT"})
    void sendsContentLengthZeroForBodilessPostAndPut(String method, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "{}"));

        RawResponse response = RawHttp.send(method, "/proxy/stub/api/v1/users/00ub64p34kMZWO32j0h7/lifecycle/suspend",
                List.of("Authorization: Bearer " + token, "Accept: application/json"), new byte[0]);

        assertEquals(200, response.status(), response::bodyText);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertEquals(method, received.method());
        assertEquals(Optional.of("0"), received.header("Content-Length"), "Content-Length");
        assertEquals(List.of(), received.headerValues("Transfer-Encoding"), "Transfer-Encoding");
        assertEquals(0, received.bodyLength());
    }

    @Test
    void rewritesUpstreamLinksAndLeavesOtherUrlsAlone(UpstreamStub stub) {
        String self = "<" + upstreamBase + "/api/v1/users?limit=2&search=profile.nickName+eq+%22x%22>; rel=\"self\"";
        String next = "<" + upstreamBase + "/api/v1/users?after=00u1%2B2&limit=2>; rel=\"next\"";
        String elsewhere = "<https://other.example.com/api/v1/users?after=1>; rel=\"alternate\"";
        String user = upstreamBase + "/api/v1/users/00u1";
        String body = "[{\"id\":\"00u1\",\"activationUrl\":\"" + user + "/activate\","
                + "\"_links\":{\"self\":{\"href\":\"" + user + "\"},"
                + "\"deactivate\":{\"href\":\"" + user + "/lifecycle/deactivate?sendEmail=false&x=%2F\",\"method\":\"POST\"},"
                + "\"logo\":[{\"name\":\"medium\",\"href\":\"" + upstreamBase + "/logo.png\"},"
                + "{\"name\":\"large\",\"href\":\"https://op1static.oktacdn.com/logo-large.png\"}],"
                + "\"help\":{\"href\":\"https://developer.okta.com/docs\"}},"
                + "\"_embedded\":{\"group\":{\"_links\":{\"self\":{\"href\":\"" + upstreamBase + "/api/v1/groups/00g1\"}}}}}]";
        stub.respondWith((request, reply) -> reply
                .header("Link", self)
                .header("Link", next)
                .header("Link", elsewhere)
                .send(200, JSON, body));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users?limit=2", token).GET());

        assertEquals(200, response.statusCode(), response::body);
        JsonNode expected = ProxiedLinks.body(Json.read(body), upstreamBase, proxiedBase);
        assertAll(
                () -> assertEquals(expected, Json.read(response.body()), "body"),
                () -> assertEquals(proxiedBase + "/api/v1/users/00u1/lifecycle/deactivate?sendEmail=false&x=%2F",
                        expected.at("/0/_links/deactivate/href").asText(), "the expectation itself rewrites"),
                () -> assertEquals(
                        List.of(self, next, elsewhere).stream()
                                .map(link -> ProxiedLinks.linkHeader(link, upstreamBase, proxiedBase))
                                .toList(),
                        linkValues(response), "Link headers"));
    }

    @Test
    void passesRateLimitAndRequestIdHeadersThrough(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply
                .header("X-Rate-Limit-Limit", "1200")
                .header("X-Rate-Limit-Remaining", "1199")
                .header("X-Rate-Limit-Reset", "1795000060")
                .header("X-Okta-Request-Id", "reqAbC123")
                .send(200, JSON, "[]"));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users", token).GET());

        assertAll(
                () -> assertEquals(200, response.statusCode(), response::body),
                () -> assertEquals(List.of("1200"), response.headers().allValues("X-Rate-Limit-Limit")),
                () -> assertEquals(List.of("1199"), response.headers().allValues("X-Rate-Limit-Remaining")),
                () -> assertEquals(List.of("1795000060"), response.headers().allValues("X-Rate-Limit-Reset")),
                () -> assertEquals(List.of("reqAbC123"), response.headers().allValues("X-Okta-Request-Id")));
    }

    /** Link values, whether Tollgate sends one header per link or joins them with commas. */
    private static List<String> linkValues(HttpResponse<?> response) {
        return response.headers().allValues("Link").stream()
                .flatMap(value -> List.of(value.split(",\\s*(?=<)")).stream())
                .toList();
    }
}
