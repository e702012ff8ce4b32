package io.tollgate.audit;

import io.tollgate.common.TimeOrderedIds;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One request that reached the proxy and what became of it. Written before the upstream sees the
 * request and completed afterwards; refused requests are recorded too. Holds verified claims only,
 * never a token or credential.
 */
@Entity
@Table(name = "EXCHANGE", indexes = {
        @Index(name = "EXCHANGE_RECEIVED", columnList = "RECEIVED_AT"),
        @Index(name = "EXCHANGE_SUBJECT", columnList = "SUBJECT"),
        @Index(name = "EXCHANGE_SESSION", columnList = "SESSION_ID"),
        @Index(name = "EXCHANGE_CORRELATION", columnList = "CORRELATION_ID")})
@NamedQuery(name = Exchange.OF_SESSION, query = "SELECT e FROM Exchange e WHERE e.sessionId = :session ORDER BY e.receivedAt, e.id")
public class Exchange {

    public static final String OF_SESSION = "Exchange.ofSession";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "RECEIVED_AT", nullable = false)
    private Instant receivedAt;

    @Column(name = "CONNECTION_NAME", length = 63)
    private String connection;

    @Column(name = "METHOD", nullable = false, length = 16)
    private String method;

    @Column(name = "PATH", nullable = false, length = 2048)
    private String path;

    @Column(name = "QUERY_STRING", length = 4096)
    private String query;

    @Lob
    @Column(name = "REQUEST_HEADERS")
    private String requestHeaders;

    @Lob
    @Column(name = "RESPONSE_HEADERS")
    private String responseHeaders;

    @Column(name = "OKTA_REQUEST_ID", length = 128)
    private String oktaRequestId;

    @Column(name = "UPSTREAM_MILLIS")
    private Long upstreamMillis;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "text", column = @Column(name = "REQUEST_BODY")),
            @AttributeOverride(name = "sha256", column = @Column(name = "REQUEST_BODY_SHA256", length = 64)),
            @AttributeOverride(name = "bytes", column = @Column(name = "REQUEST_BODY_BYTES")),
            @AttributeOverride(name = "truncated", column = @Column(name = "REQUEST_BODY_TRUNCATED"))})
    private RecordedBody requestBody;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "text", column = @Column(name = "RESPONSE_BODY")),
            @AttributeOverride(name = "sha256", column = @Column(name = "RESPONSE_BODY_SHA256", length = 64)),
            @AttributeOverride(name = "bytes", column = @Column(name = "RESPONSE_BODY_BYTES")),
            @AttributeOverride(name = "truncated", column = @Column(name = "RESPONSE_BODY_TRUNCATED"))})
    private RecordedBody responseBody;

    /** How many values masking hid in this exchange, by rule name (never the values). */
    @ElementCollection
    @CollectionTable(name = "EXCHANGE_MASKED", joinColumns = @JoinColumn(name = "EXCHANGE_ID"))
    @MapKeyColumn(name = "RULE_NAME", length = 128)
    @Column(name = "MASKED_COUNT")
    private Map<String, Long> masked = new HashMap<>();

    @Column(name = "ISSUER", length = 512)
    private String issuer;

    @Column(name = "SUBJECT", length = 255)
    private String subject;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "TOKEN_ID", length = 255)
    private String tokenId;

    /** The session the exchange belongs to: one agent under one token (later: under one grant). */
    @Column(name = "SESSION_ID", length = 64)
    private String sessionId;

    @Column(name = "OPERATION_ID", length = 128)
    private String operationId;

    @Column(name = "DECISION", length = 16)
    private String decision;

    @Column(name = "RULE_NAME", length = 255)
    private String ruleName;

    @Column(name = "GRANT_ID", length = 36)
    private String grantId;

    @Column(name = "OUTCOME", nullable = false, length = 32)
    private String outcome;

    @Column(name = "REASON", length = 1024)
    private String reason;

    @Column(name = "STATUS")
    private Integer status;

    @Column(name = "UPSTREAM_STATUS")
    private Integer upstreamStatus;

    @Column(name = "RESPONSE_BYTES")
    private Long responseBytes;

    @Column(name = "DURATION_MILLIS")
    private Long durationMillis;

    @Column(name = "COMPLETED_AT")
    private Instant completedAt;

    /** The id the agent received in {@code X-Tollgate-Correlation-Id} and the access log shows for this exchange. */
    @Column(name = "CORRELATION_ID", length = 36)
    private String correlationId;

    protected Exchange() {
    }

    Exchange(Instant receivedAt, String connection, String method, String path, String correlationId) {
        this.id = TimeOrderedIds.next().toString();
        this.correlationId = correlationId;
        this.receivedAt = receivedAt;
        this.connection = connection;
        this.method = method;
        this.path = truncate(path, 2048);
        this.outcome = "forwarding";
    }

    void requested(String query, String requestHeaders) {
        this.query = truncate(query, 4096);
        this.requestHeaders = requestHeaders;
    }

    void bodies(RecordedBody requestBody, RecordedBody responseBody, Map<String, Long> masked) {
        this.requestBody = requestBody;
        this.responseBody = responseBody;
        this.masked = new HashMap<>(masked);
    }

    void answered(String responseHeaders, String oktaRequestId, long upstreamMillis) {
        this.responseHeaders = responseHeaders;
        this.oktaRequestId = truncate(oktaRequestId, 128);
        this.upstreamMillis = upstreamMillis;
    }

    void identify(String sessionId, String issuer, String subject, String clientId, String tokenId) {
        this.sessionId = sessionId;
        this.issuer = issuer;
        this.subject = subject;
        this.clientId = clientId;
        this.tokenId = tokenId;
    }

    void decided(String operationId, String decision, String ruleName, String grantId) {
        this.grantId = grantId;
        this.operationId = operationId;
        this.decision = decision;
        this.ruleName = truncate(ruleName, 255);
    }

    void complete(String outcome, String reason, Integer status, Integer upstreamStatus, Long responseBytes,
                  long durationMillis, Instant completedAt) {
        this.outcome = outcome;
        this.reason = truncate(reason, 1024);
        this.status = status;
        this.upstreamStatus = upstreamStatus;
        this.responseBytes = responseBytes;
        this.durationMillis = durationMillis;
        this.completedAt = completedAt;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public String id() {
        return id;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String connection() {
        return connection;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String query() {
        return query;
    }

    public String requestHeaders() {
        return requestHeaders;
    }

    public String responseHeaders() {
        return responseHeaders;
    }

    public String oktaRequestId() {
        return oktaRequestId;
    }

    public Long upstreamMillis() {
        return upstreamMillis;
    }

    public RecordedBody requestBody() {
        return requestBody;
    }

    public RecordedBody responseBody() {
        return responseBody;
    }

    public Map<String, Long> masked() {
        return Map.copyOf(masked);
    }

    public String operationId() {
        return operationId;
    }

    public String grantId() {
        return grantId;
    }

    public String decision() {
        return decision;
    }

    public String ruleName() {
        return ruleName;
    }

    public String sessionId() {
        return sessionId;
    }

    public String issuer() {
        return issuer;
    }

    public String tokenId() {
        return tokenId;
    }

    public String reason() {
        return reason;
    }

    public Long responseBytes() {
        return responseBytes;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public String subject() {
        return subject;
    }

    public String clientId() {
        return clientId;
    }

    public String outcome() {
        return outcome;
    }

    public Integer status() {
        return status;
    }

    public Integer upstreamStatus() {
        return upstreamStatus;
    }

    public Long durationMillis() {
        return durationMillis;
    }

    public String correlationId() {
        return correlationId;
    }
}
