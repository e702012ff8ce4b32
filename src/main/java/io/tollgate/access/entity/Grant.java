package io.tollgate.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A right, issued only by Tollgate, for one agent to pass a connection's {@code grant} rules for
 * the given operations and scopes between {@code notBefore} and {@code expiresAt}; or, when bound to
 * one exact request, to pass that request once. It expires by itself and can be revoked any time.
 */
@Entity
@Table(name = "ACCESS_GRANT", indexes = {
        @Index(name = "ACCESS_GRANT_HOLDER", columnList = "CONNECTION_NAME, HOLDER_SUBJECT, STATUS")})
public class Grant {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ACCESS_REQUEST_ID", nullable = false, length = 36)
    private String accessRequestId;

    @Column(name = "CONNECTION_NAME", nullable = false, length = 63)
    private String connection;

    @Column(name = "HOLDER_ISSUER", nullable = false, length = 512)
    private String holderIssuer;

    @Column(name = "HOLDER_SUBJECT", nullable = false, length = 255)
    private String holderSubject;

    @Column(name = "HOLDER_CLIENT_ID", length = 255)
    private String holderClientId;

    @Column(name = "OPERATIONS", length = 4000)
    private String operations;

    @Column(name = "SCOPES", length = 2000)
    private String scopes;

    @Embedded
    private RequestBinding binding;

    @Column(name = "ONE_SHOT", nullable = false)
    private boolean oneShot;

    @Column(name = "NOT_BEFORE", nullable = false)
    private Instant notBefore;

    @Column(name = "EXPIRES_AT", nullable = false)
    private Instant expiresAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 16)
    private GrantStatus status;

    @Column(name = "ENDED_AT")
    private Instant endedAt;

    @Column(name = "ENDED_BY", length = 255)
    private String endedBy;

    protected Grant() {
    }

    public Grant(AccessRequest request, Instant notBefore, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.accessRequestId = request.id();
        this.connection = request.connection();
        this.holderIssuer = request.requesterIssuer();
        this.holderSubject = request.requesterSubject();
        this.holderClientId = request.requesterClientId();
        this.operations = Words.join(request.operations());
        this.scopes = Words.join(request.scopes());
        this.binding = request.binding();
        this.oneShot = request.oneShot() || request.binding() != null;
        this.notBefore = notBefore;
        this.expiresAt = expiresAt;
        this.status = GrantStatus.ACTIVE;
    }

    public void end(GrantStatus outcome, Instant at, String by) {
        if (status != GrantStatus.ACTIVE) {
            throw new IllegalStateException("grant " + id + " is already " + status);
        }
        this.status = outcome;
        this.endedAt = at;
        this.endedBy = by;
    }

    public boolean activeAt(Instant instant) {
        return status == GrantStatus.ACTIVE && !instant.isBefore(notBefore) && instant.isBefore(expiresAt);
    }

    public String id() {
        return id;
    }

    public String accessRequestId() {
        return accessRequestId;
    }

    public String connection() {
        return connection;
    }

    public String holderIssuer() {
        return holderIssuer;
    }

    public String holderSubject() {
        return holderSubject;
    }

    public String holderClientId() {
        return holderClientId;
    }

    public List<String> operations() {
        return Words.split(operations);
    }

    public List<String> scopes() {
        return Words.split(scopes);
    }

    public RequestBinding binding() {
        return binding != null && binding.isPresent() ? binding : null;
    }

    public boolean oneShot() {
        return oneShot;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public GrantStatus status() {
        return status;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String endedBy() {
        return endedBy;
    }
}
