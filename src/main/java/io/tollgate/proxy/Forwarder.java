package io.tollgate.proxy;

import io.tollgate.connection.Connection;
import io.tollgate.masking.BodyCapture;
import io.tollgate.masking.BodyMasking;
import io.tollgate.masking.InvalidMaskingException;
import io.tollgate.masking.MaskingProfile;
import io.tollgate.masking.Maskings;
import io.tollgate.operations.ProxyMetrics;
import io.tollgate.credential.UpstreamAuthorization;
import io.tollgate.credential.UpstreamAuthorizer;
import io.tollgate.credential.UpstreamCredentialException;
import io.tollgate.policy.PolicyDecision;
import io.tollgate.proxy.ExchangeDeadlines.Deadline;
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
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
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
 * back. Only the {@link ProxyPipeline} calls it, once policy has admitted the request and its
 * record is committed, so nothing reaches the upstream undecided or unrecorded.
 */
@ApplicationScoped
public class Forwarder {

    /**
     * Never passed upstream: the agent's own credentials, framing Tollgate sets itself, spoofable
     * forwarding info, and headers with which some servers let a client replace the method or the
     * path the policy judged ({@code X-HTTP-Method-Override}, {@code X-Original-URL} and friends).
     */
    private static final Set<String> DROPPED_REQUEST_HEADERS = Set.of(
            "authorization", "cookie", "host", "content-length", "expect", "accept-encoding", "http2-settings",
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-forwarded-server", "x-forwarded-prefix", "x-forwarded-uri", "x-forwarded-path", "x-forwarded-scheme",
            "x-forwarded-ssl", "x-original-host", "x-host", "x-real-ip", "x-client-ip", "true-client-ip",
            "x-http-method-override", "x-http-method", "x-method-override", "x-original-method",
            "x-original-url", "x-rewrite-url");

    /** Never passed back: framing the container sets, upstream sessions the agent must not hold, Tollgate's own id. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "set-cookie", "set-cookie2",
            ProxyServlet.CORRELATION_ID_HEADER.toLowerCase(Locale.ROOT));

    private static final Set<String> REWRITTEN_URL_HEADERS = Set.of("location", "content-location");

    /** Methods that may be sent again after the upstream refused Tollgate's token (RFC 9110 idempotent methods). */
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    @Inject
    UpstreamClients clients;

    @Inject
    ProxyMetrics metrics;

    @Inject
    ExchangeDeadlines deadlines;

    @Inject
    Maskings maskings;

    @Inject
    UpstreamAuthorizer authorizer;

    /** Where agents reach Tollgate, when it sits behind a load balancer; otherwise the request says. */
    @Inject
    @ConfigProperty(name = "tollgate.proxy.public-url")
    Optional<String> publicUrl;

    public ForwardingResult forward(ProxyExchange exchange) throws ProxyRefusal {
        Connection connection = exchange.connection();
        MaskingProfile masking = masking(connection);
        HttpUriRequestBase upstreamRequest = upstreamRequest(exchange);
        // However steadily an upstream trickles, the whole exchange ends at the connection's exchange timeout.
        try (Deadline deadline = deadlines.after(connection.exchangeTimeout(), upstreamRequest::cancel)) {
            return exchange(exchange, upstreamRequest, masking, deadline);
        }
    }

    private ForwardingResult exchange(ProxyExchange exchange, HttpUriRequestBase upstreamRequest, MaskingProfile masking,
                                      Deadline deadline)
            throws ProxyRefusal {
        Connection connection = exchange.connection();
        long sentNanos = System.nanoTime();
        ClassicHttpResponse upstreamResponse = sendAuthorized(exchange, upstreamRequest, deadline);
        Duration upstreamTime = Duration.ofNanos(System.nanoTime() - sentNanos);
        Header remaining = upstreamResponse.getFirstHeader("X-Rate-Limit-Remaining");
        metrics.upstreamAnswered(connection.name(), upstreamTime, remaining == null ? null : remaining.getValue());
        try (upstreamResponse) {
            return relay(exchange, upstreamResponse, masking, upstreamTime.toMillis());
        } catch (IOException e) {
            upstreamRequest.cancel();
            if (deadline.passed()) {
                throw exchangeTimedOut(connection, e);
            }
            if (e instanceof SocketTimeoutException) {
                throw ProxyRefusal.upstreamTimeout("the upstream stopped sending within " + connection.responseTimeout(), e);
            }
            throw ProxyRefusal.upstreamUnreachable("the exchange broke off: " + e.getClass().getSimpleName(), e);
        }
    }

