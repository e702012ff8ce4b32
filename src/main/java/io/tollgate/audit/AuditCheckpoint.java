package io.tollgate.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Where a chain starts after retention purged its oldest events: the last purged event's sequence
 * number and hash, signed (HMAC-SHA256 with {@code tollgate.audit.checkpoint-key}) so that the
 * remaining chain still verifies and a forged starting point does not.
 */
@Entity
@Table(name = "AUDIT_CHECKPOINT")
public class AuditCheckpoint {

    @Id
    @Column(name = "CHAIN_NAME", length = 128)
    private String chain;

    @Column(name = "SEQUENCE_NUMBER", nullable = false)
    private long sequence;

    @Column(name = "HASH", nullable = false, length = 64)
    private String hash;

    @Column(name = "PURGED_AT", nullable = false)
    private Instant purgedAt;

    @Column(name = "SIGNATURE", nullable = false, length = 64)
    private String signature;

    protected AuditCheckpoint() {
    }

    AuditCheckpoint(String chain) {
        this.chain = chain;
    }

    void moveTo(long sequence, String hash, Instant purgedAt, String signature) {
        this.sequence = sequence;
        this.hash = hash;
        this.purgedAt = purgedAt;
        this.signature = signature;
    }

    public String chain() {
        return chain;
    }

    public long sequence() {
        return sequence;
    }

    public String hash() {
        return hash;
    }

    public Instant purgedAt() {
        return purgedAt;
    }

    public String signature() {
        return signature;
    }

    /** What the signature covers. */
    String signedContent() {
        return signedContent(chain, sequence, hash, purgedAt);
    }

    static String signedContent(String chain, long sequence, String hash, Instant purgedAt) {
        return chain + "\n" + sequence + "\n" + hash + "\n" + purgedAt;
    }
}
