package io.tollgate.proxy;

import io.tollgate.audit.ExchangeRecorder;
import io.tollgate.connection.Connection;
import io.tollgate.connection.Connections;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.AgentTokenVerifier;
import io.tollgate.identity.AuthorizationHeader;
import io.tollgate.identity.IdentityProviderUnavailableException;
import io.tollgate.identity.InvalidAgentTokenException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's front door: {@code /proxy/{connection}/...}, every method. Canonicalizes the path,
 * authenticates the agent, and hands admitted requests to the {@link Forwarder}; everything refused
 * is answered in Okta's error shape and recorded.
 */
@WebServlet(name = "proxy", urlPatterns = "/proxy/*")
public class ProxyServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ProxyServlet.class.getName());
    private static final String PREFIX = "/proxy";

    @Inject
    transient Connections connections;

    @Inject
    transient AgentTokenVerifier verifier;

    @Inject
    transient Forwarder forwarder;

    @Inject
    transient ExchangeRecorder recorder;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant receivedAt = Instant.now();
        long receivedNanos = System.nanoTime();
        String rawPath = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        ProxyTarget target = null;
        AgentIdentity identity = null;
        ProxyExchange exchange = null;
        try {
            if (request.isRequestedSessionIdFromURL() || request.getRequestURL().indexOf(";") >= 0) {
                // The container strips ;jsessionid= before the path reaches us; it is still a matrix parameter.
                throw ProxyRefusal.badPath("matrix parameters (;) in path");
            }
            target = canonicalize(rawPath);
            Connection connection = connection(target);
            identity = authenticate(request);
            exchange = new ProxyExchange(request, response, receivedAt, receivedNanos, connection, target, identity);
            forwarder.forward(exchange);
        } catch (ProxyRefusal refusal) {
            if (exchange == null) {
                recordRefusal(request, receivedAt, receivedNanos, rawPath, target, identity, refusal);
            } else if (exchange.recordId() == null) {
                recordRefusal(exchange, refusal);
            }
            answer(response, refusal);
        }
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
        List<String> authorizations = Collections.list(request.getHeaders("Authorization"));
        if (authorizations.size() > 1) {
            throw ProxyRefusal.unauthenticated("more than one Authorization header");
        }
        try {
            return verifier.verify(AuthorizationHeader.token(authorizations.isEmpty() ? null : authorizations.get(0)));
        } catch (InvalidAgentTokenException e) {
            throw ProxyRefusal.unauthenticated(e.getMessage());
        } catch (IdentityProviderUnavailableException e) {
            LOG.log(Level.WARNING, e.getMessage());
            throw ProxyRefusal.unavailable("agent tokens cannot be verified: the issuer's keys are unavailable", e);
        }
    }

    private void recordRefusal(HttpServletRequest request, Instant receivedAt, long receivedNanos, String rawPath,
                               ProxyTarget target, AgentIdentity identity, ProxyRefusal refusal) {
        try {
            recorder.recordRefused(receivedAt, target == null ? null : target.connection(), request.getMethod(),
                    target == null ? rawPath : target.upstreamPath(), identity, refusal,
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

    private static void answer(HttpServletResponse response, ProxyRefusal refusal) throws IOException {
        if (refusal.getCause() != null) {
            LOG.log(Level.WARNING, "Proxy refusal (" + refusal.outcome() + "): " + refusal.getMessage());
        } else {
            LOG.log(Level.FINE, "Proxy refusal ({0}): {1}", new Object[]{refusal.outcome(), refusal.getMessage()});
        }
        if (response.isCommitted()) {
            // The agent already has the status line and part of the body: breaking the connection is the honest answer.
            throw new IOException("Exchange broken off after the response started: " + refusal.getMessage());
        }
        response.reset();
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
