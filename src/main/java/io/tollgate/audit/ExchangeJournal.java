package io.tollgate.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit of exchange records. Request threads hand their writes to one writer thread, which
 * commits whatever is waiting at that moment in a single transaction, so one synchronous write of
 * the database's log serves every request of the batch instead of one.
 *
 * <p>A request about to be forwarded waits until its own record is committed
 * ({@link #writeDurably}): nothing reaches the upstream unrecorded. Outcomes and refusals are
 * queued ({@link #write}) and join the next batch; a read of the records first waits for
 * everything queued before it ({@link #awaitQueued}), so nobody reads an exchange without the
 * outcome its agent has already been given. Writes are committed in the order they were queued.
 */
@ApplicationScoped
public class ExchangeJournal {

    private static final Logger LOG = Logger.getLogger(ExchangeJournal.class.getName());

    /** How long the writer waits for work before it looks whether it is asked to stop. */
    private static final long IDLE_POLL_MILLIS = 250;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ExchangeBatches batches;

    /** The most writes committed in one transaction. */
    @Inject
    @ConfigProperty(name = "tollgate.recording.batch-size", defaultValue = "256")
    int batchSize;

    /** Writes waiting for the writer at most; past it, requests are refused rather than forwarded unrecorded. */
    @Inject
    @ConfigProperty(name = "tollgate.recording.queue-capacity", defaultValue = "8192")
    int queueCapacity;

    /** How long a request waits for its record to be committed before it is refused (503). */
    @Inject
    @ConfigProperty(name = "tollgate.recording.commit-timeout", defaultValue = "PT10S")
    Duration commitTimeout;

    private BlockingQueue<Entry> queue;
    private Thread writer;
    private volatile boolean closing;

    /** One change to the stored records, and whoever waits for it to be committed. */
    record Entry(JournalWrite write, CompletableFuture<Void> committed) {
    }

    @PostConstruct
    void startWriter() {
        queue = new ArrayBlockingQueue<>(queueCapacity);
        writer = threads.newThread(this::writeUntilClosed);
        writer.setName("tollgate-exchange-journal");
        writer.start();
    }

    /**
     * Returns once the write is committed.
     *
     * @throws RecordNotCommittedException when it failed, or did not commit within the commit
     *                                     timeout (then it may still commit later)
     */
    public void writeDurably(JournalWrite write) {
        CompletableFuture<Void> committed = enqueue(write);
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

    /** Queues the write for the next batch; a failure to commit it is logged (the agent's answer is already on its way). */
    public void write(JournalWrite write) {
        enqueue(write).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "An exchange record could not be written", failure);
            }
        });
    }

    /** Waits until every write queued before this call is committed (or has failed). */
    public void awaitQueued() {
        writeDurably(entityManager -> { });
    }

    private CompletableFuture<Void> enqueue(JournalWrite write) {
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

    private void writeUntilClosed() {
        List<Entry> batch = new ArrayList<>(batchSize);
        while (true) {
            Entry first;
            try {
                first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Stopping: what is queued is still written below, then the writer ends.
                closing = true;
                first = queue.poll();
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            commit(batch);
            batch.clear();
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

    /** Stops taking writes, commits those already queued, and ends the writer. */
    @PreDestroy
    void close() {
        closing = true;
        try {
            writer.join(commitTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.severe("The exchange journal did not finish writing within " + commitTimeout + "; " + queue.size()
                    + " queued outcomes or refusals are not recorded");
        }
    }
}
