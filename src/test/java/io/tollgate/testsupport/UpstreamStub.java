package io.tollgate.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The upstream behind the {@code stub} connection, an HTTP/1.1 server in the test JVM on
 * {@code tollgate.it.stub.port}: under {@value #UPSTREAM_PATH} it records every request exactly as
 * received and answers with what the running test scripted; under {@code /test-issuer} it serves
 * the {@link TestIssuer}'s discovery document and JWKS. One instance per test JVM
 * ({@link #shared()}), reset before each test by {@link UpstreamStubExtension}.
 */
public final class UpstreamStub {

    public static final String UPSTREAM_PATH = "/upstream";
    /** Request bodies up to this size are kept whole; larger ones only as length and SHA-256. */
    public static final int KEPT_BODY_LIMIT = 1 << 20;

    private static final UpstreamResponder UNSCRIPTED = (request, reply) ->
            reply.send(500, "text/plain", "The test scripted no answer for " + request);

    private static UpstreamStub shared;

    private final HttpServer server;
    private final ExecutorService executor;
    private final TestIssuer testIssuer;
    private final List<RecordedRequest> upstreamRequests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> otherRequests = new CopyOnWriteArrayList<>();
    private volatile UpstreamResponder responder = UNSCRIPTED;

    private UpstreamStub(int port) throws IOException {
        testIssuer = new TestIssuer("http://localhost:" + port + TestIssuer.PATH);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // One thread per exchange: a test may hold one answer back while others go on.
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "upstream-stub");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(UPSTREAM_PATH, this::answerUpstream);
        server.createContext(TestIssuer.PATH, this::answerIssuer);
        server.createContext("/", this::answerStray);
        server.start();
    }

    /** The stub of this test JVM, started on first use and stopped when the JVM exits. */
    private volatile boolean issuerWithheld;

    public static synchronized UpstreamStub shared() {
        if (shared == null) {
            try {
                shared = new UpstreamStub(ItSettings.stubPort());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the upstream stub on port " + ItSettings.stubPort(), e);
            }
            UpstreamStub started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.server.stop(0);
                started.executor.shutdownNow();
            }));
        }
        return shared;
    }

    public TestIssuer testIssuer() {
        return testIssuer;
    }

    /** Installs the answer to every upstream request from now on. */
    public void respondWith(UpstreamResponder responder) {
        this.responder = responder;
    }

    /** Forgets recorded requests and the scripted answer; issuer keys stay (Tollgate caches them). */
    public void reset() {
        responder = UNSCRIPTED;
        upstreamRequests.clear();
        otherRequests.clear();
    }

    /** Requests that reached the upstream ({@value #UPSTREAM_PATH}), in arrival order. */
    public List<RecordedRequest> upstreamRequests() {
        return List.copyOf(upstreamRequests);
    }

    /** The one request the upstream received; fails the test when there were none or several. */
    public RecordedRequest onlyUpstreamRequest() {
        List<RecordedRequest> received = upstreamRequests();
        if (received.size() != 1) {
            throw new AssertionError("Expected exactly one upstream request, got " + received);
        }
        return received.get(0);
    }

    /** Requests outside the upstream and the issuer: a sign that something was sent where it should not be. */
    public List<RecordedRequest> strayRequests() {
        return List.copyOf(otherRequests);
    }

    private void answerUpstream(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            upstreamRequests.add(request);
            responder.respond(request, new UpstreamReply(exchange));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // Tollgate may have given up on this answer (a timeout test): nobody is left to answer.
        } catch (RuntimeException e) {
            System.err.println("The scripted upstream answer failed: " + e);
            e.printStackTrace();
        }
    }

    /** While withheld, the test issuer answers 503 everywhere: an identity provider that is down. */
    public void withholdIssuer(boolean withheld) {
        issuerWithheld = withheld;
    }

    private void answerIssuer(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            UpstreamReply reply = new UpstreamReply(exchange);
            if (issuerWithheld) {
                reply.send(503, "text/plain", "The test issuer is down");
                return;
            }
            switch (request.rawPath().substring(TestIssuer.PATH.length())) {
                case "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server" ->
                        reply.send(200, "application/json", testIssuer.openidConfiguration());
                case "/v1/keys" -> reply.send(200, "application/json", testIssuer.jwks());
                default -> reply.send(404, "text/plain", "No such test-issuer endpoint");
            }
        }
    }

    private void answerStray(HttpExchange exchange) throws IOException {
        try (exchange) {
            otherRequests.add(record(exchange));
            new UpstreamReply(exchange).send(404, "text/plain", "Nothing here: the upstream lives under " + UPSTREAM_PATH);
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        MessageDigest sha256 = Digests.sha256();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long length = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) != -1; length += n) {
                sha256.update(buffer, 0, n);
                if (length + n <= KEPT_BODY_LIMIT) {
                    kept.write(buffer, 0, n);
                }
            }
        }
        return new RecordedRequest(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                copyOf(exchange.getRequestHeaders()),
                length <= KEPT_BODY_LIMIT ? kept.toByteArray() : null,
                length,
                Digests.hex(sha256));
    }

    private static Map<String, List<String>> copyOf(Headers headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, Collections.unmodifiableList(new ArrayList<>(values))));
        return Collections.unmodifiableMap(copy);
    }
}
