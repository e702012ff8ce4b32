package io.tollgate.credential;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 token endpoint in the test JVM that plays Okta's DPoP handshake: no proof, then
 * {@code invalid_dpop_proof}; a proof without the current nonce, then {@code use_dpop_nonce} and
 * the nonce; then a DPoP token. Tests rotate the nonce, set the token lifetime, and hold answers back.
 */
final class FakeTokenEndpoint implements AutoCloseable {

    /** One token request as received. */
    record Received(Map<String, String> form, String dpop) {

        SignedJWT assertion() throws ParseException {
            return SignedJWT.parse(form.get("client_assertion"));
        }

        SignedJWT proof() throws ParseException {
            return SignedJWT.parse(dpop);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String nonce = "nonce-1";
    private volatile long lifetimeSeconds = 3600;
    private volatile CountDownLatch holdTokens = new CountDownLatch(0);

    FakeTokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-token-endpoint");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/oauth2/v1/token", this::answer);
        server.start();
    }

    URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/oauth2/v1/token");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int tokensIssued() {
        return issued.get();
    }

    void rotateNonce(String next) {
        nonce = next;
    }

    void lifetime(long seconds) {
        lifetimeSeconds = seconds;
    }

    /** Token answers wait until the returned latch is counted down. */
    CountDownLatch holdTokens() {
        holdTokens = new CountDownLatch(1);
        return holdTokens;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int equals = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            String dpop = exchange.getRequestHeaders().getFirst("DPoP");
            received.add(new Received(form, dpop));
            if (dpop == null) {
                send(exchange, 400, "{\"error\":\"invalid_dpop_proof\",\"error_description\":\"The DPoP proof JWT header is missing.\"}");
                return;
            }
            String proofNonce = SignedJWT.parse(dpop).getJWTClaimsSet().getStringClaim("nonce");
            if (!nonce.equals(proofNonce)) {
                exchange.getResponseHeaders().add("DPoP-Nonce", nonce);
                send(exchange, 400, "{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce in DPoP proof.\"}");
                return;
            }
            if (!holdTokens.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the held token answers");
            }
            String token = "token-" + issued.incrementAndGet() + "-" + UUID.randomUUID();
            send(exchange, 200, "{\"token_type\":\"DPoP\",\"expires_in\":" + lifetimeSeconds + ",\"access_token\":\"" + token
                    + "\",\"scope\":\"" + form.get("scope") + "\"}");
        } catch (ParseException | InterruptedException e) {
            send(exchange, 500, "{\"error\":\"server_error\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
