package io.tollgate.testsupport;

/**
 * Where the integration-test server and the upstream stub listen, as failsafe hands them to the
 * test JVM (see the pom). Running an IT outside failsafe fails here with the property's name
 * rather than with a connection refused somewhere deep in a test.
 */
public final class ItSettings {

    /** The upstream credential Tollgate holds for the {@code stub} connection (pom bootstrap properties). */
    public static final String STUB_UPSTREAM_AUTHORIZATION = "SSWS stub-upstream-api-token";

    private ItSettings() {
    }

    public static int httpPort() {
        return intProperty("tollgate.it.http.port");
    }

    public static int stubPort() {
        return intProperty("tollgate.it.stub.port");
    }

    /** The port of the {@code closed} connection's upstream, on which nothing listens unless a test opens it. */
    public static int closedPort() {
        return intProperty("tollgate.it.closed.port");
    }

    /** The integration-test server's log directory (messages.log, in JSON). */
    public static java.nio.file.Path serverLogDir() {
        String value = System.getProperty("tollgate.it.server.log.dir");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property tollgate.it.server.log.dir is not set: run integration tests through failsafe (mvn verify)");
        }
        return java.nio.file.Path.of(value);
    }

    /** The integration-test server's root URL, for what lives outside the proxy and the API (/openapi, /health, /metrics). */
    public static String serverBase() {
        return "http://localhost:" + httpPort();
    }

    public static int serverMaxHeapMb() {
        return intProperty("tollgate.it.server.max.heap.mb");
    }

    /** Tollgate's proxied base URL of a connection, as agents address it. */
    public static String proxiedBase(String connection) {
        return "http://localhost:" + httpPort() + "/proxy/" + connection;
    }

    /** The base URL of the {@code stub} connection as Tollgate is configured to reach it. */
    public static String stubUpstreamBase() {
        return "http://localhost:" + stubPort() + UpstreamStub.UPSTREAM_PATH;
    }

    private static int intProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name
                    + " is not set: run integration tests through failsafe (mvn verify)");
        }
        return Integer.parseInt(value.trim());
    }
}
