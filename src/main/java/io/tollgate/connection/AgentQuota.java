package io.tollgate.connection;

import java.time.Duration;

/**
 * Each agent (token {@code sub}) may send {@code limit} requests through a connection per
 * {@code window}, as a token bucket: up to {@code limit} at once, refilled evenly over the window.
 * All agents share one org's rate limit upstream; a quota keeps one of them from spending it all.
 */
public record AgentQuota(int limit, Duration window) {

    public AgentQuota {
        if (limit < 1) {
            throw new IllegalArgumentException("a quota's limit must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a quota's window must be a positive duration");
        }
    }
}
