package io.tollgate.connection;

import java.time.Duration;

/**
 * A token bucket: holds up to {@code limit} tokens, refilled evenly, one every
 * {@code window / limit}; each request takes one. Thread-safe.
 */
final class TokenBucket {

    /** One request's outcome, with what Okta's {@code X-Rate-Limit-*} headers say. */
    record Admission(boolean admitted, int limit, int remaining, long resetEpochSecond) {
    }

    private final int limit;
    private final long nanosPerToken;
    /** Tokens are counted in nanoseconds of refill time, so that refilling needs no fractions. */
    private long filledNanos;
    private long updatedAtNanos;

    TokenBucket(AgentQuota quota, long nowNanos) {
        this.limit = quota.limit();
        this.nanosPerToken = Math.max(1, quota.window().toNanos() / quota.limit());
        this.filledNanos = capacityNanos();
        this.updatedAtNanos = nowNanos;
    }

    /**
     * Takes a token if there is one.
     *
     * @param nowNanos   a {@link System#nanoTime()} reading
     * @param nowEpochMs the wall clock at the same moment, for the reset time
     */
    synchronized Admission take(long nowNanos, long nowEpochMs) {
        refill(nowNanos);
        boolean admitted = filledNanos >= nanosPerToken;
        if (admitted) {
            filledNanos -= nanosPerToken;
        }
        int remaining = (int) (filledNanos / nanosPerToken);
        // When the next token will be there: what a client that was refused should wait for.
        long untilNextNanos = remaining > 0 ? 0 : nanosPerToken - filledNanos % nanosPerToken;
        long resetMs = nowEpochMs + Duration.ofNanos(untilNextNanos).toMillis();
        return new Admission(admitted, limit, remaining, (resetMs + 999) / 1000);
    }

    /** Whether the bucket is full again, so that forgetting it changes nothing. */
    synchronized boolean full(long nowNanos) {
        refill(nowNanos);
        return filledNanos == capacityNanos();
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - updatedAtNanos);
        filledNanos = elapsed >= capacityNanos() - filledNanos ? capacityNanos() : filledNanos + elapsed;
        updatedAtNanos = nowNanos;
    }

    private long capacityNanos() {
        return nanosPerToken * limit;
    }
}
