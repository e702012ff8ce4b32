package io.tollgate.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JFR recording of one of the benchmark's fixed-rate runs ({@code jdk.ThreadAllocationStatistics},
 * {@code jdk.ThreadStart}, {@code jdk.GarbageCollection} and {@code jdk.YoungGarbageCollection}) and prints, as one line of
 * {@code key=value} pairs, the bytes allocated per request by all threads together and by Liberty's request
 * threads, the journal's writer threads and the rest apart, and the pauses of the young collections.
 *
 * <p>{@code jdk.ThreadAllocationStatistics} gives every live thread's running total at the start and at the end of
 * each chunk. A thread's share is its last total less its first, or its whole last total when it started while
 * recording ({@code jdk.ThreadStart}: an executor growing under load). A thread that ended before the recording did
 * is missed; the executors measured here keep theirs.
 *
 * <pre>java io.tollgate.bench.AllocationAndPauses RECORDING.jfr REQUESTS_SENT_WHILE_RECORDING</pre>
 */
public final class AllocationAndPauses {

    /** Who allocates: the threads a request runs on, the threads that write its record, or anything else. */
    enum Threads {
        REQUEST, WRITER, OTHER;

        static Threads named(String name) {
            if (name != null && name.startsWith("Default Executor-thread-")) {
                return REQUEST;
            }
            if (name != null && name.startsWith("tollgate-exchange-")) {
                return WRITER;
            }
            return OTHER;
        }
    }

    record Summary(Map<Threads, Long> allocated, List<Duration> youngPauses) {

        long allocatedInAll() {
            return allocated.values().stream().mapToLong(Long::longValue).sum();
        }

        Duration longestYoungPause() {
            return youngPauses.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        }

        long youngPausesOver(Duration limit) {
            return youngPauses.stream().filter(pause -> pause.compareTo(limit) > 0).count();
        }
    }

    private AllocationAndPauses() {
    }

    static Summary read(Path recording) throws IOException {
        Map<Long, Long> first = new HashMap<>();
        Map<Long, Long> last = new HashMap<>();
        Map<Long, Threads> kind = new HashMap<>();
        Set<Long> startedWhileRecording = new HashSet<>();
        Set<Long> youngCollections = new HashSet<>();
        Map<Long, Duration> pauses = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            switch (event.getEventType().getName()) {
                case "jdk.ThreadAllocationStatistics" -> {
                    RecordedThread thread = event.getThread("thread");
                    long allocated = event.getLong("allocated");
                    kind.put(thread.getId(), Threads.named(thread.getJavaName()));
                    first.merge(thread.getId(), allocated, Math::min);
                    last.merge(thread.getId(), allocated, Math::max);
                }
                case "jdk.ThreadStart" -> startedWhileRecording.add(event.getThread("thread").getId());
                case "jdk.YoungGarbageCollection" -> youngCollections.add(event.getLong("gcId"));
                case "jdk.GarbageCollection" -> pauses.put(event.getLong("gcId"), event.getDuration("longestPause"));
                default -> {
                }
            }
        }
        Map<Threads, Long> allocated = new EnumMap<>(Threads.class);
        for (Threads threads : Threads.values()) {
            allocated.put(threads, 0L);
        }
        last.forEach((id, total) -> allocated.merge(kind.get(id), total - (startedWhileRecording.contains(id) ? 0 : first.get(id)), Long::sum));
        List<Duration> youngPauses = new ArrayList<>();
        youngCollections.forEach(gcId -> youngPauses.add(pauses.getOrDefault(gcId, Duration.ZERO)));
        return new Summary(allocated, youngPauses);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AllocationAndPauses RECORDING.jfr REQUESTS_SENT_WHILE_RECORDING");
            System.exit(2);
        }
        Summary summary = read(Path.of(args[0]));
        double requests = Math.max(1, Long.parseLong(args[1]));
        System.out.printf(Locale.ROOT,
                "bytes_per_request=%.0f request_threads_bytes_per_request=%.0f writer_threads_bytes_per_request=%.0f"
                        + " other_threads_bytes_per_request=%.0f young_collections=%d young_pause_max_ms=%.3f young_pauses_over_5ms=%d%n",
                summary.allocatedInAll() / requests, summary.allocated().get(Threads.REQUEST) / requests,
                summary.allocated().get(Threads.WRITER) / requests, summary.allocated().get(Threads.OTHER) / requests,
                summary.youngPauses().size(), summary.longestYoungPause().toNanos() / 1e6,
                summary.youngPausesOver(Duration.ofMillis(5)));
    }
}
