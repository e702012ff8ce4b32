package io.tollgate.proxy;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of exchanges in flight, on one timer thread. Nearly every deadline is cancelled
 * long before it passes, so arming one must cost next to nothing: a container-managed scheduler
 * captures the request's thread context for every task, this one only queues it (and drops it from
 * the queue again when it is cancelled). What runs at a deadline needs no container context.
 */
@ApplicationScoped
public class ExchangeDeadlines {

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    private ScheduledThreadPoolExecutor timer;

    /** A deadline, passed or not; closing it before it passes disarms it. */
    public static final class Deadline implements AutoCloseable {

        private final Runnable atDeadline;
        private volatile boolean passed;
        private ScheduledFuture<?> armed;

        private Deadline(Runnable atDeadline) {
            this.atDeadline = atDeadline;
        }

        private void pass() {
            passed = true;
            atDeadline.run();
        }

        public boolean passed() {
            return passed;
        }

        @Override
        public void close() {
            armed.cancel(false);
        }
    }

    @PostConstruct
    void start() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = threads.newThread(task);
            thread.setName("tollgate-exchange-deadlines");
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code atDeadline} once {@code timeout} has passed, unless the returned deadline is closed first. */
    public Deadline after(Duration timeout, Runnable atDeadline) {
        Deadline deadline = new Deadline(atDeadline);
        deadline.armed = timer.schedule(deadline::pass, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    /** Deadlines waiting to pass. */
    int armed() {
        return timer.getQueue().size();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
