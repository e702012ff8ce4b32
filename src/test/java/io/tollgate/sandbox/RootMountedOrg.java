package io.tollgate.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.testsupport.ItSettings;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A front proxy that mounts the sandbox org at the root of a host of its own, as Okta's SDKs need
 * it (they address {@code /oauth2/v1/token} and {@code /api/v1/...} at the org host's root). It keeps
 * the {@code Host} header, as such a proxy would, and notes each exchange for the tests to inspect.
 */
final class RootMountedOrg implements AutoCloseable {

    /** One exchange as the front proxy saw it. */
    record Exchange(String method, String path, Map<String, String> requestHeaders, int status,
                    Map<String, String> responseHeaders, String body) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final CloseableHttpClient client = HttpClients.createDefault();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    RootMountedOrg() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void forward(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String target = SandboxClient.ORG_PATH + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpUriRequestBase request = new HttpUriRequestBase(exchange.getRequestMethod(), URI.create(target));
        Map<String, String> requestHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.addHeader(name, value));
                requestHeaders.put(name, String.join(",", values));
            }
        });
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        HttpHost sandbox = new HttpHost("http", "localhost", ItSettings.httpPort());
        client.execute(sandbox, request, (ClassicHttpResponse response) -> {
            byte[] answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            Map<String, String> responseHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Header header : response.getHeaders()) {
                if (!HOP_BY_HOP.contains(header.getName().toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().add(header.getName(), header.getValue());
                    responseHeaders.put(header.getName(), header.getValue());
                }
            }
            exchanges.add(new Exchange(exchange.getRequestMethod(), uri.getRawPath(), requestHeaders, response.getCode(),
                    responseHeaders, new String(answer, java.nio.charset.StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(response.getCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        client.close();
    }
}
