package io.tollgate.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers each dependency's latest probe for a short while. Concurrent readiness polls may probe
 * the same dependency twice at the moment its result ages out; that is cheaper than making them wait.
 */
final class Probes {

    private record Remembered(Probe probe, Instant at) {
    }

    private final Map<String, Remembered> latest = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    Probes(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    Probe probe(String key, Supplier<Probe> probe) {
        Instant now = clock.instant();
        Remembered remembered = latest.get(key);
        if (remembered != null && now.isBefore(remembered.at().plus(ttl))) {
            return remembered.probe();
        }
        Probe fresh = probe.get();
        latest.put(key, new Remembered(fresh, now));
        return fresh;
    }
}
