package io.tollgate.identity;

import io.tollgate.common.Sha256;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens verified a short while ago, so that an agent sending the same token with every request
 * pays for its signature check once per {@code maxAge} rather than once per request. Entries are
 * keyed by the SHA-256 of the token (the token itself is not kept) and last until the token expires
 * or {@code maxAge} passes, whichever comes first: a key the issuer withdraws stops being honoured
 * within {@code maxAge}. Bounded: when full, expired entries go, and if none had, all of them.
 */
final class VerifiedTokens {

    private final Duration maxAge;
    private final Duration clockSkew;
    private final int capacity;
    private final Map<ByteBuffer, Verified> entries = new ConcurrentHashMap<>();

    private record Verified(AgentIdentity identity, Instant until) {
    }

    VerifiedTokens(Duration maxAge, Duration clockSkew, int capacity) {
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
        this.capacity = capacity;
    }

    boolean enabled() {
        return !maxAge.isZero() && capacity > 0;
    }

    Optional<AgentIdentity> find(String token, Instant now) {
        ByteBuffer key = key(token);
        Verified verified = entries.get(key);
        if (verified == null) {
            return Optional.empty();
        }
        if (!now.isBefore(verified.until())) {
            entries.remove(key, verified);
            return Optional.empty();
        }
        return Optional.of(verified.identity());
    }

    void remember(String token, AgentIdentity identity, Instant now) {
        if (entries.size() >= capacity) {
            entries.values().removeIf(verified -> !now.isBefore(verified.until()));
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        // The verifier accepted the token up to its expiry plus the clock skew; so does the cache, and no longer.
        Instant expiry = identity.expiresAt().plus(clockSkew);
        Instant limit = now.plus(maxAge);
        entries.put(key(token), new Verified(identity, expiry.isBefore(limit) ? expiry : limit));
    }

    private static ByteBuffer key(String token) {
        return ByteBuffer.wrap(Sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
