package io.tollgate.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    @Test
    void doublesFromTheInitialWaitUntilTheCap() {
        List<Duration> waits = IntStream.rangeClosed(1, 10).mapToObj(backoff::after).toList();
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofSeconds(320), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofMinutes(10)), waits);
    }

    @Test
    void staysAtTheCapHoweverManyAttemptsFailed() {
        assertEquals(Duration.ofMinutes(10), backoff.after(Integer.MAX_VALUE));
    }

    @Test
    void aCapBetweenTwoDoublingsIsHonouredExactly() {
        Backoff capped = new Backoff(Duration.ofMillis(100), Duration.ofMillis(250));
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250)),
                IntStream.rangeClosed(1, 3).mapToObj(capped::after).toList());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff.after(0));
    }
}
