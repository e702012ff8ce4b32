package io.tollgate.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts requests per endpoint family in fixed windows (a minute by default, as Okta's limits are
 * per minute). A family is what Okta limits together: {@code /api/v1/users} (list and create),
 * {@code /api/v1/users/{id}} (everything about one user), and so on for groups and apps,
 * {@code /api/v1/logs}, the authorization servers, and the sandbox's admin endpoints.
 */
public final class RateLimiter {

    /** The outcome for one request, with what its answer's headers say. */
    public record Decision(boolean allowed, int limit, int remaining, long resetEpochSecond) {
    }

    private final int defaultLimit;
    private final Map<String, Integer> limits;
    private final Duration window;
    private final Clock clock;
    private final Map<String, long[]> counters = new HashMap<>();

    /** @param limits per-family limits that replace the default (families as {@link #family} names them) */
    public RateLimiter(int defaultLimit, Map<String, Integer> limits, Duration window, Clock clock) {
        if (defaultLimit < 1 || limits.values().stream().anyMatch(limit -> limit < 1) || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Sandbox rate limits must be positive and the window longer than zero");
        }
        this.defaultLimit = defaultLimit;
        this.limits = Map.copyOf(limits);
        this.window = window;
        this.clock = clock;
    }

    public synchronized Decision take(String family) {
        int limit = limits.getOrDefault(family, defaultLimit);
        long windowMillis = window.toMillis();
        long now = clock.millis();
        long windowStart = now - now % windowMillis;
        long[] counter = counters.computeIfAbsent(family, key -> new long[]{windowStart, 0});
        if (counter[0] != windowStart) {
            counter[0] = windowStart;
            counter[1] = 0;
        }
        long resetEpochSecond = (windowStart + windowMillis) / 1000;
        if (counter[1] >= limit) {
            return new Decision(false, limit, 0, resetEpochSecond);
        }
        counter[1]++;
        return new Decision(true, limit, (int) (limit - counter[1]), resetEpochSecond);
    }

    /**
     * The family of a request path below the sandbox's root: {@code users}, {@code users/{id}},
     * {@code groups}, {@code groups/{id}}, {@code apps}, {@code apps/{id}}, {@code logs}, ... for
     * {@code api/v1/...}; {@code oauth2} for the authorization servers; {@code admin}; else {@code other}.
     */
    public static String family(String path) {
        String[] segments = path.split("/");
        if (segments.length >= 3 && segments[0].equals("api") && segments[1].equals("v1")) {
            return segments.length == 3 ? segments[2] : segments[2] + "/{id}";
        }
        if (segments[0].equals("oauth2")) {
            return "oauth2";
        }
        if (segments[0].equals(SandboxAdminResource.PATH)) {
            return SandboxAdminResource.PATH;
        }
        return "other";
    }
}
