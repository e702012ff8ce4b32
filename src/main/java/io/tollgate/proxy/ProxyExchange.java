package io.tollgate.proxy;

import io.tollgate.connection.Connection;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.masking.BodyCapture;
import io.tollgate.masking.MaskCounts;
import io.tollgate.policy.PolicyDecision;
import io.tollgate.policy.PolicySubject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request travelling through the proxy: what the agent sent, where it goes, who the agent is,
 * and the id under which it is recorded once the record is durable.
 */
public final class ProxyExchange implements PolicySubject {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Instant receivedAt;
    private final long receivedNanos;
    private final Connection connection;
    private final ProxyTarget target;
    private final AgentIdentity identity;
    private final String correlationId;
    private String recordId;
    private InspectableBody body;
    private PolicyDecision decision;
    private String grantId;
    private BodyCapture requestCapture;
    private final MaskCounts masked = new MaskCounts();
    private BodyCapture responseCapture;

    public ProxyExchange(HttpServletRequest request, HttpServletResponse response, Instant receivedAt, long receivedNanos,
                         Connection connection, ProxyTarget target, AgentIdentity identity, String correlationId) {
        this.request = request;
        this.response = response;
        this.receivedAt = receivedAt;
        this.receivedNanos = receivedNanos;
        this.connection = connection;
        this.target = target;
        this.identity = identity;
        this.correlationId = correlationId;
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - receivedNanos) / 1_000_000;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    public ProxyTarget target() {
        return target;
    }

    @Override
    public AgentIdentity identity() {
        return identity;
    }

    /** Names this HTTP exchange in the agent's answer, the logs and the record (kept when a held request is retried). */
    public String correlationId() {
        return correlationId;
    }

    /** The agent's request headers in order, for the record (which redacts their secrets). */
    public List<Map.Entry<String, String>> requestHeaders() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(Map.entry(name, value));
            }
        }
        return headers;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String decodedPath() {
        return target.decodedPath();
    }

    @Override
    public String queryString() {
        return request.getQueryString();
    }

    /**
     * The same request, to be decided and forwarded again (after a person approved it): same
     * agent, target, correlation id and body (as far as it was inspected), a fresh decision and record.
     */
    public ProxyExchange again() {
        ProxyExchange again = new ProxyExchange(request, response, Instant.now(), System.nanoTime(), connection, target, identity,
                correlationId);
        again.body = body;
        return again;
    }

    /** The request body, inspected at most once, up to the {@code limit} of the first call, and still forwarded whole. */
    @Override
    public Optional<byte[]> inspectBody(int limit) throws IOException {
        if (body == null) {
            body = new InspectableBody(request.getInputStream(), limit);
        }
        return body.inspect();
    }

    /** The stream to forward upstream: whatever policy inspected, then the rest (kept for the record when asked). */
    public InputStream forwardableBody() throws IOException {
        InputStream forwardable = body == null ? request.getInputStream() : body.forwardable();
        return requestCapture == null ? forwardable : requestCapture.capturing(forwardable);
    }

    /** Keeps the beginning of the request body, as it goes upstream, for the record. */
    public BodyCapture captureRequestBody(int maxBytes) {
        requestCapture = new BodyCapture(maxBytes);
        return requestCapture;
    }

    public Optional<BodyCapture> requestCapture() {
        return Optional.ofNullable(requestCapture);
    }

    public Optional<PolicyDecision> decision() {
        return Optional.ofNullable(decision);
    }

    @Override
    public void decided(PolicyDecision decision) {
        this.decision = decision;
    }

    @Override
    public Optional<String> grantId() {
        return Optional.ofNullable(grantId);
    }

    @Override
    public void admittedUnder(String grantId) {
        this.grantId = grantId;
    }

    /** What masking replaced in this exchange (the recorded request body and the response), by rule. */
    public MaskCounts masked() {
        return masked;
    }

    /**
     * Asks the relay to keep, for the record, the first {@code maxBytes} of the response body as
     * the agent receives it (masked), with the SHA-256 of the original. Call before forwarding.
     */
    public BodyCapture captureResponseBody(int maxBytes) {
        responseCapture = new BodyCapture(maxBytes);
        return responseCapture;
    }

    public Optional<BodyCapture> responseCapture() {
        return Optional.ofNullable(responseCapture);
    }

    public String recordId() {
        return recordId;
    }

    public void recordedAs(String id) {
        this.recordId = id;
    }
}
