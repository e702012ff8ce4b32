package io.tollgate.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedRateLoadTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsResponsesFramedEachWayOffOneConnection() throws IOException {
        InputStream in = new ByteArrayInputStream(("""
                HTTP/1.1 200 OK\r
                Content-Length: 5\r
                \r
                helloHTTP/1.1 404 Not Found\r
                Transfer-Encoding: chunked\r
                \r
                3\r
                abc\r
                a;ext=1\r
                0123456789\r
                0\r
                \r
                HTTP/1.1 204 No Content\r
                \r
                HTTP/1.1 200 OK\r
                Connection: close\r
                \r
                to the end""").getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(new HttpResponseReader.Response(200, 5, true), HttpResponseReader.read(in));
        assertEquals(new HttpResponseReader.Response(404, 13, true), HttpResponseReader.read(in));
        assertEquals(new HttpResponseReader.Response(204, 0, true), HttpResponseReader.read(in));
        assertEquals(new HttpResponseReader.Response(200, 10, false), HttpResponseReader.read(in));
    }

    @Test
    void aTruncatedBodyIsAnError() {
        InputStream in = new ByteArrayInputStream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort".getBytes(StandardCharsets.ISO_8859_1));

        assertThrows(IOException.class, () -> HttpResponseReader.read(in));
    }

    @Test
    void sendsEveryDueRequestAndCountsFailures() throws Exception {
        AtomicInteger served = new AtomicInteger();
        start(exchange -> served.incrementAndGet() % 2 == 0 ? 500 : 200, -1, 0);

        FixedRateLoad.Result result = load().run(100, Duration.ofMillis(500), Duration.ZERO, 2);

        assertEquals(50, result.sent());
        assertEquals(50, result.latencyMicros().getTotalCount());
        assertEquals(25, result.failed());
        assertEquals(50, served.get());
    }

    @Test
    void aStallShowsInEveryRequestDueWhileItLasted() throws Exception {
        // The 10th request takes 300 ms. Measured from when each request was sent, one request would be
        // slow; measured from when each was due, so are the ~60 due (every 5 ms) while it was held up.
        start(exchange -> 200, 10, 0);

        FixedRateLoad.Result result = load().run(200, Duration.ofSeconds(1), Duration.ZERO, 1);

        assertEquals(200, result.latencyMicros().getTotalCount());
        long slowerThan150Millis = result.latencyMicros().getCountBetweenValues(TimeUnit.MILLISECONDS.toMicros(150), Long.MAX_VALUE);
        assertTrue(slowerThan150Millis >= 20, "requests due during the stall that waited at least 150 ms: " + slowerThan150Millis);
    }

    @Test
    void requestsLeftUnsentBySaturationCountAsSlowNotAsMissing() throws Exception {
        // Every answer takes 20 ms, one connection, 1000 requests due per second: the server is far behind.
        start(exchange -> 200, -1, 20);

        FixedRateLoad.Result result = load().run(1000, Duration.ofMillis(500), Duration.ZERO, 1);

        assertTrue(result.unsent() > 0, "unsent: " + result.unsent());
        assertEquals(500, result.answered() + result.unsent());
        assertEquals(500, result.latencyMicros().getTotalCount());
        assertTrue(result.latencyMicros().getMaxValue() >= FixedRateLoad.GRACE.toNanos() / 1000,
                "the last request due waited at least the grace period: " + result.latencyMicros().getMaxValue() + " us");
        assertTrue(result.achievedRate() < 1000);
    }

    @Test
    void warmUpRequestsAreSentButNotRecorded() throws Exception {
        AtomicInteger served = new AtomicInteger();
        start(exchange -> {
            served.incrementAndGet();
            return 200;
        }, -1, 0);

        FixedRateLoad.Result result = load().run(100, Duration.ofMillis(300), Duration.ofMillis(200), 1);

        assertEquals(50, result.sent());
        assertEquals(50, served.get());
        assertEquals(30, result.latencyMicros().getTotalCount());
    }

    interface Status {
        int of(com.sun.net.httpserver.HttpExchange exchange);
    }

    /**
     * A server answering a small body with the given status, each answer taking {@code millis}; the
     * {@code stalled}-th request is held 300 ms (a server that is slow, not a test waiting for something).
     */
    private void start(Status status, int stalled, long millis) throws IOException {
        AtomicInteger count = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            long slow = count.incrementAndGet() == stalled ? 300 : millis;
            if (slow > 0) {
                try {
                    Thread.sleep(slow);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status.of(exchange), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private FixedRateLoad load() {
        return new FixedRateLoad(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/users?limit=2"),
                Map.of("Authorization", "Bearer not-checked-here"));
    }
}
