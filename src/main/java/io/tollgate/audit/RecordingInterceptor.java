package io.tollgate.audit;

import io.tollgate.proxy.ForwardingResult;
import io.tollgate.proxy.ProxyExchange;
import io.tollgate.proxy.ProxyRefusal;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Nothing is forwarded unrecorded: the record is committed before the upstream is called, and if
 * it cannot be, the request is refused. Its outcome is queued once the answer has been relayed. Runs inside the policy, so only admitted requests get here.
 * {@code tollgate.recording.enabled=false} exists only to measure what recording costs (the
 * benchmark, diagnostics): it is on by default and must stay on in any deployment that forwards.
 */
@Recorded
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 100)
public class RecordingInterceptor {

    private static final Logger LOG = Logger.getLogger(RecordingInterceptor.class.getName());

    @Inject
    ExchangeRecorder recorder;

    /** How much of each body the record keeps (masked); the rest is represented by size and SHA-256. */
    @Inject
    @ConfigProperty(name = "tollgate.recording.max-body-bytes", defaultValue = "65536")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "tollgate.recording.enabled", defaultValue = "true")
    boolean enabled;

    @PostConstruct
    void warnIfOff(InvocationContext construction) throws Exception {
        if (!enabled) {
            LOG.warning("tollgate.recording.enabled=false: admitted exchanges are forwarded UNRECORDED (benchmark switch only)");
        }
        construction.proceed();
    }

    @AroundInvoke
    Object record(InvocationContext invocation) throws Exception {
        if (!enabled) {
            return invocation.proceed();
        }
        ProxyExchange exchange = (ProxyExchange) invocation.getParameters()[0];
        try {
            exchange.recordedAs(recorder.begin(exchange));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot record an exchange; refusing to forward it", e);
            ProxyRefusal refusal = ProxyRefusal.unavailable("the exchange could not be recorded", e);
            if (exchange.recordId() != null) {
                // Its record may still be committed: then it says the request was refused, and no second one is made.
                completeQuietly(() -> recorder.completeRefused(exchange, refusal));
            }
            throw refusal;
        }
        exchange.captureRequestBody(maxBodyBytes);
        exchange.captureResponseBody(maxBodyBytes);
        try {
            ForwardingResult result = (ForwardingResult) invocation.proceed();
            completeQuietly(() -> recorder.completeForwarded(exchange, result));
            return result;
        } catch (ProxyRefusal refusal) {
            completeQuietly(() -> recorder.completeRefused(exchange, refusal));
            throw refusal;
        }
    }

    /** The request record is already durable; failing to add the outcome must not fail the agent's answer. */
    private static void completeQuietly(Runnable completion) {
        try {
            completion.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot record the outcome of an exchange", e);
        }
    }
}
