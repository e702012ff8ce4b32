package io.tollgate.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An agent calling Tollgate with the JDK's HTTP client (HTTP/1.1 only: the default would offer an
 * h2c upgrade). The client sends paths as given, but refuses restricted headers such as
 * {@code Connection} and {@code Host}: tests that need those use {@link RawHttp}.
 */
public final class Agent {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    /** Guards against a hung server only; no test measures time against it. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    private Agent() {
    }

    /** A request to {@code /proxy/{connection}} + {@code pathAndQuery}, carrying {@code Authorization: Bearer token}. */
    public static HttpRequest.Builder to(String connection, String pathAndQuery, String token) {
        return to(connection, pathAndQuery).header("Authorization", "Bearer " + token);
    }

    /** A request to {@code /proxy/{connection}} + {@code pathAndQuery} without credentials. */
    public static HttpRequest.Builder to(String connection, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(ItSettings.proxiedBase(connection) + pathAndQuery))
                .timeout(HANG_GUARD);
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<InputStream> stream(HttpRequest.Builder request) {
        return send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new AssertionError("Tollgate did not answer " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while calling " + request.uri(), e);
        }
    }
}
