package io.tollgate.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Something that happened and matters as evidence: a decision, a request, an approval, a grant
 * change, a policy or configuration change. Each event carries the hash of its predecessor in its
 * chain and its own hash over all its fields, so any edit, deletion or reordering is detectable.
 */
@Entity
@Table(name = "AUDIT_EVENT",
        uniqueConstraints = @UniqueConstraint(name = "AUDIT_EVENT_CHAIN_SEQUENCE", columnNames = {"CHAIN_NAME", "SEQUENCE_NUMBER"}),
        indexes = {@Index(name = "AUDIT_EVENT_OCCURRED", columnList = "OCCURRED_AT"),
                @Index(name = "AUDIT_EVENT_TYPE", columnList = "EVENT_TYPE")})
public class AuditEvent {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "CHAIN_NAME", nullable = false, length = 128)
    private String chain;

    @Column(name = "SEQUENCE_NUMBER", nullable = false)
    private long sequence;

    @Column(name = "OCCURRED_AT", nullable = false)
    private Instant occurredAt;

    @Column(name = "EVENT_TYPE", nullable = false, length = 64)
    private String type;

    @Column(name = "ACTOR", nullable = false, length = 255)
    private String actor;

    @Column(name = "TARGET", length = 255)
    private String target;

    @Lob
    @Column(name = "DETAILS", nullable = false)
    private String details;

    @Column(name = "PREVIOUS_HASH", nullable = false, length = 64)
    private String previousHash;

    @Column(name = "HASH", nullable = false, length = 64)
    private String hash;

    protected AuditEvent() {
    }

    AuditEvent(AuditChain chain, Instant occurredAt, String type, String actor, String target, String details) {
        this.id = UUID.randomUUID().toString();
        this.chain = chain.name();
        this.sequence = chain.lastSequence() + 1;
        // Millisecond precision survives every database, so the hash recomputes identically after a round trip.
        this.occurredAt = occurredAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        this.type = type;
        this.actor = actor;
        this.target = target;
        this.details = details;
        this.previousHash = chain.lastHash();
        this.hash = computeHash();
    }

    /** SHA-256 over every field but the hash itself, each length-prefixed so no two events can collide by shifting text. */
    String computeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : new String[]{id, chain, Long.toString(sequence), occurredAt.toString(), type, actor,
                    target == null ? "" : target, details, previousHash}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public String id() {
        return id;
    }

    public String chain() {
        return chain;
    }

    public long sequence() {
        return sequence;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String type() {
        return type;
    }

    public String actor() {
        return actor;
    }

    public String target() {
        return target;
    }

    public String details() {
        return details;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }
}
