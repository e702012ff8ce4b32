package io.tollgate.proxy;

import io.tollgate.testsupport.RawHttp;
import io.tollgate.testsupport.RawHttp.RawResponse;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.tollgate.testsupport.OktaErrors.assertOktaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paths that could be read two ways (by Tollgate's policy and by the upstream) are refused with
 * 400 before anything matches them, and never reach the upstream. They are sent over a raw socket
 * so that no client library normalises them on the way.
 */
@ExtendWith(UpstreamStubExtension.class)
class AmbiguousPathIT {

    private final String token = TestTokens.agent("agents-readonly").mint();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            dot-dot segment                  | /proxy/stub/api/v1/groups/../users
            dot-dot out of the connection    | /proxy/stub/../okta/api/v1/users
            trailing dot-dot                 | /proxy/stub/api/v1/users/..
            dot segment                      | /proxy/stub/api/./v1/users
            trailing dot                     | /proxy/stub/api/v1/users/.
            %2e%2e                           | /proxy/stub/api/v1/groups/%2e%2e/users
            %2E%2E                           | /proxy/stub/api/v1/groups/%2E%2E/users
            .%2e                             | /proxy/stub/api/v1/groups/.%2e/users
            %2e alone                        | /proxy/stub/api/%2e/v1/users
            %2f                              | /proxy/stub/api%2fv1/users
            %2F                              | /proxy/stub/api/v1%2Fusers
            %5c                              | /proxy/stub/api%5cv1/users
            %5C                              | /proxy/stub/api/v1%5Cusers
            backslash                        | "/proxy/stub/api\\v1/users"
            double slash after connection    | /proxy/stub//api/v1/users
            double slash inside              | /proxy/stub/api//v1/users
            double-encoded dots %252e        | /proxy/stub/api/v1/groups/%252e%252e/users
            double-encoded slash %252f       | /proxy/stub/api%252fv1/users
            ;jsessionid matrix parameter     | /proxy/stub/api/v1/users;jsessionid=x
            matrix parameter inside a path   | /proxy/stub/api;x=y/v1/users
            encoded semicolon %3b            | /proxy/stub/api/v1/users%3bjsessionid=x
            overlong UTF-8 dots %c0%ae       | /proxy/stub/api/v1/groups/%c0%ae%c0%ae/users
            overlong UTF-8 slash %c0%af      | /proxy/stub/api%c0%afv1/users
            three-byte overlong dot          | /proxy/stub/api/v1/groups/%e0%80%ae%e0%80%ae/users
            overlong backslash %c1%9c        | /proxy/stub/api%c1%9cv1/users
            fullwidth full stops (NFKC ..)   | /proxy/stub/api/v1/groups/%ef%bc%8e%ef%bc%8e/users
            two dot leader (NFKC ..)         | /proxy/stub/api/v1/groups/%e2%80%a5/users
            fullwidth solidus (NFKC /)       | /proxy/stub/api%ef%bc%8fv1/users
            fullwidth reverse solidus        | /proxy/stub/api%ef%bc%bcv1/users
            small semicolon (NFKC ;)         | /proxy/stub/api/v1/users%ef%b9%94x=y
            invalid UTF-8 byte               | /proxy/stub/api/v1/users/%ff
            raw UTF-8 in the request line    | /proxy/stub/api/v1/users/cafÃ©
            raw fragment in the request line | /proxy/stub/api/v1/users#x
            encoded prefix %70roxy           | /%70roxy/stub/api/v1/users
            dot segment before the prefix    | /x/../proxy/stub/api/v1/users
            encoded slash in the connection  | /proxy/stub%2f..%2fokta/api/v1/users
            dot-dot as the connection        | /proxy/%2e%2e/stub/api/v1/users
            """)
    void refusesAmbiguousPath(String form, String target, UpstreamStub stub) {
        RawResponse response = RawHttp.send("GET", target, List.of("Authorization: Bearer " + token), new byte[0]);

        assertOktaError(400, "E0000001", response);
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
    }

    /**
     * Forms the container refuses itself, before any servlet or error page runs: 400, nothing
     * forwarded, but Liberty's own HTML body (see docs/reliability.md), which echoes the path only
     * HTML-escaped.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ..;/ (read as .. by some servers) | /proxy/stub/api/v1/groups/..;/users
            IIS %u002e                       | /proxy/stub/api/v1/groups/%u002e%u002e/users
            truncated escape                 | /proxy/stub/api/v1/users%2
            encoded NUL                      | /proxy/stub/api/v1/users%00.json
            """)
    void refusedByTheContainerBeforeTollgate(String form, String target, UpstreamStub stub) {
        RawResponse response = RawHttp.send("GET", target, List.of("Authorization: Bearer " + token), new byte[0]);

        assertEquals(400, response.status(), response::bodyText);
        assertFalse(response.bodyText().contains("<script") || response.bodyText().contains(token), response::bodyText);
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
    }

    /** The control: the same raw socket with an unambiguous path (and dots in the query) goes through. */
    @Test
    void forwardsUnambiguousPathSentTheSameWay(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "[]"));

        RawResponse response = RawHttp.send("GET", "/proxy/stub/api/v1/users?q=..%2f..&limit=1",
                List.of("Authorization: Bearer " + token), new byte[0]);

        assertEquals(200, response.status(), response::bodyText);
        assertEquals("/upstream/api/v1/users", stub.onlyUpstreamRequest().rawPath());
        assertEquals("q=..%2f..&limit=1", stub.onlyUpstreamRequest().rawQuery());
        assertTrue(stub.strayRequests().isEmpty(), () -> "stray requests: " + stub.strayRequests());
    }
}
