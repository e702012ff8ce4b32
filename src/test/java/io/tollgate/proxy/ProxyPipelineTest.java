package io.tollgate.proxy;

import io.tollgate.audit.ExchangeRecorder;
import io.tollgate.connection.AgentQuotas;
import io.tollgate.connection.Connection;
import io.tollgate.connection.ConnectionKind;
import io.tollgate.connection.QuotaExceeded;
import io.tollgate.identity.AgentIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The steps after policy, in order: quota, record, forward, outcome. Policy itself, the interceptor
 * around {@link ProxyPipeline#pass}, is tested on the running server (the policy and access ITs).
 */
class ProxyPipelineTest {

    private static final ForwardingResult ANSWERED = new ForwardingResult(200, 2, true, List.of(), null, 1);

    private final List<String> steps = new ArrayList<>();
    private final ProxyExchange exchange = exchange();
    private final ProxyPipeline pipeline = new ProxyPipeline();
    private Optional<QuotaExceeded> quota = Optional.empty();
    private RuntimeException recordFailure;
    private boolean recordUndecided;
    private ProxyRefusal upstreamRefusal;
    private RuntimeException outcomeFailure;

    ProxyPipelineTest() {
        pipeline.quotas = new AgentQuotas() {
            @Override
            public Optional<QuotaExceeded> spend(Connection connection, AgentIdentity agent) {
                steps.add("quota");
                return quota;
            }
        };
        pipeline.recorder = new ExchangeRecorder() {
            @Override
            public String begin(ProxyExchange recorded) {
                steps.add("record");
                if (recordUndecided) {
                    recorded.recordedAs("record-1");
                }
                if (recordFailure != null) {
                    throw recordFailure;
                }
                return "record-1";
            }

            @Override
            public void completeForwarded(ProxyExchange recorded, ForwardingResult result) {
                steps.add("forwarded " + recorded.recordId() + " " + result.upstreamStatus());
                if (outcomeFailure != null) {
                    throw outcomeFailure;
                }
            }

            @Override
            public void completeRefused(ProxyExchange recorded, ProxyRefusal refusal) {
                steps.add("refused " + recorded.recordId() + " " + refusal.error().status());
            }
        };
        pipeline.forwarder = new Forwarder() {
            @Override
            public ForwardingResult forward(ProxyExchange forwarded) throws ProxyRefusal {
                steps.add("forward");
                assertEquals(pipeline.recording, forwarded.requestCapture().isPresent(), "the request body is captured when recorded");
                assertEquals(pipeline.recording, forwarded.responseCapture().isPresent(), "the answer is captured when recorded");
                if (upstreamRefusal != null) {
                    throw upstreamRefusal;
                }
                return ANSWERED;
            }
        };
        pipeline.maxBodyBytes = 1024;
        pipeline.recording = true;
    }

    @Test
    void spendsTheQuotaThenCommitsTheRecordThenForwardsThenCompletesIt() throws ProxyRefusal {
        assertSame(ANSWERED, pipeline.pass(exchange));
        assertEquals(List.of("quota", "record", "forward", "forwarded record-1 200"), steps);
    }

    @Test
    void anAgentOverItsQuotaGetsOktasAnswerAndNothingIsRecordedOrSent() {
        quota = Optional.of(new QuotaExceeded(3, 1_900_000_000L));
        ProxyRefusal refusal = assertThrows(ProxyRefusal.class, () -> pipeline.pass(exchange));
        assertEquals(429, refusal.error().status());
        assertEquals(Map.of("X-Rate-Limit-Limit", "3", "X-Rate-Limit-Remaining", "0", "X-Rate-Limit-Reset", "1900000000"),
                refusal.headers());
        assertEquals(List.of("quota"), steps, "the servlet records the refusal, as any before the record");
    }

    @Test
    void aRecordThatCannotBeCommittedRefusesTheRequestBeforeTheUpstreamSeesIt() {
        recordFailure = new IllegalStateException("database gone");
        ProxyRefusal refusal = assertThrows(ProxyRefusal.class, () -> pipeline.pass(exchange));
        assertEquals(503, refusal.error().status());
        assertEquals(List.of("quota", "record"), steps);
    }

    @Test
    void aRecordThatMayStillBeCommittedSaysTheRequestWasRefused() {
        recordFailure = new IllegalStateException("commit not confirmed in time");
        recordUndecided = true;
        ProxyRefusal refusal = assertThrows(ProxyRefusal.class, () -> pipeline.pass(exchange));
        assertEquals(503, refusal.error().status());
        assertEquals(List.of("quota", "record", "refused record-1 503"), steps);
    }

    @Test
    void aRefusalWhileForwardingCompletesTheRecordWithIt() {
        upstreamRefusal = ProxyRefusal.upstreamTimeout("the upstream did not answer", null);
        assertSame(upstreamRefusal, assertThrows(ProxyRefusal.class, () -> pipeline.pass(exchange)));
        assertEquals(List.of("quota", "record", "forward", "refused record-1 504"), steps);
    }

    @Test
    void anOutcomeThatCannotBeRecordedDoesNotFailTheAnswer() throws ProxyRefusal {
        outcomeFailure = new IllegalStateException("queue full");
        assertSame(ANSWERED, pipeline.pass(exchange));
    }

    @Test
    void withRecordingOffTheRequestIsForwardedUnrecorded() throws ProxyRefusal {
        pipeline.recording = false;
        assertSame(ANSWERED, pipeline.pass(exchange));
        assertEquals(List.of("quota", "forward"), steps);
    }

    private static ProxyExchange exchange() {
        Connection connection = new Connection("okta", URI.create("http://upstream.example"), ConnectionKind.OKTA, Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Optional.empty());
        AgentIdentity agent = new AgentIdentity("https://issuer.example", "agent-1", "client-1", List.of(), List.of(), List.of(),
                "token-1", Instant.now(), Instant.now().plusSeconds(60), Map.of());
        return new ProxyExchange(stub(HttpServletRequest.class), stub(HttpServletResponse.class), Instant.now(), System.nanoTime(),
                connection, new ProxyTarget("okta", "/api/v1/users", List.of("api", "v1", "users")), agent, "correlation-1");
    }

    /** A servlet object that answers nothing: the pipeline hands it on and never reads it. */
    private static <T> T stub(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (method.getReturnType() == java.util.Enumeration.class) {
                return Collections.emptyEnumeration();
            }
            return method.getReturnType() == boolean.class ? false : method.getReturnType().isPrimitive() ? 0 : null;
        }));
    }
}