    private static ProxyRefusal notAnswered(Connection connection, IOException e) {
        if (e instanceof ConnectTimeoutException) {
            return ProxyRefusal.upstreamUnreachable("connecting to the upstream timed out", e);
        }
        if (e instanceof SocketTimeoutException) {
            return ProxyRefusal.upstreamTimeout("the upstream did not answer within " + connection.responseTimeout(), e);
        }
        return ProxyRefusal.upstreamUnreachable("the upstream could not be reached: " + e.getClass().getSimpleName(), e);
    }

    private static ProxyRefusal exchangeTimedOut(Connection connection, IOException e) {
        return ProxyRefusal.upstreamTimeout("the exchange took longer than " + connection.exchangeTimeout(), e);
    }

    /** Nothing goes upstream for a connection whose answers could not be masked. */
    private MaskingProfile masking(Connection connection) throws ProxyRefusal {
        try {
            return maskings.forConnection(connection);
        } catch (InvalidMaskingException e) {
            throw ProxyRefusal.unavailable("connection " + connection.name() + " has an invalid masking configuration", e);
        }
    }

    /**
     * Sends the request with Tollgate's credential. When the upstream refuses a token Tollgate
     * fetched (expired early, revoked, a new DPoP nonce), the token is renewed and an idempotent
     * request sent once more; anything else, 429 included, goes back to the agent as it is.
     */
    private ClassicHttpResponse sendAuthorized(ProxyExchange exchange, HttpUriRequestBase upstreamRequest, Deadline deadline)
            throws ProxyRefusal {
        UpstreamAuthorization authorization = authorize(exchange, upstreamRequest);
        ClassicHttpResponse upstreamResponse = send(exchange, upstreamRequest, authorization, deadline);
        if (upstreamResponse.getCode() == 401 && replayable(upstreamRequest)
                && authorization.refused(header(upstreamResponse, "WWW-Authenticate"), header(upstreamResponse, "DPoP-Nonce"))) {
            closeQuietly(upstreamResponse);
            return send(exchange, upstreamRequest, authorize(exchange, upstreamRequest), deadline);
        }
        return upstreamResponse;
    }

    private UpstreamAuthorization authorize(ProxyExchange exchange, HttpUriRequestBase upstreamRequest) throws ProxyRefusal {
        try {
            UpstreamAuthorization authorization = authorizer.authorize(exchange.connection(), exchange.grantId(),
                    exchange.decision().flatMap(PolicyDecision::operation), upstreamRequest.getMethod(), upstreamRequest.getUri());
            authorization.applyTo(upstreamRequest::setHeader);
            return authorization;
        } catch (UpstreamCredentialException | URISyntaxException e) {
            throw ProxyRefusal.unavailable("upstream credential unavailable: " + e.getMessage(), e);
        }
    }

    private ClassicHttpResponse send(ProxyExchange exchange, HttpUriRequestBase upstreamRequest, UpstreamAuthorization authorization,
                                     Deadline deadline) throws ProxyRefusal {
        Connection connection = exchange.connection();
        ClassicHttpResponse upstreamResponse;
        try {
            upstreamResponse = clients.clientFor(connection).executeOpen(HttpHost.create(connection.baseUri()), upstreamRequest, null);
        } catch (IOException e) {
            throw deadline.passed() ? exchangeTimedOut(connection, e) : notAnswered(connection, e);
        }
        authorization.answered(header(upstreamResponse, "DPoP-Nonce"));
        return upstreamResponse;
    }

