package io.tollgate.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent's ask for access: a grant for operations or scopes for a while (filed through the API),
 * or one exact proxied request that policy says a person must approve. Who may approve, and how
 * many must, come from the policy rule that made it requestable, fixed at filing time.
 */
@Entity
@Table(name = "ACCESS_REQUEST", indexes = {
        @Index(name = "ACCESS_REQUEST_STATUS", columnList = "STATUS"),
        @Index(name = "ACCESS_REQUEST_REQUESTER", columnList = "REQUESTER_SUBJECT")})
public class AccessRequest {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 16)
    private AccessRequestStatus status;

    @Column(name = "CONNECTION_NAME", nullable = false, length = 63)
    private String connection;

    @Column(name = "REQUESTER_ISSUER", nullable = false, length = 512)
    private String requesterIssuer;

    @Column(name = "REQUESTER_SUBJECT", nullable = false, length = 255)
    private String requesterSubject;

    @Column(name = "REQUESTER_CLIENT_ID", length = 255)
    private String requesterClientId;

    @Column(name = "OPERATIONS", length = 4000)
    private String operations;

    @Column(name = "SCOPES", length = 2000)
    private String scopes;

    @Column(name = "DURATION_SECONDS", nullable = false)
    private long durationSeconds;

    @Column(name = "ONE_SHOT", nullable = false)
    private boolean oneShot;

    @Column(name = "REASON", length = 2000)
    private String reason;

    @Column(name = "RULE_NAME", length = 255)
    private String rule;

    @Column(name = "APPROVER_GROUPS", length = 2000)
    private String approverGroups;

    @Column(name = "APPROVALS_REQUIRED", nullable = false)
    private int approvalsRequired;

    @Embedded
    private RequestBinding binding;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "PENDING_UNTIL", nullable = false)
    private Instant pendingUntil;

    @Column(name = "DECIDED_AT")
    private Instant decidedAt;

    @Column(name = "DECIDED_BY", length = 255)
    private String decidedBy;

    @Column(name = "GRANT_ID", length = 36)
    private String grantId;

    @Version
    @Column(name = "ROW_VERSION")
    private long rowVersion;

    protected AccessRequest() {
    }

    public AccessRequest(String connection, String requesterIssuer, String requesterSubject, String requesterClientId,
                         List<String> operations, List<String> scopes, Duration duration, boolean oneShot, String reason,
                         String rule, List<String> approverGroups, int approvalsRequired, RequestBinding binding,
                         Instant createdAt, Instant pendingUntil) {
        this.id = UUID.randomUUID().toString();
        this.status = AccessRequestStatus.PENDING;
        this.connection = connection;
        this.requesterIssuer = requesterIssuer;
        this.requesterSubject = requesterSubject;
        this.requesterClientId = requesterClientId;
        this.operations = Words.join(operations);
        this.scopes = Words.join(scopes);
        this.durationSeconds = duration.toSeconds();
        this.oneShot = oneShot;
        this.reason = reason;
        this.rule = rule;
        this.approverGroups = Words.join(approverGroups);
        this.approvalsRequired = approvalsRequired;
        this.binding = binding;
        this.createdAt = createdAt;
        this.pendingUntil = pendingUntil;
    }

    public void decide(AccessRequestStatus outcome, Instant at, String by) {
        if (status != AccessRequestStatus.PENDING) {
            throw new IllegalStateException("access request " + id + " is already " + status);
        }
        this.status = outcome;
        this.decidedAt = at;
        this.decidedBy = by;
    }

    public void granted(String grantId) {
        this.grantId = grantId;
    }

    public String id() {
        return id;
    }

    public AccessRequestStatus status() {
        return status;
    }

    public String connection() {
        return connection;
    }

    public String requesterIssuer() {
        return requesterIssuer;
    }

    public String requesterSubject() {
        return requesterSubject;
    }

    public String requesterClientId() {
        return requesterClientId;
    }

    public List<String> operations() {
        return Words.split(operations);
    }

    public List<String> scopes() {
        return Words.split(scopes);
    }

    public Duration duration() {
        return Duration.ofSeconds(durationSeconds);
    }

    public boolean oneShot() {
        return oneShot;
    }

    public String reason() {
        return reason;
    }

    public String rule() {
        return rule;
    }

    public List<String> approverGroups() {
        return Words.split(approverGroups);
    }

    public int approvalsRequired() {
        return approvalsRequired;
    }

    /** Present when the request is one exact proxied request awaiting approval. */
    public RequestBinding binding() {
        return binding != null && binding.isPresent() ? binding : null;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant pendingUntil() {
        return pendingUntil;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String grantId() {
        return grantId;
    }
}
