package io.tollgate.proxy;

import io.tollgate.connection.Connection;
import io.tollgate.identity.AgentIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;

/**
 * One request travelling through the proxy: what the agent sent, where it goes, who the agent is,
 * and the id under which it is recorded once the record is durable.
 */
public final class ProxyExchange {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Instant receivedAt;
    private final long receivedNanos;
    private final Connection connection;
    private final ProxyTarget target;
    private final AgentIdentity identity;
    private String recordId;

    public ProxyExchange(HttpServletRequest request, HttpServletResponse response, Instant receivedAt, long receivedNanos,
                         Connection connection, ProxyTarget target, AgentIdentity identity) {
        this.request = request;
        this.response = response;
        this.receivedAt = receivedAt;
        this.receivedNanos = receivedNanos;
        this.connection = connection;
        this.target = target;
        this.identity = identity;
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

    public Connection connection() {
        return connection;
    }

    public ProxyTarget target() {
        return target;
    }

    public AgentIdentity identity() {
        return identity;
    }

    public String method() {
        return request.getMethod();
    }

    public String recordId() {
        return recordId;
    }

    public void recordedAs(String id) {
        this.recordId = id;
    }
}
