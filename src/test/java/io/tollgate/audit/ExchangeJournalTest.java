package io.tollgate.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's promises, with the database replaced by a recorder of committed batches: a
 * durable write returns once committed and fails clearly otherwise; a failing write does not take
 * its batch with it; writes of one record are committed in order, even after a commit timeout;
 * reads wait for what was queued; stopping commits what is queued.
 */
class ExchangeJournalTest {

    private final RecordingBatches batches = new RecordingBatches();
    /** Agents' request threads, each waiting for its own record. */
    private final ExecutorService requests = Executors.newFixedThreadPool(4);
    private ExchangeJournal journal;

    /** Commits batches in memory; a test may hold the next commit until it lets it go. */
    static final class RecordingBatches extends ExchangeBatches {
        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch held;
        volatile CountDownLatch holding = new CountDownLatch(1);
        /** Which batches the gate holds: all of them, unless a test says otherwise. */
        volatile Predicate<String> holdsBatchWith = name -> true;

        @Override
        void apply(List<ExchangeJournal.Entry> batch) {
            CountDownLatch gate = held;
            if (gate != null && batch.stream().anyMatch(entry -> entry.write() instanceof Named named && holdsBatchWith.test(named.name))) {
                holding.countDown();
                try {
                    gate.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<String> names = new ArrayList<>();
            for (ExchangeJournal.Entry entry : batch) {
                try {
                    entry.write().addTo(null);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                if (entry.write() instanceof Named named) {
                    names.add(named.name);
                }
            }
            committed.add(names);
        }
    }

    /** A write that only says which it was, or fails. */
    record Named(String name, boolean fails) implements JournalWrite {
        @Override
        public void addTo(ExchangeRows rows) {
            if (fails) {
                throw new IllegalStateException("cannot write " + name);
            }
        }
    }

    private void start(int writers, Duration commitTimeout) {
        journal = new ExchangeJournal();
        journal.threads = runnable -> new Thread(runnable);
        journal.batches = batches;
        journal.writerCount = writers;
        journal.batchSize = 256;
        journal.queueCapacity = 1024;
        journal.commitTimeout = commitTimeout;
        journal.startWriters();
    }

    @AfterEach
    void stop() {
        if (batches.held != null) {
            batches.held.countDown();
        }
        journal.close();
        requests.shutdownNow();
    }

    private List<String> committedNames() {
        synchronized (batches.committed) {
            return batches.committed.stream().flatMap(List::stream).toList();
        }
    }

    @Test
    void aDurableWriteReturnsOnceCommittedAndAFailedOneSaysSoAndIsNotUndecided() {
        start(2, Duration.ofMinutes(1));
        journal.writeDurably("r1", new Named("r1", false));
        assertTrue(committedNames().contains("r1"));
        RecordNotCommittedException failed = assertThrows(RecordNotCommittedException.class,
                () -> journal.writeDurably("r2", new Named("r2", true)));
        assertFalse(failed.undecided());
    }

    @Test
    void oneWriteThatFailsDoesNotTakeTheOthersOfItsBatchWithIt() throws Exception {
        start(1, Duration.ofMinutes(1));
        batches.held = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> journal.writeDurably("a", new Named("a", false)), requests);
        assertTrue(batches.holding.await(1, TimeUnit.MINUTES), "the writer took the first write");
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (String name : List.of("b", "poison", "c")) {
            queued.add(CompletableFuture.runAsync(() -> journal.writeDurably(name, new Named(name, name.equals("poison"))), requests));
        }
        awaitQueuedCount(3);
        batches.held.countDown();
        first.get(1, TimeUnit.MINUTES);
        queued.get(0).get(1, TimeUnit.MINUTES);
        queued.get(2).get(1, TimeUnit.MINUTES);
        assertTrue(assertThrows(Exception.class, () -> queued.get(1).get(1, TimeUnit.MINUTES)).getCause()
                instanceof RecordNotCommittedException);
        assertTrue(committedNames().containsAll(List.of("a", "b", "c")));
        assertFalse(committedNames().contains("poison"));
    }

    @Test
    void aRecordsLaterWritesFollowItEvenWhenItsCommitOutlastedTheTimeout() throws Exception {
        start(2, Duration.ofMillis(200));
        batches.held = new CountDownLatch(1);
        RecordNotCommittedException late = assertThrows(RecordNotCommittedException.class,
                () -> journal.writeDurably("slow", new Named("slow:insert", false)));
        assertTrue(late.undecided());
        journal.write("slow", new Named("slow:outcome", false));
        batches.held.countDown();
        batches.held = null;
        journal.commitTimeout = Duration.ofMinutes(1);
        journal.awaitQueued();
        List<String> names = committedNames();
        assertTrue(names.indexOf("slow:insert") >= 0 && names.indexOf("slow:insert") < names.indexOf("slow:outcome"), names::toString);
    }

    @Test
    void aRequestsRecordIsNeverHeldUpBehindOutcomes() throws Exception {
        start(2, Duration.ofMinutes(1));
        batches.holdsBatchWith = name -> name.startsWith("outcome-");
        batches.held = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            journal.write("outcome-" + i, new Named("outcome-" + i, false));
        }
        assertTrue(batches.holding.await(1, TimeUnit.MINUTES), "an outcome writer is stuck in its batch");
        journal.writeDurably("waiting", new Named("waiting", false));
        assertTrue(committedNames().contains("waiting"));
        assertFalse(committedNames().stream().anyMatch(name -> name.startsWith("outcome-")), "no outcome got through meanwhile");
        batches.held.countDown();
        journal.awaitQueued();
        assertEquals(100, committedNames().stream().filter(name -> name.startsWith("outcome-")).count());
    }

    @Test
    void aReadWaitsForEveryWriteQueuedBeforeIt() {
        start(2, Duration.ofMinutes(1));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            journal.write("record-" + i, new Named("record-" + i, false));
            expected.add("record-" + i);
        }
        journal.awaitQueued();
        assertTrue(committedNames().containsAll(expected));
    }

    @Test
    void writesOfOneRecordAreCommittedInTheOrderQueued() {
        start(3, Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            journal.write("one-record", new Named("step-" + i, false));
        }
        journal.awaitQueued();
        List<String> steps = committedNames().stream().filter(name -> name.startsWith("step-")).toList();
        List<String> inOrder = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inOrder.add("step-" + i);
        }
        assertEquals(inOrder, steps);
    }

    @Test
    void stoppingCommitsWhatIsQueuedAndThenRefusesNewWrites() {
        start(2, Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            journal.write("queued-" + i, new Named("queued-" + i, false));
        }
        journal.close();
        assertEquals(50, committedNames().stream().filter(name -> name.startsWith("queued-")).count());
        RecordNotCommittedException closed = assertThrows(RecordNotCommittedException.class,
                () -> journal.writeDurably("late", new Named("late", false)));
        assertFalse(closed.undecided());
    }

    /** Waits, without sleeping, until the held writer has this many durable writes queued behind it. */
    private void awaitQueuedCount(int count) throws InterruptedException {
        while (journal.awaitedQueueSize() < count) {
            Thread.onSpinWait();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
