package io.tollgate.proxy;

import io.tollgate.audit.ExchangeRecorder;
import io.tollgate.connection.Connection;
import io.tollgate.connection.Connections;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.AgentTokenVerifier;
import io.tollgate.identity.AuthorizationHeader;
import io.tollgate.identity.IdentityProviderUnavailableException;
import io.tollgate.identity.InvalidAgentTokenException;
import io.tollgate.access.control.AccessSettings;
import io.tollgate.access.control.DecisionWaiter;
import io.tollgate.access.entity.AccessRequestStatus;
import io.tollgate.common.TimeOrderedIds;
import io.tollgate.operations.ProxyMetrics;
import io.tollgate.policy.PolicyDecision;
import io.tollgate.policy.catalog.Operation;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's front door: {@code /proxy/{connection}/...}, every method. Canonicalizes the path,
 * authenticates the agent, and hands the request to the {@link ProxyPipeline}; everything refused
 * is answered in Okta's error shape and recorded.
 */
@WebServlet(name = "proxy", urlPatterns = "/proxy/*", asyncSupported = true)
public class ProxyServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ProxyServlet.class.getName());
    private static final String PREFIX = "/proxy";
    /** Names each exchange for the agent, the logs and the record; on every answer, refusals included. */
    public static final String CORRELATION_ID_HEADER = "X-Tollgate-Correlation-Id";

    /** RFC 9110 section 5.6.2: the characters of a token besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
    /** Methods whose requests keep their connection open; after any other, or any body, Tollgate closes it. */
    private static final Set<String> BODILESS_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    transient Connections connections;

    @Inject
    transient AgentTokenVerifier verifier;

    @Inject
    transient ProxyPipeline pipeline;

    @Inject
    transient ExchangeRecorder recorder;

    @Inject
    transient DecisionWaiter waiter;

    @Inject
    transient AccessSettings accessSettings;

    @Inject
    transient ProxyMetrics metrics;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant receivedAt = Instant.now();
        long receivedNanos = System.nanoTime();
        // Only a name for the exchange: nothing is granted to whoever knows it, so it need not be unpredictable.
        String correlationId = TimeOrderedIds.nextName().toString();
        response.setHeader(CORRELATION_ID_HEADER, correlationId);
        String rawPath = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        ProxyTarget target = null;
        Connection connection = null;
        AgentIdentity identity = null;
        ProxyExchange exchange = null;
        try {
            guardFraming(request, response);
            if (request.isRequestedSessionIdFromURL() || request.getRequestURL().indexOf(";") >= 0) {
                // The container strips ;jsessionid= before the path reaches us; it is still a matrix parameter.
                throw ProxyRefusal.badPath("matrix parameters (;) in path");
            }
            target = canonicalize(rawPath);
            connection = connection(target);
            identity = authenticate(request);
            exchange = new ProxyExchange(request, response, receivedAt, receivedNanos, connection, target, identity, correlationId);
            pipeline.pass(exchange);
            observe(connection, exchange, receivedNanos);
        } catch (ProxyRefusal refusal) {
            if (exchange == null) {
                recordRefusal(request, receivedAt, receivedNanos, rawPath, target, identity, correlationId, refusal);
            } else if (exchange.recordId() == null) {
                recordRefusal(exchange, refusal);
            }
            Duration wait = refusal.accessRequestId().isEmpty() ? Duration.ZERO
                    : DecisionWaiter.requestedWait(request.getHeader("Prefer"), accessSettings.maxWait());
            if (wait.isZero() || response.isCommitted()) {
                try {
                    answer(response, refusal, correlationId);
                } finally {
                    observe(connection, exchange, receivedNanos);
                }
            } else {
                holdUntilDecided(request, exchange, refusal, wait, receivedNanos);
            }
        } catch (RuntimeException failure) {
            // Whatever broke (the database gone, say), the agent gets a clean refusal and nothing more goes upstream.
            LOG.log(Level.SEVERE, "Proxying failed", failure);
            try {
                answer(response, ProxyRefusal.failed(failure), correlationId);
            } finally {
                observe(connection, exchange, receivedNanos);
            }
        }
    }

    /**
     * {@code Prefer: wait=N} on a request that awaits a person: hold it, without a thread, until the
     * access request is decided or N seconds pass. Approved, it is forwarded as if it had just
     * arrived (its body was kept when policy inspected it); otherwise the agent gets the refusal.
     */
    private void holdUntilDecided(HttpServletRequest request, ProxyExchange exchange, ProxyRefusal refusal, Duration wait,
                                  long receivedNanos) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        // The waiter calls back on a managed thread, which carries the transaction and naming context forwarding needs.
        waiter.whenDecided(refusal.accessRequestId().orElseThrow(), wait, decided -> {
            ProxyExchange answered = exchange;
            try {
                if (decided.status() == AccessRequestStatus.APPROVED) {
                    answered = exchange.again();
                    forwardApproved(answered);
                } else {
                    answer(exchange.response(), refusal, exchange.correlationId());
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Answering a held request failed [correlation id " + exchange.correlationId() + "]", e);
                answerIfStillPossible(exchange, ProxyRefusal.unavailable("answering a held request failed", e));
            } finally {
                observe(exchange.connection(), answered, receivedNanos);
                async.complete();
            }
        });
    }

    /** Counts the answered request, its time and what was masked in it in Tollgate's metrics, by what is known of it. */
    private void observe(Connection connection, ProxyExchange exchange, long receivedNanos) {
        Optional<PolicyDecision> decision = exchange == null ? Optional.empty() : exchange.decision();
        String connectionName = connection == null ? ProxyMetrics.NONE : connection.name();
        metrics.answered(connectionName,
                decision.flatMap(PolicyDecision::operation).map(Operation::operationId).orElse(ProxyMetrics.NONE),
                decision.map(made -> made.decision().word()).orElse(ProxyMetrics.NONE),
                Duration.ofNanos(System.nanoTime() - receivedNanos));
        if (exchange != null) {
            metrics.masked(connectionName, exchange.masked().byRule());
        }
    }

    private static void answerIfStillPossible(ProxyExchange exchange, ProxyRefusal refusal) {
        if (!exchange.response().isCommitted()) {
            try {
                answer(exchange.response(), refusal, exchange.correlationId());
            } catch (IOException e) {
                LOG.log(Level.FINE, "The agent went away", e);
            }
        }
    }

    private void forwardApproved(ProxyExchange exchange) throws IOException {
        try {
            pipeline.pass(exchange);
        } catch (ProxyRefusal refusal) {
            if (exchange.recordId() == null) {
                recordRefusal(exchange, refusal);
            }
            answer(exchange.response(), refusal, exchange.correlationId());
        }
    }

    /**
     * A body framed two ways (a length and chunking, two lengths, an encoding other than plain
     * chunked) is where request smuggling starts: whoever reads it differently sees another request
     * in its tail. The container would read on after such a request; Tollgate refuses what it can
     * see and closes the connection after every request with a body or a method that may carry one
     * (RFC 9112 section 6.1), so a tail is never read as a request.
     */
    private static void guardFraming(HttpServletRequest request, HttpServletResponse response) throws ProxyRefusal {
        String method = request.getMethod();
        if (!isMethodToken(method)) {
            // What the container took for a method can be the tail of a body read another way.
            throw ProxyRefusal.ambiguousFraming();
        }
        int encodings = 0;
        String encoding = null;
        for (Enumeration<String> values = request.getHeaders("Transfer-Encoding"); values.hasMoreElements(); encodings++) {
            encoding = values.nextElement();
        }
        if (encodings > 0 || request.getContentLengthLong() > 0 || !BODILESS_METHODS.contains(method)) {
            // The container hides a Content-Length beside chunking, and reads a malformed one as none, without
            // telling us: the tail of such a body must never be read as a request, so none follows a body.
            response.setHeader("Connection", "close");
        }
        int lengths = 0;
        boolean malformedLength = false;
        for (Enumeration<String> values = request.getHeaders("Content-Length"); values.hasMoreElements(); lengths++) {
            malformedLength |= !isContentLength(values.nextElement().strip());
        }
        boolean ambiguous = encodings > 0 && (lengths > 0 || encodings > 1 || !encoding.strip().equalsIgnoreCase("chunked"))
                || lengths > 1 || malformedLength;
        if (ambiguous) {
            throw ProxyRefusal.ambiguousFraming();
        }
    }

    /** RFC 9110 section 9.1: a method is a token; longer than any method a server knows, it is refused too. */
    static boolean isMethodToken(String method) {
        if (method.isEmpty() || method.length() > 32) {
            return false;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || TOKEN_SYMBOLS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** A Content-Length the container and the upstream read alike: digits only, and not too many for a long. */
    static boolean isContentLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static ProxyTarget canonicalize(String rawPath) throws ProxyRefusal {
        try {
            return PathCanonicalizer.canonicalize(rawPath);
        } catch (AmbiguousPathException e) {
            throw ProxyRefusal.badPath(e.getMessage());
        }
    }

    private Connection connection(ProxyTarget target) throws ProxyRefusal {
        return connections.find(target.connection()).orElseThrow(() -> ProxyRefusal.unknownConnection(target.connection()));
    }

    private AgentIdentity authenticate(HttpServletRequest request) throws ProxyRefusal {
        Enumeration<String> authorizations = request.getHeaders("Authorization");
        String authorization = authorizations.hasMoreElements() ? authorizations.nextElement() : null;
        if (authorizations.hasMoreElements()) {
            throw ProxyRefusal.unauthenticated("more than one Authorization header");
        }
        try {
            return verifier.verify(AuthorizationHeader.token(authorization));
        } catch (InvalidAgentTokenException e) {
            throw ProxyRefusal.unauthenticated(e.getMessage());
        } catch (IdentityProviderUnavailableException e) {
            LOG.log(Level.WARNING, e.getMessage());
            throw ProxyRefusal.unavailable("agent tokens cannot be verified: the issuer's keys are unavailable", e);
        }
    }

    private void recordRefusal(HttpServletRequest request, Instant receivedAt, long receivedNanos, String rawPath,
                               ProxyTarget target, AgentIdentity identity, String correlationId, ProxyRefusal refusal) {
        try {
            recorder.recordRefused(receivedAt, target == null ? null : target.connection(), request.getMethod(),
                    target == null ? rawPath : target.upstreamPath(), identity, correlationId, refusal,
                    (System.nanoTime() - receivedNanos) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot record a refused request", e);
        }
    }

    private void recordRefusal(ProxyExchange exchange, ProxyRefusal refusal) {
        try {
            recorder.recordRefused(exchange, refusal);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot record a refused request", e);
        }
    }

    private static void answer(HttpServletResponse response, ProxyRefusal refusal, String correlationId) throws IOException {
        if (refusal.getCause() != null) {
            LOG.log(Level.WARNING, "Proxy refusal (" + refusal.outcome() + ") [correlation id " + correlationId + "]: "
                    + refusal.getMessage());
        } else {
            LOG.log(Level.FINE, "Proxy refusal ({0}) [correlation id {1}]: {2}",
                    new Object[]{refusal.outcome(), correlationId, refusal.getMessage()});
        }
        if (response.isCommitted()) {
            // The agent already has the status line and part of the body: breaking the connection is the honest answer.
            throw new IOException("Exchange broken off after the response started: " + refusal.getMessage());
        }
        boolean close = "close".equalsIgnoreCase(response.getHeader("Connection"));
        response.reset();
        response.setHeader(CORRELATION_ID_HEADER, correlationId);
        if (close) {
            response.setHeader("Connection", "close");
        }
        response.setStatus(refusal.error().status());
        refusal.headers().forEach(response::setHeader);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = refusal.error().toJson().toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
