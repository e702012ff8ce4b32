package io.tollgate.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.testsupport.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/**
 * The webhook the integration-test server notifies ({@code http://localhost:<tollgate.it.webhook.port>/hook},
 * see the pom), in the test JVM: it records every notification as received and answers with the
 * status the running test scripted. It can be stopped, and started again on the same port, to be
 * a webhook that is down. Every access request of every IT is notified here, so tests pick theirs
 * out by the access request's id.
 */
final class WebhookReceiver {

    static final String PATH = "/hook";
    private static final ToIntFunction<JsonNode> ALWAYS_OK = notification -> 200;

    /** One delivery attempt as the webhook saw it, and the status it answered. */
    record Received(JsonNode body, byte[] rawBody, String notificationId, int attempt, String signature, String contentType,
                    int answered) {

        String accessRequestId() {
            return body.path("accessRequest").path("id").asText();
        }

        String type() {
            return body.path("type").asText();
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<JsonNode> script = ALWAYS_OK;
    private HttpServer server;

    WebhookReceiver(int port) {
        this.port = port;
    }

    static int configuredPort() {
        String value = System.getProperty("tollgate.it.webhook.port");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property tollgate.it.webhook.port is not set: run integration tests"
                    + " through failsafe (mvn verify)");
        }
        return Integer.parseInt(value.trim());
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the webhook receiver on port " + port, e);
        }
        server.createContext(PATH, this::receive);
        server.start();
    }

    /** Down: from now on nothing listens on the port, and Tollgate's attempts are refused. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The status answered to each notification from now on. */
    void answerWith(ToIntFunction<JsonNode> script) {
        this.script = script;
    }

    /** Back to answering 200 to everything and to no recordings. */
    void reset() {
        script = ALWAYS_OK;
        received.clear();
    }

    /** Every attempt at notifying about this access request with this type, in arrival order. */
    List<Received> about(String accessRequestId, String type) {
        return received.stream().filter(r -> r.accessRequestId().equals(accessRequestId) && r.type().equals(type)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            JsonNode body = Json.read(raw);
            int status = script.applyAsInt(body);
            String attempt = exchange.getRequestHeaders().getFirst(WebhookDeliverer.ATTEMPT_HEADER);
            received.add(new Received(body, raw, exchange.getRequestHeaders().getFirst(WebhookDeliverer.NOTIFICATION_ID_HEADER),
                    attempt == null ? 0 : Integer.parseInt(attempt), exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestHeaders().getFirst("Content-Type"), status));
            exchange.sendResponseHeaders(status, -1);
        }
    }
}
