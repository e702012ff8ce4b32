package io.tollgate.audit;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What became of an {@link Exchange}: a row of its own, inserted once the exchange is over, so that
 * completing a record never reads or rewrites the record the request waited for. Bodies and headers
 * are kept as UTF-8 bytes, which the databases store without re-encoding them character by character.
 */
@Entity
@Table(name = "EXCHANGE_OUTCOME")
public class ExchangeOutcome {

    @Id
    @Column(name = "EXCHANGE_ID", length = 36)
    private String exchangeId;

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

    @Column(name = "COMPLETED_AT", nullable = false)
    private Instant completedAt;

    /** The upstream's answer headers as recorded (JSON, UTF-8). */
    @Column(name = "RESPONSE_HEADERS")
    private byte[] responseHeaders;

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

    protected ExchangeOutcome() {
    }

    ExchangeOutcome(String exchangeId, String outcome, String reason, Integer status, long durationMillis, Instant completedAt) {
        this.exchangeId = exchangeId;
        this.outcome = outcome;
        this.reason = Exchange.truncate(reason, 1024);
        this.status = status;
        this.durationMillis = durationMillis;
        this.completedAt = completedAt;
    }

    /** A forwarded exchange: what the upstream answered and what of it was kept. */
    void answered(Integer upstreamStatus, Long responseBytes, byte[] responseHeaders, String oktaRequestId, long upstreamMillis) {
        this.upstreamStatus = upstreamStatus;
        this.responseBytes = responseBytes;
        this.responseHeaders = responseHeaders;
        this.oktaRequestId = Exchange.truncate(oktaRequestId, 128);
        this.upstreamMillis = upstreamMillis;
    }

    void bodies(RecordedBody requestBody, RecordedBody responseBody, Map<String, Long> masked) {
        this.requestBody = requestBody;
        this.responseBody = responseBody;
        this.masked = new HashMap<>(masked);
    }

    String exchangeId() {
        return exchangeId;
    }

    String outcome() {
        return outcome;
    }

    String reason() {
        return reason;
    }

    Integer status() {
        return status;
    }

    Integer upstreamStatus() {
        return upstreamStatus;
    }

    Long responseBytes() {
        return responseBytes;
    }

    Long durationMillis() {
        return durationMillis;
    }

    Instant completedAt() {
        return completedAt;
    }

    String responseHeaders() {
        return RecordedBody.utf8(responseHeaders);
    }

    byte[] responseHeaderBytes() {
        return responseHeaders;
    }

    String oktaRequestId() {
        return oktaRequestId;
    }

    Long upstreamMillis() {
        return upstreamMillis;
    }

    RecordedBody requestBody() {
        return requestBody;
    }

    RecordedBody responseBody() {
        return responseBody;
    }

    Map<String, Long> masked() {
        return Map.copyOf(masked);
    }
}
