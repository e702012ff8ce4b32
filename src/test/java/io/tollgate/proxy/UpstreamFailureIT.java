package io.tollgate.proxy;

import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.tollgate.testsupport.OktaErrors.assertOktaError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An upstream that is down, too slow (the stub connection's response timeout is 2 s) or rate
 * limiting: the first two answer in Okta's error shape and are not retried, the last passes
 * through as Okta sent it so that SDKs back off by its headers.
 */
@ExtendWith(UpstreamStubExtension.class)
class UpstreamFailureIT {

    private final String token = TestTokens.agent("agents-readonly").mint();

    @Test
    void upstreamDownAnswers502() {
        HttpResponse<String> response = Agent.send(Agent.to("closed", "/api/v1/users", token).GET());

        assertOktaError(502, "E0000009", response);
    }

    /** The stub holds its answer until the test has Tollgate's; it never sleeps. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST"})
    void upstreamSlowerThanResponseTimeoutAnswers504WithoutRetry(String method, UpstreamStub stub) {
        CountDownLatch release = new CountDownLatch(1);
        stub.respondWith((request, reply) -> {
            release.await();
            reply.send(200, "application/json", "[]");
        });
        try {
            HttpRequest.BodyPublisher body = method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{\"profile\":{\"name\":\"slow\"}}");
            HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/groups", token)
                    .header("Content-Type", "application/json")
                    .method(method, body));

            assertOktaError(504, "E0000009", response);
            assertEquals(1, stub.upstreamRequests().size(), () -> "upstream requests: " + stub.upstreamRequests());
        } finally {
            release.countDown();
        }
    }

    @Test
    void rateLimitedAnswerPassesThroughUnchanged(UpstreamStub stub) {
        String oktaBody = "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too many requests.\","
                + "\"errorLink\":\"E0000047\",\"errorId\":\"oaeI2ZNhq9bQhuYxzXhHbVRDg\",\"errorCauses\":[]}";
        stub.respondWith((request, reply) -> reply
                .header("X-Rate-Limit-Limit", "600")
                .header("X-Rate-Limit-Remaining", "0")
                .header("X-Rate-Limit-Reset", "1795000000")
                .header("X-Okta-Request-Id", "WXm2kGrqaB9s@6Lfq3LbQQAAAM4")
                .send(429, "application/json", oktaBody));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users?limit=200", token).GET());

        assertAll(
                () -> assertEquals(429, response.statusCode()),
                () -> assertEquals(oktaBody, response.body()),
                () -> assertEquals(List.of("600"), response.headers().allValues("X-Rate-Limit-Limit")),
                () -> assertEquals(List.of("0"), response.headers().allValues("X-Rate-Limit-Remaining")),
                () -> assertEquals(List.of("1795000000"), response.headers().allValues("X-Rate-Limit-Reset")),
                () -> assertEquals(List.of("WXm2kGrqaB9s@6Lfq3LbQQAAAM4"), response.headers().allValues("X-Okta-Request-Id")),
                () -> assertEquals(1, stub.upstreamRequests().size(), "a 429 is not retried"));
    }
}
