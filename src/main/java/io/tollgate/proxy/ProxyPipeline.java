package io.tollgate.proxy;

import io.tollgate.audit.ExchangeRecorder;
import io.tollgate.connection.AgentQuotas;
import io.tollgate.connection.QuotaExceeded;
import io.tollgate.policy.PolicyEnforced;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to an authenticated request, in order: the connection's policy decides (the
 * {@link PolicyEnforced} interceptor around {@link #pass}), the agent's quota is spent, the record
 * is committed, and only then does the {@link Forwarder} send the request upstream; the record is
 * completed with the outcome. A request refused at any step goes no further: a denied one spends
 * no quota, and one whose record cannot be committed is refused with 503 and never forwarded.
 *
 * <p>{@code tollgate.recording.enabled=false} exists only to measure what recording costs (the
 * benchmark, diagnostics): it is on by default and must stay on in any deployment that forwards.
 */
@ApplicationScoped
public class ProxyPipeline {

    private static final Logger LOG = Logger.getLogger(ProxyPipeline.class.getName());

    @Inject
    AgentQuotas quotas;

    @Inject
    ExchangeRecorder recorder;

    @Inject
    Forwarder forwarder;

    /** How much of each body the record keeps (masked); the rest is represented by size and SHA-256. */
    @Inject
    @ConfigProperty(name = "tollgate.recording.max-body-bytes", defaultValue = "65536")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "tollgate.recording.enabled", defaultValue = "true")
    boolean recording;

    @PostConstruct
    void warnIfNotRecording() {
        if (!recording) {
            LOG.warning("tollgate.recording.enabled=false: admitted exchanges are forwarded UNRECORDED (benchmark switch only)");
        }
    }

    /** Takes a request that policy admitted the rest of the way. */
    @PolicyEnforced
    public ForwardingResult pass(ProxyExchange exchange) throws ProxyRefusal {
        spendQuota(exchange);
        if (!recording) {
            return forwarder.forward(exchange);
        }
        record(exchange);
        try {
            ForwardingResult result = forwarder.forward(exchange);
            completeQuietly(() -> recorder.completeForwarded(exchange, result));
            return result;
        } catch (ProxyRefusal refusal) {
            completeQuietly(() -> recorder.completeRefused(exchange, refusal));
            throw refusal;
        }
    }

    /** Over its quota, the agent gets Okta's own 429; the upstream never sees the request. */
    private void spendQuota(ProxyExchange exchange) throws ProxyRefusal {
        Optional<QuotaExceeded> exceeded = quotas.spend(exchange.connection(), exchange.identity());
        if (exceeded.isPresent()) {
            throw ProxyRefusal.overQuota(exchange.identity().subject(), exchange.connection().name(), exceeded.get());
        }
    }

    /** Nothing is forwarded unrecorded: the record is committed first, and if it cannot be, the request is refused. */
    private void record(ProxyExchange exchange) throws ProxyRefusal {
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
