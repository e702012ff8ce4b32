package io.tollgate.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeDeadlinesTest {

    private final ExchangeDeadlines deadlines = new ExchangeDeadlines();

    ExchangeDeadlinesTest() {
        deadlines.threads = Thread::new;
        deadlines.start();
    }

    @AfterEach
    void stop() {
        deadlines.stop();
    }

    @Test
    void aDeadlineThatPassesRunsItsActionOnce() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        try (ExchangeDeadlines.Deadline deadline = deadlines.after(Duration.ofMillis(20), ran::countDown)) {
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertTrue(deadline.passed());
        }
    }

    @Test
    void aDeadlineClosedInTimeNeverPasses() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        ExchangeDeadlines.Deadline deadline = deadlines.after(Duration.ofMillis(50), () -> ran.set(true));
        deadline.close();
        Thread.sleep(200);
        assertFalse(ran.get());
        assertFalse(deadline.passed());
    }

    @Test
    void closedDeadlinesLeaveNothingQueued() {
        for (int i = 0; i < 1_000; i++) {
            deadlines.after(Duration.ofMinutes(5), () -> { }).close();
        }
        assertEquals(0, deadlines.armed());
    }
}
