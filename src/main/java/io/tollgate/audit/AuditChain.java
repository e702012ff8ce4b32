package io.tollgate.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of one hash chain of audit events: its last sequence number and hash. Appending locks
 * this row, so events of a chain are numbered without gaps and linked in commit order, and an
 * event whose transaction rolls back leaves no trace in the chain.
 */
@Entity
@Table(name = "AUDIT_CHAIN")
public class AuditChain {

    static final String GENESIS_HASH = "0".repeat(64);

    @Id
    @Column(name = "NAME", length = 128)
    private String name;

    @Column(name = "LAST_SEQUENCE", nullable = false)
    private long lastSequence;

    @Column(name = "LAST_HASH", nullable = false, length = 64)
    private String lastHash;

    protected AuditChain() {
    }

    AuditChain(String name) {
        this.name = name;
        this.lastSequence = 0;
        this.lastHash = GENESIS_HASH;
    }

    String name() {
        return name;
    }

    long lastSequence() {
        return lastSequence;
    }

    String lastHash() {
        return lastHash;
    }

    void advance(long sequence, String hash) {
        this.lastSequence = sequence;
        this.lastHash = hash;
    }
}
