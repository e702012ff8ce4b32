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
            """)
    void refusesAmbiguousPath(String form, String target, UpstreamStub stub) {
        RawResponse response = RawHttp.send("GET", target, List.of("Authorization: Bearer " + token), new byte[0]);

        assertOktaError(400, "E0000001", response);
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
