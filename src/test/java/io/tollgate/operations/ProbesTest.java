package io.tollgate.operations;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readiness probes: an issuer's keys and an upstream going away and coming back, the database, the short cache. */
class ProbesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void issuerIsDownWhileUnreachableAndUpWhenItReturns() throws IOException {
        HttpServer idp = issuer(0);
        int port = idp.getAddress().getPort();
        String issuer = "http://localhost:" + port + "/oauth2/default";
        HttpProber prober = new HttpProber(TIMEOUT);
        assertTrue(prober.publishesKeys(issuer).up(), () -> prober.publishesKeys(issuer).reason());

        idp.stop(0);
        Probe down = prober.publishesKeys(issuer);
        assertFalse(down.up());
        assertTrue(down.describe().startsWith("DOWN (ConnectException"), down::describe);

        HttpServer back = issuer(port);
        try {
            assertTrue(prober.publishesKeys(issuer).up());
        } finally {
            back.stop(0);
        }
    }

    @Test
    void issuerWhoseDiscoveryNamesAnotherIssuerIsDown() throws IOException {
        HttpServer idp = issuer(0);
        try {
            Probe probe = new HttpProber(TIMEOUT).publishesKeys("http://localhost:" + idp.getAddress().getPort() + "/oauth2/other");
            assertFalse(probe.up());
        } finally {
            idp.stop(0);
        }
    }

    @Test
    void anyHttpAnswerMeansTheUpstreamIsReachable() throws IOException {
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        upstream.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        upstream.start();
        URI uri = URI.create("http://localhost:" + upstream.getAddress().getPort() + "/");
        HttpProber prober = new HttpProber(TIMEOUT);
        assertTrue(prober.answers(uri).up());
        upstream.stop(0);
        assertFalse(prober.answers(uri).up());
    }

    @Test
    void databaseIsUpWhenAConnectionValidatesAndDownWhenNoneCanBeHad() {
        assertTrue(ReadinessChecks.probeDatabase(dataSource(true), TIMEOUT).up());
        assertFalse(ReadinessChecks.probeDatabase(dataSource(false), TIMEOUT).up());
        Probe down = ReadinessChecks.probeDatabase(failingDataSource(), TIMEOUT);
        assertEquals("DOWN (SQLException: database unreachable)", down.describe());
    }

    @Test
    void aProbeIsReusedForItsTimeToLiveThenRepeated() {
        MutableClock clock = new MutableClock();
        Probes probes = new Probes(Duration.ofSeconds(10), clock);
        AtomicInteger probed = new AtomicInteger();
        probes.probe("upstream", () -> Probe.unreachable("probe " + probed.incrementAndGet()));
        clock.advance(Duration.ofSeconds(9));
        assertEquals("probe 1", probes.probe("upstream", () -> Probe.unreachable("probe " + probed.incrementAndGet())).reason());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("probe 2", probes.probe("upstream", () -> Probe.unreachable("probe " + probed.incrementAndGet())).reason());
    }

    /** A minimal issuer: discovery naming itself and a JWKS with one (public, made-up) key. */
    private static HttpServer issuer(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.createContext("/oauth2/default/", exchange -> {
            String base = "http://localhost:" + server.getAddress().getPort() + "/oauth2/default";
            String body = exchange.getRequestURI().getPath().endsWith("/openid-configuration")
                    ? "{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/v1/keys\"}"
                    : "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\"sXch\",\"e\":\"AQAB\"}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static DataSource dataSource(boolean valid) {
        Connection connection = (Connection) Proxy.newProxyInstance(ProbesTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> valid;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DataSource) Proxy.newProxyInstance(ProbesTest.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DataSource failingDataSource() {
        return (DataSource) Proxy.newProxyInstance(ProbesTest.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    throw new SQLException("database unreachable");
                });
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
