package io.tollgate.bench;

import io.tollgate.bench.AllocationAndPauses.Threads;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationAndPausesTest {

    private static final long MB = 1 << 20;

    /** Keeps the allocations from being optimised away. */
    private static volatile byte[] sink;

    @Test
    void countsWhatEachThreadAllocatedWhileRecordingAndWhoseThreadItWas(@TempDir Path directory) throws Exception {
        CountDownLatch recordingStarted = new CountDownLatch(1);
        CountDownLatch allocatedBefore = new CountDownLatch(1);
        CountDownLatch allocatedWhileRecording = new CountDownLatch(2);
        CountDownLatch recordingStopped = new CountDownLatch(1);
        Thread request = new Thread(() -> {
            allocate(64);
            allocatedBefore.countDown();
            await(recordingStarted);
            allocate(16);
            allocatedWhileRecording.countDown();
            await(recordingStopped);
        }, "Default Executor-thread-7");
        request.start();
        allocatedBefore.await();

        Path file = directory.resolve("run.jfr");
        Thread writer;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ThreadAllocationStatistics").with("period", "everyChunk");
            recording.enable("jdk.ThreadStart");
            recording.enable("jdk.GarbageCollection");
            recording.enable("jdk.YoungGarbageCollection");
            recording.start();
            // Started while recording: everything it allocated counts.
            writer = new Thread(() -> {
                allocate(8);
                allocatedWhileRecording.countDown();
                await(recordingStopped);
            }, "tollgate-exchange-records");
            writer.start();
            recordingStarted.countDown();
            allocatedWhileRecording.await();
            recording.stop();
            recording.dump(file);
        } finally {
            recordingStopped.countDown();
        }
        request.join();
        writer.join();

        AllocationAndPauses.Summary summary = AllocationAndPauses.read(file);
        long requestThreads = summary.allocated().get(Threads.REQUEST);
        long writerThreads = summary.allocated().get(Threads.WRITER);
        assertTrue(requestThreads >= 16 * MB && requestThreads < 24 * MB, "request threads: " + requestThreads);
        assertTrue(writerThreads >= 8 * MB && writerThreads < 16 * MB, "writer threads: " + writerThreads);
        assertEquals(summary.allocatedInAll(), requestThreads + writerThreads + summary.allocated().get(Threads.OTHER));
    }

    private static void allocate(long megabytes) {
        for (long i = 0; i < megabytes; i++) {
            sink = new byte[(int) MB];
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