    /** A request without a body, or with one that can be sent again, may be retried; a streamed body is gone. */
    private static boolean replayable(HttpUriRequestBase request) {
        return IDEMPOTENT_METHODS.contains(request.getMethod()) && (request.getEntity() == null || request.getEntity().isRepeatable());
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // The refused answer is discarded anyway; its connection is not reused.
        }
    }

    private HttpUriRequestBase upstreamRequest(ProxyExchange exchange) throws ProxyRefusal {
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
        out.setHeader("X-Forwarded-For", in.getRemoteAddr());
        out.setHeader("X-Forwarded-Proto", in.getScheme());
        out.setHeader("X-Forwarded-Host", URI.create(agentFacingBase(in)).getRawAuthority());
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

    /**
     * Streams the upstream's answer to the agent through the connection's masking, and, when the
     * recorder asked for it, tees the masked bytes into the exchange's {@link BodyCapture}: the
     * record holds exactly what the agent received. A body the masking blocks is refused before
     * anything of the answer is sent.
     */
    private ForwardingResult relay(ProxyExchange exchange, ClassicHttpResponse upstream, MaskingProfile masking,
                                   long upstreamMillis) throws IOException, ProxyRefusal {
        HttpServletResponse out = exchange.response();
        LinkRewriter links = new LinkRewriter(exchange.connection().baseUri().toString(), proxiedBase(exchange));
        HttpEntity entity = "HEAD".equals(exchange.method()) ? null : upstream.getEntity();
        BodyMasking bodyMasking = entity == null ? null : masking.response(entity.getContentType(), entity.getContentEncoding());
        if (bodyMasking != null && bodyMasking.blocked().isPresent()) {
            throw ProxyRefusal.blockedAnswer(bodyMasking.blocked().get());
        }
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
        if (entity == null) {
            return new ForwardingResult(upstream.getCode(), 0, true, relayed, oktaRequestId, upstreamMillis);
        }
        if (bodyMasking.unchanged() && entity.getContentLength() >= 0) {
            out.setContentLengthLong(entity.getContentLength());
        }
        Optional<BodyCapture> capture = exchange.responseCapture();
        CountingOutputStream agent = new CountingOutputStream(out.getOutputStream());
        OutputStream target = capture.map(c -> c.tee(agent)).orElse(agent);
        try (InputStream upstreamBody = entity.getContent()) {
            InputStream body = capture.map(c -> c.digesting(upstreamBody)).orElse(upstreamBody);
            bodyMasking.copy(body, target, new JsonLinkRewriter(links), exchange.masked());
            target.flush();
        }
        return new ForwardingResult(upstream.getCode(), agent.count(), true, relayed, oktaRequestId, upstreamMillis);
    }

    private String proxiedBase(ProxyExchange exchange) {
        HttpServletRequest in = exchange.request();
        String base = agentFacingBase(in);
        return base + (publicUrl.isPresent() ? "" : in.getContextPath()) + "/proxy/" + exchange.connection().name();
    }

    /**
     * Where agents reach Tollgate, for rewritten links and {@code X-Forwarded-Host}: the configured
     * public URL, or else the address the agent's connection arrived on. The agent's {@code Host}
     * (or an absolute request target) names it only when it is that very address (or
     * {@code localhost} on a loopback connection): a spoofed host must never steer an agent's next
     * request, and its token, somewhere else.
     */
    private String agentFacingBase(HttpServletRequest in) {
        if (publicUrl.isPresent()) {
            return withoutTrailingSlashes(publicUrl.get());
        }
        String scheme = in.getScheme();
        int port = in.getLocalPort();
        String local = literal(in.getLocalAddr());
        String claimed = in.getServerName();
        boolean named = in.getServerPort() == port && claimed != null
                && (literal(claimed).equalsIgnoreCase(local) || claimed.equalsIgnoreCase("localhost") && isLoopback(in.getLocalAddr()));
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + (named ? claimed : local) + (defaultPort ? "" : ":" + port);
    }

    /** An IP address as it stands in a URL (IPv6 in brackets, in the JDK's canonical form); a name as it is. */
    private static String literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!bare.contains(":")) {
            return bare;
        }
        try {
            // A literal IPv6 address is parsed, never looked up.
            return "[" + InetAddress.getByName(bare).getHostAddress() + "]";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && !address.isEmpty() && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** What {@code replaceAll("/+$", "")} does, without compiling a pattern for every request. */
    private static String withoutTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
