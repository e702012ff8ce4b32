package io.tollgate.proxy;

import io.tollgate.testsupport.ItSettings;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compromised agent's header and framing tricks (issue 10, hostile input): method and path
 * overrides, hop-by-hop games with Tollgate's credential, CR/LF smuggled into values, ambiguous
 * framing, spoofed Host and forwarding headers, absolute request targets. Every request goes over a
 * raw socket; every case asserts what the upstream received, and that nothing went anywhere else.
 */
@ExtendWith(UpstreamStubExtension.class)
class HostileHeadersIT {

    private static final String JSON = "application/json";
    private static final String USERS = "/proxy/stub/api/v1/users";

    private final String token = TestTokens.agent("agents-readonly").mint();

    @ParameterizedTest(name = "{0} with every override header saying DELETE")
    @ValueSource(strings = {"GET", "POST"})
    void methodAndPathOverridesNeverReachTheUpstream(String method, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        RawResponse response = RawHttp.send(method, USERS, List.of(auth(),
                "X-HTTP-Method-Override: DELETE", "X-HTTP-Method: DELETE", "X-Method-Override: DELETE",
                "X-Original-Method: DELETE", "X-Original-URL: /upstream/api/v1/users/00u1/lifecycle/deactivate",
                "X-Rewrite-URL: /upstream/api/v1/users/00u1/lifecycle/deactivate", "Content-Length: 0"), new byte[0]);

        assertEquals(200, response.status(), response::bodyText);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertEquals(method, received.method(), "the method the policy judged");
        assertEquals("/upstream/api/v1/users", received.rawPath());
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "X-Original-Method",
                "X-Original-URL", "X-Rewrite-URL")) {
            assertEquals(List.of(), received.headerValues(header), header);
        }
    }

    /** Naming headers in Connection drops the agent's copies; Tollgate's own still go out. */
    @Test
    void connectionNamingTheCredentialOrForwardingHeadersCannotStripTollgatesOwn(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        RawResponse response = RawHttp.send("GET", USERS, List.of(auth(),
                "Connection: close, Authorization, X-Forwarded-For, X-Forwarded-Proto, X-Forwarded-Host, Host"), new byte[0]);

        assertEquals(200, response.status(), response::bodyText);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertAll(
                () -> assertEquals(List.of(ItSettings.STUB_UPSTREAM_AUTHORIZATION), received.headerValues("Authorization")),
                () -> assertEquals(Optional.of("localhost:" + ItSettings.stubPort()), received.header("Host")),
                () -> assertEquals(Optional.of("http"), received.header("X-Forwarded-Proto")),
                () -> assertTrue(received.header("X-Forwarded-For").isPresent(), "X-Forwarded-For"),
                () -> assertFalse(received.contains(token), "the agent's token went upstream"));
    }

    @Test
    void spoofedForwardingHeadersAreReplacedByTollgatesOwn(UpstreamStub stub) throws Exception {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        RawResponse response = RawHttp.send("GET", USERS, List.of(auth(),
                "X-Forwarded-For: 10.6.6.6", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https",
                "X-Forwarded-Port: 443", "X-Forwarded-Prefix: /admin", "X-Forwarded-Server: evil.example",
                "Forwarded: for=10.6.6.6;host=evil.example;proto=https", "X-Real-IP: 10.6.6.6", "X-Client-IP: 10.6.6.6",
                "True-Client-IP: 10.6.6.6", "X-Original-Host: evil.example", "X-Host: evil.example",
                // The WebSphere plug-in's private headers: remote address, scheme, server name and port, secure.
                "$WSRA: 10.6.6.6", "$WSRH: evil.example", "$WSSC: https", "$WSSN: evil.example", "$WSSP: 443",
                "$WSIS: true"), new byte[0]);

        assertEquals(200, response.status(), response::bodyText);
        RecordedRequest received = stub.onlyUpstreamRequest();
        assertAll(
                () -> assertEquals(Optional.of("http"), received.header("X-Forwarded-Proto")),
                () -> assertEquals(Optional.of("localhost:" + ItSettings.httpPort()), received.header("X-Forwarded-Host")),
                () -> assertTrue(InetAddress.getByName(received.header("X-Forwarded-For").orElseThrow()).isLoopbackAddress()),
                () -> assertFalse(received.contains("evil.example"), () -> "a spoofed host went upstream: " + received.headers()),
                () -> assertFalse(received.contains("10.6.6.6"), () -> "a spoofed address went upstream: " + received.headers()),
                () -> assertEquals(List.of(), received.headerValues("Forwarded")),
                () -> assertEquals(List.of(), received.headerValues("X-Forwarded-Prefix")));
    }

    /**
     * Links point agents back through Tollgate. A Host header (or an absolute request target) naming
     * another host must not steer them, and with them the agent's next token, anywhere else.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Host header", "absolute request target"})
    void aSpoofedHostNeverEntersRewrittenLinks(String how, UpstreamStub stub) {
        String upstream = ItSettings.stubUpstreamBase();
        stub.respondWith((request, reply) -> reply
                .header("Link", "<" + upstream + "/api/v1/users?after=00u2&limit=1>; rel=\"next\"")
                .header("Location", upstream + "/api/v1/users/00u2")
                .send(200, JSON, "{\"_links\":{\"self\":{\"href\":\"" + upstream + "/api/v1/users/00u2\"}}}"));
        boolean absolute = how.startsWith("absolute");

        RawResponse response = RawHttp.send("GET", absolute ? "http://evil.example" + USERS : USERS,
                absolute ? List.of(auth()) : List.of("Host: evil.example", auth()), new byte[0]);

        assertEquals(200, response.status(), response::bodyText);
        String next = response.header("Link").orElseThrow();
        assertAll(
                () -> assertFalse(next.contains("evil.example"), () -> "Link: " + next),
                () -> assertTrue(next.contains("/proxy/stub/api/v1/users?after=00u2&limit=1"), () -> "Link: " + next),
                () -> assertFalse(response.header("Location").orElseThrow().contains("evil.example"), "Location"),
                () -> assertFalse(response.bodyText().contains("evil.example"), response::bodyText),
                () -> assertEquals("/upstream/api/v1/users", stub.onlyUpstreamRequest().rawPath()),
                () -> assertEquals(List.of(), stub.strayRequests(), "stray requests"));
    }

    /** The control: the agent's honest Host keeps its name in the links. */
    @Test
    void theAgentsOwnHostNameStaysInRewrittenLinks(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply
                .header("Link", "<" + ItSettings.stubUpstreamBase() + "/api/v1/users?after=00u2>; rel=\"next\"")
                .send(200, JSON, "[]"));

        RawResponse response = RawHttp.send("GET", USERS, List.of(auth()), new byte[0]);

        assertEquals("<" + ItSettings.proxiedBase("stub") + "/api/v1/users?after=00u2>; rel=\"next\"",
                response.header("Link").orElseThrow());
    }

    /** Tollgate is never an open proxy: absolute targets elsewhere and CONNECT reach nothing. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET http://localhost:%d/upstream/api/v1/users HTTP/1.1",
            "GET http://localhost:%d/test-issuer/v1/keys HTTP/1.1",
            "CONNECT localhost:%d HTTP/1.1",
            "GET //localhost:%d/upstream/api/v1/users HTTP/1.1"})
    void absoluteTargetsElsewhereReachNoOtherHost(String requestLine, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));
        String line = requestLine.formatted(ItSettings.stubPort());

        Optional<RawResponse> response = RawHttp.exchangeToTheEnd(bytes(line + "\r\nHost: localhost:" + ItSettings.stubPort()
                + "\r\n" + auth() + "\r\nConnection: close\r\n\r\n")).stream().findFirst();

        response.ifPresent(answer -> assertTrue(answer.status() >= 400 && answer.status() < 500,
                () -> line + " answered " + answer.status() + ": " + answer.bodyText()));
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
        assertEquals(List.of(), stub.strayRequests(), "requests that reached other paths of the stub's host");
    }

    /**
     * CR or LF inside a header value, obsolete line folding, NUL: Liberty reads a bare CR or LF as the
     * end of a line, so what follows is a header of the agent's own request, under the same hygiene
     * as any other (a second Authorization is refused, an override dropped); no line break ever
     * reaches the upstream inside a value.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bare CR before an override", "bare LF before an override", "obs-fold before an override",
            "NUL before an override", "bare CR before a second Authorization", "bare LF before a Host"})
    void lineBreaksInHeaderValuesNeverInjectAnythingUpstream(String how, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));
        String separator = how.startsWith("bare CR") ? "\r" : how.startsWith("bare LF") ? "\n" : how.startsWith("obs-fold") ? "\r\n " : "\0";
        String injected = how.endsWith("Authorization") ? "Authorization: SSWS stolen-upstream-token"
                : how.endsWith("Host") ? "Host: evil.example" : "X-HTTP-Method-Override: DELETE";

        Optional<RawResponse> response = RawHttp.exchangeToTheEnd(bytes("GET " + USERS + " HTTP/1.1\r\nHost: localhost:"
                + ItSettings.httpPort() + "\r\n" + auth() + "\r\nX-Note: a" + separator + injected + "\r\nConnection: close\r\n\r\n")).stream().findFirst();

        for (RecordedRequest received : stub.upstreamRequests()) {
            assertEquals("GET", received.method());
            assertEquals(List.of(), received.headerValues("X-HTTP-Method-Override"), "an override");
            assertEquals(List.of(ItSettings.STUB_UPSTREAM_AUTHORIZATION), received.headerValues("Authorization"));
            assertFalse(received.contains("stolen-upstream-token") || received.contains("evil.example"),
                    () -> "injected text went upstream: " + received.headers());
            received.headers().forEach((name, values) -> values.forEach(value -> assertFalse(
                    value.contains("\r") || value.contains("\n") || value.contains("\0"),
                    () -> "a line break went upstream in " + name + ": " + value)));
        }
        assertTrue(stub.upstreamRequests().size() <= 1, () -> "upstream requests: " + stub.upstreamRequests());
        response.ifPresent(answer -> assertTrue(answer.status() == 200 || answer.status() == 400 || answer.status() == 401,
                () -> how + " answered " + answer.status() + ": " + answer.bodyText()));
    }

    /**
     * Two lengths, or a length and chunking (request smuggling): refused, or one body read one way,
     * and the connection closed, so that the tail, a second request, is never read as one: one
     * answer at most, and the upstream receives at most the one legitimate request.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"two different Content-Length headers", "one Content-Length with two values",
            "Content-Length and Transfer-Encoding: chunked", "Transfer-Encoding: chunked twice",
            "obfuscated Transfer-Encoding"})
    void ambiguousFramingNeverSmugglesASecondRequestUpstream(String how, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "{}"));
        String smuggled = "POST /proxy/stub/smuggled HTTP/1.1\r\nHost: localhost\r\n" + auth()
                + "\r\nContent-Length: 0\r\n\r\n";
        String chunkedBody = "0\r\n\r\n" + smuggled;
        String framing = switch (how) {
            case "two different Content-Length headers" -> "Content-Length: 2\r\nContent-Length: " + smuggled.length() + "\r\n\r\n{}" + smuggled;
            case "one Content-Length with two values" -> "Content-Length: 2, " + (smuggled.length() + 2) + "\r\n\r\n{}" + smuggled;
            case "Content-Length and Transfer-Encoding: chunked" -> "Content-Length: " + chunkedBody.length()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody;
            case "Transfer-Encoding: chunked twice" -> "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody;
            default -> "Content-Length: " + chunkedBody.length() + "\r\nTransfer-Encoding: xchunked\r\n\r\n" + chunkedBody;
        };

        List<RawResponse> answers = RawHttp.exchangeToTheEnd(bytes("POST /proxy/stub/api/v1/things HTTP/1.1\r\nHost: localhost:"
                + ItSettings.httpPort() + "\r\n" + auth() + "\r\nContent-Type: application/json\r\n" + framing));

        assertTrue(answers.size() <= 1, () -> how + ": the tail was read as a request; answers " + answers);
        List<RecordedRequest> received = stub.upstreamRequests();
        assertTrue(received.size() <= 1, () -> how + ": upstream requests " + received);
        received.forEach(request -> assertEquals("/upstream/api/v1/things", request.rawPath(), () -> "smuggled: " + received));
        answers.forEach(answer -> assertTrue(answer.status() == 200 || answer.status() == 400 || answer.status() == 501,
                () -> how + " answered " + answer.status() + ": " + answer.bodyText()));
    }

    /** What the container takes for a method may be the tail of a body read another way: no token, no request. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}POST", "GET\u0001", "P(ST"})
    void aMethodThatIsNoTokenIsRefused(String method, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        List<RawResponse> answers = RawHttp.exchangeToTheEnd(bytes(method + " " + USERS + " HTTP/1.1\r\nHost: localhost:"
                + ItSettings.httpPort() + "\r\n" + auth() + "\r\nConnection: close\r\n\r\n"));

        answers.forEach(answer -> assertEquals(400, answer.status(), answer::bodyText));
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
    }

    /** Far beyond any real token: refused by the container or by Tollgate, never forwarded. */
    @Test
    void anOversizedAuthorizationHeaderIsRefusedAndNothingIsForwarded(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        RawResponse response = RawHttp.send("GET", USERS, List.of("Authorization: Bearer " + "A".repeat(64 * 1024)), new byte[0]);

        assertTrue(response.status() >= 400 && response.status() < 500, () -> "answered " + response.status());
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
    }

    /** The upstream's own framing and cookies never reach the agent, whatever the upstream sends. */
    @Test
    void upstreamSessionCookiesNeverReachTheAgent(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply
                .header("Set-Cookie", "sid=upstream-session; Path=/")
                .header("Set-Cookie2", "sid=upstream-session")
                .send(200, JSON, "[]"));

        RawResponse response = RawHttp.send("GET", USERS, List.of(auth(), "Cookie: JSESSIONID=agent; sid=agent"), new byte[0]);

        assertEquals(200, response.status(), response::bodyText);
        assertEquals(Optional.empty(), response.header("Set-Cookie"));
        assertEquals(Optional.empty(), response.header("Set-Cookie2"));
        assertEquals(List.of(), stub.onlyUpstreamRequest().headerValues("Cookie"), "the agent's cookies");
    }

    private String auth() {
        return "Authorization: Bearer " + token;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
