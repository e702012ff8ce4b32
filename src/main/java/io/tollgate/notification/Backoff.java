package io.tollgate.notification;

import java.time.Duration;

/**
 * How long to wait before the next delivery attempt: {@code initial} after the first failure,
 * doubling after each further one, never more than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial backoff must be positive, not " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the maximum backoff " + max + " is shorter than the initial " + initial);
        }
    }

    /** The wait after {@code failedAttempts} (one or more) failed attempts. */
    public Duration after(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("no attempt failed yet");
        }
        Duration wait = initial;
        // Doubling reaches the cap within a few dozen steps, long before Duration could overflow.
        for (int doubled = 1; doubled < failedAttempts && wait.compareTo(max) < 0; doubled++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) < 0 ? wait : max;
    }
}
