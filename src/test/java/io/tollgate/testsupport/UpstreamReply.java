package io.tollgate.testsupport;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The stub's side of one answer: headers first, then a status with a whole or a streamed body. */
public final class UpstreamReply {

    /** Streams a response body; the stub frames it with a Content-Length or chunked as asked. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final HttpExchange exchange;

    UpstreamReply(HttpExchange exchange) {
        this.exchange = exchange;
    }

    public UpstreamReply header(String name, String value) {
        exchange.getResponseHeaders().add(name, value);
        return this;
    }

    public void send(int status, String contentType, String body) throws IOException {
        header("Content-Type", contentType);
        send(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A whole body with its Content-Length; an empty one is sent without a body at all. */
    public void send(int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A streamed body: with a Content-Length when {@code contentLength} is given, chunked when it is null. */
    public void stream(int status, Long contentLength, BodyWriter writer) throws IOException {
        exchange.sendResponseHeaders(status, contentLength == null ? 0 : contentLength);
        try (OutputStream out = exchange.getResponseBody()) {
            writer.writeTo(out);
        }
    }
}
