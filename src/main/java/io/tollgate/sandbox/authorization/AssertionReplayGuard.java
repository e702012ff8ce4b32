package io.tollgate.sandbox.authorization;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the {@code jti} of every client assertion until the assertion expires, so each one is
 * accepted once. Entries leave when their assertion could no longer be accepted anyway.
 */
public final class AssertionReplayGuard {

    private final Map<String, Instant> seen = new HashMap<>();

    /** @return true the first time this client presents this jti, false on every replay */
    public synchronized boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now) {
        seen.values().removeIf(expiry -> expiry.isBefore(now));
        return seen.putIfAbsent(clientId + "\n" + jti, expiresAt) == null;
    }
}
