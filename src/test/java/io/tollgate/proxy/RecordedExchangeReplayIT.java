package io.tollgate.proxy;

import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.HarArchive;
import io.tollgate.testsupport.HarArchive.HarEntry;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.ProxiedLinks;
import io.tollgate.testsupport.RecordedRequest;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance 2 of issue 2: every exchange recorded with a real Okta org is replayed through
 * {@code /proxy/stub}. The stub answers the recorded request with the recorded response, made to
 * look as if it came from the stub itself (the org's origins become the stub's base URL); the agent
 * must get the recorded status and body with links pointing back through Tollgate, and the
 * upstream must get the recorded method, path, query and body with Tollgate's credential and
 * without the agent's token.
 */
@ExtendWith(UpstreamStubExtension.class)
class RecordedExchangeReplayIT {

    /** Response headers of the recordings that the stub serves again: the rest are transport details. */
    private static final List<String> SERVED_HEADERS =
            List.of("Content-Type", "Link", "X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset");

    private final String upstreamBase = ItSettings.stubUpstreamBase();
    private final String proxiedBase = ItSettings.proxiedBase("stub");

    @TestFactory
    Stream<DynamicTest> recordedExchangesReplayThroughTheProxy() {
        HarArchive archive = HarArchive.load();
        String token = TestTokens.agent("agents-provisioning").mint();
        return archive.entries().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.displayName(), () -> replay(archive, entry, token)));
    }

    private void replay(HarArchive archive, HarEntry entry, String token) {
        UpstreamStub stub = UpstreamStub.shared();
        stub.reset();
        String servedBody = archive.withOrgOriginsReplaced(entry.responseBody(), upstreamBase);
        stub.respondWith((request, reply) -> {
            for (String name : SERVED_HEADERS) {
                entry.responseHeaderValues(name)
                        .forEach(value -> reply.header(name, archive.withOrgOriginsReplaced(value, upstreamBase)));
            }
            reply.send(entry.status(), servedBody.getBytes(StandardCharsets.UTF_8));
        });

        HttpResponse<String> response = Agent.send(entry.agentRequest("stub", token));

        RecordedRequest received = stub.onlyUpstreamRequest();
        assertAll(entry.displayName() + ": what the agent received",
                () -> assertEquals(entry.status(), response.statusCode(), "status"),
                () -> assertAgentBody(servedBody, response.body()),
                () -> assertEquals(
                        entry.responseHeaderValues("Link").stream()
                                .map(value -> archive.withOrgOriginsReplaced(value, upstreamBase))
                                .map(value -> ProxiedLinks.linkHeader(value, upstreamBase, proxiedBase))
                                .toList(),
                        response.headers().allValues("Link"), "Link headers"),
                () -> assertEquals(
                        entry.responseHeaderValues("Content-Type").stream().findFirst().map(RecordedExchangeReplayIT::mediaType),
                        response.headers().firstValue("Content-Type").map(RecordedExchangeReplayIT::mediaType),
                        "Content-Type"));
        assertAll(entry.displayName() + ": what the upstream received",
                () -> assertEquals(entry.method(), received.method(), "method"),
                () -> assertEquals(UpstreamStub.UPSTREAM_PATH + entry.url().getRawPath(), received.rawPath(), "path"),
                () -> assertEquals(entry.url().getRawQuery(), received.rawQuery(), "query"),
                () -> assertEquals(entry.requestBody(), received.bodyText(), "body"),
                () -> assertEquals(entry.requestHeaderValues("Accept"), received.headerValues("Accept"), "Accept"),
                () -> assertEquals(List.of(ItSettings.STUB_UPSTREAM_AUTHORIZATION), received.headerValues("Authorization"),
                        "Authorization"),
                () -> assertFalse(received.contains(token), "the agent's token reached the upstream"),
                () -> assertTrue(stub.strayRequests().isEmpty(), () -> "stray requests: " + stub.strayRequests()));
        if (!entry.requestBody().isEmpty()) {
            assertEquals(entry.requestHeaderValues("Content-Type").stream().findFirst().map(RecordedExchangeReplayIT::mediaType),
                    received.header("Content-Type").map(RecordedExchangeReplayIT::mediaType), "Content-Type sent upstream");
        }
    }

    /** JSON-equal to what the stub served once its links are rewritten; an empty body stays empty. */
    private void assertAgentBody(String servedBody, String agentBody) {
        if (servedBody.isEmpty()) {
            assertEquals("", agentBody, "body");
        } else {
            assertEquals(ProxiedLinks.body(Json.read(servedBody), upstreamBase, proxiedBase), Json.read(agentBody), "body");
        }
    }

    /** {@code application/json;charset=UTF-8} and {@code application/json; charset=utf-8} are the same. */
    private static String mediaType(String contentType) {
        return contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
