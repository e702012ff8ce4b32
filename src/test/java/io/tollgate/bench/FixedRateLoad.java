package io.tollgate.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-arrival-rate HTTP/1.1 load generator in the manner of wrk2: request {@code i} is due at
 * {@code start + i / rate}, and its latency is measured from that intended send time, not from when
 * a connection was free to send it. A server that stalls therefore shows the stall in every request
 * that should have been sent meanwhile (coordinated omission accounted for), instead of in one.
 *
 * <p>Each of a fixed number of keep-alive connections takes the next due request, waits for its
 * time, sends it and reads the whole answer. Only {@code http} URLs; for the benchmark in
 * {@code bench/run.sh}, which sends traffic to loopback only.
 *
 * <pre>java io.tollgate.bench.FixedRateLoad URL RATE DURATION_SECONDS WARMUP_SECONDS CONNECTIONS [HEADER: value]...</pre>
 */
public final class FixedRateLoad {

    /** How long after the end requests still due are sent; later ones are counted as unsent, so a run stays bounded. */
    static final Duration GRACE = Duration.ofSeconds(2);

    /** Latencies are recorded in microseconds, up to a minute, with three significant digits. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final URI url;
    private final Map<String, String> headers;

    public FixedRateLoad(URI url, Map<String, String> headers) {
        if (!"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("only http URLs: " + url);
        }
        this.url = url;
        this.headers = Map.copyOf(headers);
    }

    /**
     * @param latencyMicros latencies of the requests due after the warm-up
     * @param answered      of those, the ones sent (and answered, or failed)
     * @param sent          requests sent, warm-up included
     * @param failed        of those, the ones that failed
     * @param unsent        requests that fell due but were never sent, because the server was so far
     *                      behind that they were still waiting {@link #GRACE} after the end: a saturated
     *                      run. Those due after the warm-up are in the histogram with the time they had
     *                      waited by then, a lower bound of their latency.
     * @param measured      from the end of the warm-up to the last answer (or the end, if later)
     */
    public record Result(Histogram latencyMicros, long answered, long sent, long failed, long unsent, Duration measured) {

        /** Requests answered per second, from the end of the warm-up to the last answer; below the intended rate when the server could not keep up. */
        public double achievedRate() {
            return answered / (measured.toNanos() / 1e9);
        }

        public double percentileMillis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        /** One line of {@code key=value} pairs, for the benchmark script to read. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "requests=%d sent=%d answered=%d failed=%d unsent=%d achieved_rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f",
                    latencyMicros.getTotalCount(), sent, answered, failed, unsent, achievedRate(), percentileMillis(50), percentileMillis(99),
                    percentileMillis(99.9), latencyMicros.getMaxValue() / 1000.0);
        }
    }

    /**
     * Sends {@code rate} requests per second for {@code warmup + duration}; the latencies of requests
     * due during the warm-up are not recorded. Failed requests (I/O errors, statuses other than 2xx)
     * are counted and recorded too: a failure is not faster than a success. A server too slow for
     * the rate leaves requests unsent after {@link #GRACE}; the result counts them.
     */
    public Result run(double rate, Duration duration, Duration warmup, int connections) throws InterruptedException {
        long interval = Math.max(1, Math.round(1e9 / rate));
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measuredFrom = start + warmup.toNanos();
        long end = measuredFrom + duration.toNanos();
        long due = (end - start + interval - 1) / interval;
        AtomicLong next = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker(next, start, interval, measuredFrom, end);
            worker.setName("fixed-rate-load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        Histogram all = new Histogram(MAX_MICROS, 3);
        long sent = 0;
        long failed = 0;
        for (Worker worker : workers) {
            worker.join();
            all.add(worker.histogram);
            sent += worker.sent;
            failed += worker.failed;
        }
        long answered = all.getTotalCount();
        long lastAnswer = workers.stream().mapToLong(worker -> worker.lastAnswer).max().orElse(end);
        // Requests never sent waited at least until now: recording that lower bound keeps a saturated run from looking fast.
        long stopped = System.nanoTime();
        for (long i = next.get(); i < due; i++) {
            long dueAt = start + i * interval;
            if (dueAt >= measuredFrom) {
                all.recordValue(Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(stopped - dueAt)));
            }
        }
        return new Result(all, answered, sent, failed, Math.max(0, due - next.get()),
                Duration.ofNanos(Math.max(end, lastAnswer) - measuredFrom));
    }

    private final class Worker extends Thread {

        private final AtomicLong next;
        private final long start;
        private final long interval;
        private final long measuredFrom;
        private final long end;
        private final Histogram histogram = new Histogram(MAX_MICROS, 3);
        private final byte[] request = requestBytes();
        private long sent;
        private long failed;
        private long lastAnswer = Long.MIN_VALUE;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Worker(AtomicLong next, long start, long interval, long measuredFrom, long end) {
            this.next = next;
            this.start = start;
            this.interval = interval;
            this.measuredFrom = measuredFrom;
            this.end = end;
        }

        @Override
        public void run() {
            try {
                long stopSending = end + GRACE.toNanos();
                while (System.nanoTime() < stopSending) {
                    long due = start + next.getAndIncrement() * interval;
                    if (due >= end) {
                        break;
                    }
                    waitUntil(due);
                    boolean ok = exchange();
                    lastAnswer = System.nanoTime();
                    long latency = lastAnswer - due;
                    sent++;
                    if (!ok) {
                        failed++;
                    }
                    if (due >= measuredFrom) {
                        histogram.recordValue(Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(latency)));
                    }
                }
            } finally {
                disconnect();
            }
        }

        private boolean exchange() {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(request);
                out.flush();
                HttpResponseReader.Response response = HttpResponseReader.read(in);
                if (!response.keepAlive()) {
                    disconnect();
                }
                return response.status() >= 200 && response.status() < 300;
            } catch (IOException e) {
                disconnect();
                return false;
            }
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), port()), 5_000);
            socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(1));
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }

        private void disconnect() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a connection that already broke: nothing left to release.
                }
                socket = null;
            }
        }
    }

    private static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private int port() {
        return url.getPort() == -1 ? 80 : url.getPort();
    }

    private byte[] requestBytes() {
        String target = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            target += "?" + url.getRawQuery();
        }
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(port()).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: FixedRateLoad URL RATE DURATION_SECONDS WARMUP_SECONDS CONNECTIONS [\"Name: value\"]...");
            System.exit(2);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i++) {
            String[] header = args[i].split(":", 2);
            if (header.length != 2) {
                throw new IllegalArgumentException("a header is \"Name: value\": " + args[i]);
            }
            headers.put(header[0].strip(), header[1].strip());
        }
        FixedRateLoad load = new FixedRateLoad(URI.create(args[0]), headers);
        Result result = load.run(Double.parseDouble(args[1]), Duration.ofSeconds(Long.parseLong(args[2])),
                Duration.ofSeconds(Long.parseLong(args[3])), Integer.parseInt(args[4]));
        System.out.println(result.summary());
    }
}
