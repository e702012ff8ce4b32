package io.tollgate.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection's upstream tokens, one per scope set, shared by every request thread. A token is
 * used until {@code margin} before it expires, or until the grant it was fetched for ends, whichever
 * comes first. Concurrent misses for one scope set fetch once: the first caller fetches while the
 * others wait for its token; misses for other scope sets do not wait.
 */
final class TokenCache {

    /** Fetches a token for a scope set (the cache calls it with that scope set's lock held). */
    @FunctionalInterface
    interface Fetcher {
        UpstreamToken fetch(SortedSet<String> scopes) throws UpstreamCredentialException;
    }

    private final Map<SortedSet<String>, Slot> slots = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration margin;

    TokenCache(Clock clock, Duration margin) {
        this.clock = clock;
        this.margin = margin;
    }

    /**
     * A usable token for exactly these scopes.
     *
     * @param notAfter when the grant that causes this request ends, or null when no grant does;
     *                 a token fetched now is not used beyond it
     */
    UpstreamToken token(SortedSet<String> scopes, Instant notAfter, Fetcher fetcher) throws UpstreamCredentialException {
        SortedSet<String> key = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
        return slots.computeIfAbsent(key, k -> new Slot()).token(key, notAfter, fetcher);
    }

    /** Drops this token, if it is still the one cached (after the upstream refused it), so that the next request fetches anew. */
    void invalidate(SortedSet<String> scopes, UpstreamToken refused) {
        Slot slot = slots.get(scopes);
        if (slot != null) {
            slot.invalidate(refused);
        }
    }

    private record Cached(UpstreamToken token, Instant usableUntil) {
    }

    private final class Slot {

        private final ReentrantLock lock = new ReentrantLock();
        private volatile Cached cached;

        UpstreamToken token(SortedSet<String> scopes, Instant notAfter, Fetcher fetcher) throws UpstreamCredentialException {
            Cached current = cached;
            if (usable(current)) {
                return current.token();
            }
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamCredentialException("interrupted while waiting for an upstream token");
            }
            try {
                current = cached;
                if (usable(current)) {
                    return current.token();
                }
                UpstreamToken fetched = fetcher.fetch(scopes);
                Instant issued = clock.instant();
                Duration lifetime = Duration.between(issued, fetched.expiresAt());
                Duration usableMargin = margin.compareTo(lifetime.dividedBy(2)) < 0 ? margin : lifetime.dividedBy(2);
                Instant usableUntil = fetched.expiresAt().minus(usableMargin);
                if (notAfter != null && notAfter.isBefore(usableUntil)) {
                    usableUntil = notAfter;
                }
                cached = new Cached(fetched, usableUntil);
                return fetched;
            } finally {
                lock.unlock();
            }
        }

        void invalidate(UpstreamToken refused) {
            lock.lock();
            try {
                if (cached != null && cached.token() == refused) {
                    cached = null;
                }
            } finally {
                lock.unlock();
            }
        }

        private boolean usable(Cached current) {
            return current != null && clock.instant().isBefore(current.usableUntil());
        }
    }
}
