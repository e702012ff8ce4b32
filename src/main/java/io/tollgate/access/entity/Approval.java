package io.tollgate.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;
import java.util.UUID;

/** One approver's verdict on one access request; an approver decides a request at most once. */
@Entity
@Table(name = "APPROVAL", uniqueConstraints = @UniqueConstraint(name = "APPROVAL_ONCE_PER_APPROVER",
        columnNames = {"ACCESS_REQUEST_ID", "APPROVER_ISSUER", "APPROVER_SUBJECT"}))
public class Approval {

    public enum Verdict { APPROVE, DENY }

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ACCESS_REQUEST_ID", nullable = false, length = 36)
    private String accessRequestId;

    @Column(name = "APPROVER_ISSUER", nullable = false, length = 512)
    private String approverIssuer;

    @Column(name = "APPROVER_SUBJECT", nullable = false, length = 255)
    private String approverSubject;

    @Column(name = "APPROVER_CLIENT_ID", length = 255)
    private String approverClientId;

    @Column(name = "VERDICT", nullable = false, length = 8)
    @Enumerated(EnumType.STRING)
    private Verdict verdict;

    @Column(name = "COMMENT_TEXT", length = 2000)
    private String comment;

    @Column(name = "DECIDED_AT", nullable = false)
    private Instant decidedAt;

    protected Approval() {
    }

    public Approval(String accessRequestId, String approverIssuer, String approverSubject, String approverClientId,
                    Verdict verdict, String comment, Instant decidedAt) {
        this.id = UUID.randomUUID().toString();
        this.accessRequestId = accessRequestId;
        this.approverIssuer = approverIssuer;
        this.approverSubject = approverSubject;
        this.approverClientId = approverClientId;
        this.verdict = verdict;
        this.comment = comment;
        this.decidedAt = decidedAt;
    }

    public String id() {
        return id;
    }

    public String accessRequestId() {
        return accessRequestId;
    }

    public String approverIssuer() {
        return approverIssuer;
    }

    public String approverSubject() {
        return approverSubject;
    }

    public String approverClientId() {
        return approverClientId;
    }

    public Verdict verdict() {
        return verdict;
    }

    public String comment() {
        return comment;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
