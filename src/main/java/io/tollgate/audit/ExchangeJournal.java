package io.tollgate.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit of exchange records. Request threads hand their writes to writer threads, which
 * commit whatever waits at that moment in a single transaction, so one synchronous write of the
 * database's log serves every write of the batch instead of one.
 *
 * <p>A request about to be forwarded waits until its own record is committed
 * ({@link #writeDurably}): nothing reaches the upstream unrecorded. Those records have a writer of
 * their own, which does nothing else, so a waiting request never queues behind the costlier
 * outcomes. Outcomes and refusals, which nobody waits for, are queued ({@link #write}) per record
 * to one of the outcome writers, which commits them in the order they were queued and after the
 * record itself; when the outcome writers fall behind, their bounded queues hold requests back
 * rather than drop outcomes. A read of the records first waits for everything queued before it
 * ({@link #awaitQueued}), so nobody reads an exchange without the outcome its agent has already
 * been given. Writers work in parallel: turning records into database pages costs CPU that one
 * thread alone cannot supply.
 */
@ApplicationScoped
public class ExchangeJournal {

    private static final Logger LOG = Logger.getLogger(ExchangeJournal.class.getName());

    /** How long an idle writer sleeps before it looks whether it is asked to stop. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    @Inject
    ExchangeBatches batches;

    /** Threads that write outcomes and refusals (besides the one that writes the records requests wait for). */
    @Inject
    @ConfigProperty(name = "tollgate.recording.writers", defaultValue = "2")
    int writerCount;

    /** The most writes committed in one transaction. */
    @Inject
    @ConfigProperty(name = "tollgate.recording.batch-size", defaultValue = "256")
    int batchSize;

    /**
     * Writes waiting at most, for each of the two kinds. Past it, a request is refused rather than
     * forwarded unrecorded, or waits until its outcome can be queued. Each queued outcome holds its
     * recorded bodies (up to twice {@code tollgate.recording.max-body-bytes}), so this bounds memory too.
     */
    @Inject
    @ConfigProperty(name = "tollgate.recording.queue-capacity", defaultValue = "1024")
    int queueCapacity;

    /** How long a request waits for its record to be committed before it is refused (503). */
    @Inject
    @ConfigProperty(name = "tollgate.recording.commit-timeout", defaultValue = "PT10S")
    Duration commitTimeout;

    private Writer recordWriter;
    private final List<Writer> writers = new ArrayList<>();
    /** Records whose commit outlasted the commit timeout, until it ends: their later writes follow it. */
    private final Map<String, CompletableFuture<Void>> undecided = new ConcurrentHashMap<>();
    /** Writes waiting for such a record, until they are committed themselves. */
    private final Set<CompletableFuture<Void>> following = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /** One change to the stored records, and whoever waits for it to be committed. */
    record Entry(JournalWrite write, CompletableFuture<Void> committed) {
    }

    @PostConstruct
    void startWriters() {
        if (writerCount < 1 || batchSize < 1 || queueCapacity < writerCount) {
            throw new IllegalStateException("tollgate.recording.writers, .batch-size and .queue-capacity must be positive"
                    + " (and the capacity at least one per writer)");
        }
        recordWriter = started("tollgate-exchange-records", queueCapacity);
        for (int i = 0; i < writerCount; i++) {
            writers.add(started("tollgate-exchange-outcomes-" + i, queueCapacity / writerCount));
        }
    }

    private Writer started(String name, int capacity) {
        Writer writer = new Writer(new ArrayBlockingQueue<>(capacity));
        writer.thread = threads.newThread(writer::writeUntilClosed);
        writer.thread.setName(name);
        writer.thread.start();
        return writer;
    }

    /**
     * Returns once the write is committed.
     *
     * @throws RecordNotCommittedException when it failed, or did not commit within the commit
     *                                     timeout (then it may still commit later, and what is
     *                                     queued for the record afterwards is written after it)
     */
    public void writeDurably(String recordId, JournalWrite write) {
        CompletableFuture<Void> committed = enqueue(recordWriter.queue, write);
        LockSupport.unpark(recordWriter.thread);
        try {
            await(committed);
        } catch (RecordNotCommittedException e) {
            if (e.undecided()) {
                undecided.put(recordId, committed);
                committed.whenComplete((done, failure) -> undecided.remove(recordId));
            }
            throw e;
        }
    }

    /** Queues the write; a failure to commit it is logged (the agent's answer is already on its way). */
    public void write(String recordId, JournalWrite write) {
        CompletableFuture<Void> before = undecided.get(recordId);
        if (before == null) {
            queueOutcome(recordId, write);
            return;
        }
        CompletableFuture<Void> followed = before.handle((done, failure) -> recordId).thenCompose(id -> queueOutcome(id, write));
        following.add(followed);
        followed.whenComplete((done, failure) -> following.remove(followed));
    }

    private CompletableFuture<Void> queueOutcome(String recordId, JournalWrite write) {
        Writer writer = writers.get(Math.floorMod(recordId.hashCode(), writers.size()));
        CompletableFuture<Void> committed = enqueue(writer.queue, write);
        committed.whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "An exchange record could not be written", failure);
            }
        });
        LockSupport.unpark(writer.thread);
        return committed;
    }

    /** Waits until every write queued before this call is committed (or has failed). */
    public void awaitQueued() {
        await(CompletableFuture.allOf(following.stream().map(followed -> followed.handle((done, failure) -> done))
                .toArray(CompletableFuture[]::new)));
        List<CompletableFuture<Void>> barriers = new ArrayList<>();
        for (Writer writer : writers) {
            barriers.add(enqueue(writer.queue, rows -> { }));
            LockSupport.unpark(writer.thread);
        }
        await(CompletableFuture.allOf(barriers.toArray(CompletableFuture[]::new)));
    }

    private void await(CompletableFuture<Void> committed) {
        try {
            committed.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RecordNotCommittedException("the record could not be committed", e.getCause(), false);
        } catch (TimeoutException e) {
            throw new RecordNotCommittedException("the record was not committed within " + commitTimeout, e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordNotCommittedException("interrupted while the record was committed", e, true);
        }
    }

    private CompletableFuture<Void> enqueue(BlockingQueue<Entry> queue, JournalWrite write) {
        if (closing) {
            throw new RecordNotCommittedException("the exchange journal is closed (the server is stopping)", null, false);
        }
        Entry entry = new Entry(write, new CompletableFuture<>());
        try {
            if (!queue.offer(entry, commitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RecordNotCommittedException("the exchange journal is full: the database does not keep up", null, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordNotCommittedException("interrupted while queueing a record", e, false);
        }
        return entry.committed();
    }

    /** Durable writes waiting for the record writer. */
    int awaitedQueueSize() {
        return recordWriter.queue.size();
    }

    /** Stops taking writes, commits those already queued, and ends the writers. */
    @PreDestroy
    void close() {
        closing = true;
        long deadline = System.nanoTime() + commitTimeout.toNanos();
        List<Writer> all = new ArrayList<>(writers);
        all.add(recordWriter);
        for (Writer writer : all) {
            LockSupport.unpark(writer.thread);
            try {
                writer.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (writer.thread.isAlive()) {
                LOG.severe("The exchange journal did not finish writing within " + commitTimeout + "; " + writer.queue.size()
                        + " queued writes are not recorded");
            }
        }
    }

    private final class Writer {

        private final BlockingQueue<Entry> queue;
        private Thread thread;

        Writer(BlockingQueue<Entry> queue) {
            this.queue = queue;
        }

        void writeUntilClosed() {
            List<Entry> batch = new ArrayList<>(batchSize);
            while (true) {
                queue.drainTo(batch, batchSize);
                if (!batch.isEmpty()) {
                    commit(batch);
                    batch.clear();
                } else if (closing) {
                    return;
                } else {
                    LockSupport.parkNanos(this, IDLE_NANOS);
                    if (Thread.interrupted()) {
                        // Stopping: what is queued is still written, then the writer ends.
                        closing = true;
                    }
                }
            }
        }

        private void commit(List<Entry> batch) {
            try {
                batches.apply(batch);
                batch.forEach(entry -> entry.committed().complete(null));
            } catch (RuntimeException failure) {
                if (batch.size() == 1) {
                    batch.get(0).committed().completeExceptionally(failure);
                    return;
                }
                // One write that cannot be committed must not take the others of its batch with it.
                for (Entry entry : batch) {
                    commit(List.of(entry));
                }
            }
        }
    }
}
