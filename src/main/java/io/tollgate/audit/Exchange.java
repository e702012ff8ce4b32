package io.tollgate.audit;

import io.tollgate.common.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;

/**
 * One request that reached the proxy and what became of it. The record is written before the
 * upstream sees the request; its {@link ExchangeOutcome} is inserted once the exchange is over (an
 * exchange without one is still being forwarded, or its server stopped before it ended). Refused
 * requests are recorded too. Holds verified claims only, never a token or credential.
 */
@Entity
@Table(name = "EXCHANGE", indexes = {
        @Index(name = "EXCHANGE_RECEIVED", columnList = "RECEIVED_AT"),
        @Index(name = "EXCHANGE_SUBJECT", columnList = "SUBJECT"),
        @Index(name = "EXCHANGE_SESSION", columnList = "SESSION_ID")})
@NamedQuery(name = Exchange.OF_SESSION, query = "SELECT e FROM Exchange e LEFT JOIN FETCH e.outcome WHERE e.sessionId = :session ORDER BY e.receivedAt, e.id")
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

    /** The agent's request headers as recorded (JSON; credentials redacted). */
    @Lob
    @Column(name = "REQUEST_HEADERS")
    private String requestHeaders;

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

    /** The id the agent received in {@code X-Tollgate-Correlation-Id} and the access log shows for this exchange. */
    @Column(name = "CORRELATION_ID", length = 36)
    private String correlationId;

    @OneToOne
    @PrimaryKeyJoinColumn(name = "ID", referencedColumnName = "EXCHANGE_ID")
    private ExchangeOutcome outcome;

    protected Exchange() {
    }

    Exchange(Instant receivedAt, String connection, String method, String path, String correlationId) {
        this.id = TimeOrderedIds.next().toString();
        this.correlationId = correlationId;
        this.receivedAt = receivedAt;
        this.connection = connection;
        this.method = method;
        this.path = truncate(path, 2048);
    }

    void requested(String query, byte[] requestHeaders) {
        this.query = truncate(query, 4096);
        this.requestHeaders = RecordedBody.utf8(requestHeaders);
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

    static String truncate(String value, int max) {
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
        return outcome == null ? null : outcome.responseHeaders();
    }

    public String oktaRequestId() {
        return outcome == null ? null : outcome.oktaRequestId();
    }

    public Long upstreamMillis() {
        return outcome == null ? null : outcome.upstreamMillis();
    }

    public RecordedBody requestBody() {
        return outcome == null ? null : outcome.requestBody();
    }

    public RecordedBody responseBody() {
        return outcome == null ? null : outcome.responseBody();
    }

    public Map<String, Long> masked() {
        return outcome == null ? Map.of() : outcome.masked();
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
        return outcome == null ? null : outcome.reason();
    }

    public Long responseBytes() {
        return outcome == null ? null : outcome.responseBytes();
    }

    public Instant completedAt() {
        return outcome == null ? null : outcome.completedAt();
    }

    public String subject() {
        return subject;
    }

    public String clientId() {
        return clientId;
    }

    /** "forwarding" until the exchange's outcome is recorded. */
    public String outcome() {
        return outcome == null ? "forwarding" : outcome.outcome();
    }

    public Integer status() {
        return outcome == null ? null : outcome.status();
    }

    public Integer upstreamStatus() {
        return outcome == null ? null : outcome.upstreamStatus();
    }

    public Long durationMillis() {
        return outcome == null ? null : outcome.durationMillis();
    }

    public String correlationId() {
        return correlationId;
    }
}
