package io.tollgate.sandbox.org;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes ids shaped like Okta's: 20 characters, a type prefix ({@code 00u} users, {@code 00g} groups),
 * a base-62 sequence, random characters and a fixed cell suffix. Okta's ids grow with creation time;
 * these grow with a sequence, so sorting by id is sorting by creation, which is what lets
 * {@code after=<id>} work as a stable pagination cursor.
 */
public final class OktaIds {

    public static final String USER_PREFIX = "00u";
    public static final String GROUP_PREFIX = "00g";
    public static final String GROUP_RULE_PREFIX = "0pr";
    public static final String APP_PREFIX = "0oa";

    /** Characters in ASCII order, so that the string order of two sequences is their numeric order. */
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int SEQUENCE_LENGTH = 7;
    private static final int RANDOM_LENGTH = 7;
    private static final String CELL_SUFFIX = "1d7";
    /** Starts the sequence where seven base-62 digits look like an org's, not like {@code 0000001}. */
    private static final long FIRST_SEQUENCE = 1_500_000_000_000L;

    private final AtomicLong sequence = new AtomicLong(FIRST_SEQUENCE);
    private final Random random;

    /** @param random the source of the random part: seeded for a reproducible org */
    public OktaIds(Random random) {
        this.random = random;
    }

    /** Continues after an id made before a restart, so that new ids still sort after every existing one. */
    public void advancePast(String id) {
        if (id.length() < 3 + SEQUENCE_LENGTH) {
            return;
        }
        long value = 0;
        for (char digit : id.substring(3, 3 + SEQUENCE_LENGTH).toCharArray()) {
            int index = BASE62.indexOf(digit);
            if (index < 0) {
                return;
            }
            value = value * 62 + index;
        }
        long following = value + 1;
        sequence.accumulateAndGet(following, Math::max);
    }

    public String next(String prefix) {
        StringBuilder id = new StringBuilder(20).append(prefix);
        long value = sequence.getAndIncrement();
        char[] digits = new char[SEQUENCE_LENGTH];
        for (int i = SEQUENCE_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        id.append(digits);
        synchronized (random) {
            for (int i = 0; i < RANDOM_LENGTH; i++) {
                id.append(BASE62.charAt(random.nextInt(62)));
            }
        }
        return id.append(CELL_SUFFIX).toString();
    }
}
