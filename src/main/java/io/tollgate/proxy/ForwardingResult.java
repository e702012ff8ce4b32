package io.tollgate.proxy;

/** How a forwarded exchange ended: what the upstream answered and what the agent received. */
public record ForwardingResult(int upstreamStatus, long responseBytes, boolean completed) {
}
