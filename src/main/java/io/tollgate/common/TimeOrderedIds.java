package io.tollgate.common;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDs of version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit sequence within the
 * millisecond, then 62 random bits. Ids made one after another compare (as UUIDs and as their
 * text) in the order they were made, so rows keyed by them are appended at the end of the
 * primary-key index instead of at a random leaf, which at millions of rows stops fitting in the
 * database's page cache.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SEQUENCE_BITS = 12;

    /** The last (milliseconds, sequence) handed out, as {@code millis << 12 | sequence}. */
    private static final AtomicLong LAST = new AtomicLong();

    private TimeOrderedIds() {
    }

    /** An id whose random bits come from a {@link SecureRandom}. */
    public static UUID next() {
        return next(RANDOM.nextLong());
    }

    /**
     * An id that only names something, such as a request: its random bits come from
     * {@link ThreadLocalRandom}, which no two threads contend for (they all queue for one
     * {@link SecureRandom}) and which is not meant to be unpredictable.
     */
    public static UUID nextName() {
        return next(ThreadLocalRandom.current().nextLong());
    }

    private static UUID next(long random) {
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() << SEQUENCE_BITS));
        long mostSignificant = (stamp >>> SEQUENCE_BITS) << 16 | 0x7000L | (stamp & 0xFFFL);
        long leastSignificant = random & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
