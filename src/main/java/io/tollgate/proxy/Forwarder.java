package io.tollgate.proxy;

import io.tollgate.audit.Recorded;
import io.tollgate.connection.Connection;
import io.tollgate.connection.UpstreamCredential;
import io.tollgate.policy.PolicyEnforced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends an admitted request upstream with the connection's own credential and streams the answer
 * back. Policy ({@link PolicyEnforced}) and the durable record ({@link Recorded}) wrap every call,
 * so nothing reaches the upstream undecided or unrecorded.
 */
@ApplicationScoped
public class Forwarder {

    /** Never passed upstream: the agent's own credentials, framing Tollgate sets itself, spoofable forwarding info. */
    private static final Set<String> DROPPED_REQUEST_HEADERS = Set.of(
            "authorization", "cookie", "host", "content-length", "expect", "accept-encoding",
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-real-ip", "x-http-method-override", "x-http-method", "x-method-override");

    /** Never passed back: framing the container sets, and upstream sessions the agent must not hold. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "set-cookie", "set-cookie2");

    private static final Set<String> REWRITTEN_URL_HEADERS = Set.of("location", "content-location");

    private static final int BUFFER_SIZE = 64 * 1024;

    @Inject
    UpstreamClients clients;

    /** Where agents reach Tollgate, when it sits behind a load balancer; otherwise the request says. */
    @Inject
    @ConfigProperty(name = "tollgate.proxy.public-url")
    Optional<String> publicUrl;

    @PolicyEnforced
    @Recorded
    public ForwardingResult forward(ProxyExchange exchange) throws ProxyRefusal {
        Connection connection = exchange.connection();
        UpstreamCredential credential = connection.credential().orElseThrow(() ->
                ProxyRefusal.unavailable("connection " + connection.name() + " has no upstream credential", null));
        HttpUriRequestBase upstreamRequest = upstreamRequest(exchange, credential);
        HttpHost host = HttpHost.create(connection.baseUri());
        ClassicHttpResponse upstreamResponse;
        long sentNanos = System.nanoTime();
        try {
            upstreamResponse = clients.clientFor(connection).executeOpen(host, upstreamRequest, null);
        } catch (ConnectTimeoutException e) {
            throw ProxyRefusal.upstreamUnreachable("connecting to the upstream timed out", e);
        } catch (SocketTimeoutException e) {
            throw ProxyRefusal.upstreamTimeout("the upstream did not answer within " + connection.responseTimeout(), e);
        } catch (IOException e) {
            throw ProxyRefusal.upstreamUnreachable("the upstream could not be reached: " + e.getClass().getSimpleName(), e);
        }
        long upstreamMillis = (System.nanoTime() - sentNanos) / 1_000_000;
        try (upstreamResponse) {
            return relay(exchange, upstreamResponse, upstreamMillis);
        } catch (IOException e) {
            upstreamRequest.cancel();
            if (e instanceof SocketTimeoutException) {
                throw ProxyRefusal.upstreamTimeout("the upstream stopped sending within " + connection.responseTimeout(), e);
            }
            throw ProxyRefusal.upstreamUnreachable("the exchange broke off: " + e.getClass().getSimpleName(), e);
        }
    }

    private HttpUriRequestBase upstreamRequest(ProxyExchange exchange, UpstreamCredential credential) throws ProxyRefusal {
        HttpServletRequest in = exchange.request();
        Connection connection = exchange.connection();
        String query = in.getQueryString();
        URI uri;
        try {
            uri = new URI(connection.baseUri() + exchange.target().upstreamPath() + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) {
            throw ProxyRefusal.badPath("the query string is not valid URI syntax");
        }
        HttpUriRequestBase out = new HttpUriRequestBase(in.getMethod(), uri);
        HopByHopHeaders hopByHop = HopByHopHeaders.of(in.getHeaders("Connection"));
        for (String name : Collections.list(in.getHeaderNames())) {
            if (hopByHop.contains(name) || DROPPED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(in.getHeaders(name))) {
                out.addHeader(name, value);
            }
        }
        out.setHeader(HttpHeaders.AUTHORIZATION, credential.authorizationHeader());
        out.setHeader("X-Forwarded-For", in.getRemoteAddr());
        out.setHeader("X-Forwarded-Proto", in.getScheme());
        Optional.ofNullable(in.getHeader("Host")).ifPresent(host -> out.setHeader("X-Forwarded-Host", host));
        out.setEntity(requestBody(exchange));
        return out;
    }

    /** Streams the agent's body as it arrives; a bodiless POST/PUT/PATCH still says Content-Length: 0, as Okta requires. */
    private static HttpEntity requestBody(ProxyExchange exchange) throws ProxyRefusal {
        HttpServletRequest in = exchange.request();
        long length = in.getContentLengthLong();
        boolean chunked = Optional.ofNullable(in.getHeader("Transfer-Encoding"))
                .map(value -> value.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        if (length > 0 || chunked) {
            try {
                return new InputStreamEntity(exchange.forwardableBody(), chunked ? -1 : length, (ContentType) null);
            } catch (IOException e) {
                throw ProxyRefusal.badPath("the request body cannot be read");
            }
        }
        return switch (in.getMethod()) {
            case "POST", "PUT", "PATCH" -> new ByteArrayEntity(new byte[0], null);
            default -> null;
        };
    }

    private ForwardingResult relay(ProxyExchange exchange, ClassicHttpResponse upstream, long upstreamMillis) throws IOException {
        HttpServletResponse out = exchange.response();
        LinkRewriter links = new LinkRewriter(exchange.connection().baseUri().toString(), proxiedBase(exchange));
        out.setStatus(upstream.getCode());
        HopByHopHeaders hopByHop = HopByHopHeaders.of(Arrays.stream(upstream.getHeaders("Connection")).map(Header::getValue).toList());
        List<Map.Entry<String, String>> relayed = new ArrayList<>();
        for (Header header : upstream.getHeaders()) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (hopByHop.contains(name) || DROPPED_RESPONSE_HEADERS.contains(name)) {
                continue;
            }
            String value = header.getValue();
            if (name.equals("link")) {
                value = links.rewriteLinkHeader(value);
            } else if (REWRITTEN_URL_HEADERS.contains(name)) {
                value = links.rewriteUrl(value);
            }
            out.addHeader(header.getName(), value);
            relayed.add(Map.entry(header.getName(), value));
        }
        String oktaRequestId = Optional.ofNullable(upstream.getFirstHeader("X-Okta-Request-Id")).map(Header::getValue).orElse(null);
        HttpEntity entity = upstream.getEntity();
        if (entity == null || "HEAD".equals(exchange.method())) {
            return new ForwardingResult(upstream.getCode(), 0, true, relayed, oktaRequestId, upstreamMillis);
        }
        long written;
        try (InputStream body = entity.getContent()) {
            OutputStream agent = out.getOutputStream();
            if (isJson(entity.getContentType())) {
                written = JsonLinkRewriter.copy(body, agent, links);
            } else {
                if (entity.getContentLength() >= 0) {
                    out.setContentLengthLong(entity.getContentLength());
                }
                written = copy(body, agent);
            }
            agent.flush();
        }
        return new ForwardingResult(upstream.getCode(), written, true, relayed, oktaRequestId, upstreamMillis);
    }

    private String proxiedBase(ProxyExchange exchange) {
        String prefix = "/proxy/" + exchange.connection().name();
        if (publicUrl.isPresent()) {
            return withoutTrailingSlashes(publicUrl.get()) + prefix;
        }
        HttpServletRequest in = exchange.request();
        String scheme = in.getScheme();
        int port = in.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + in.getServerName() + (defaultPort ? "" : ":" + port) + in.getContextPath() + prefix;
    }

    /** What {@code replaceAll("/+$", "")} does, without compiling a pattern for every request. */
    private static String withoutTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mime.equals("application/json") || mime.endsWith("+json");
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            total += read;
        }
        return total;
    }
}
