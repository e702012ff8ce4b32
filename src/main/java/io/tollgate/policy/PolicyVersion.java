package io.tollgate.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;
import java.util.UUID;

/**
 * One version of a connection's policy document, as an operator wrote it. Versions are never
 * changed or removed; the highest version of a connection is in force, on every server.
 */
@Entity
@Table(name = "POLICY_VERSION",
        uniqueConstraints = @UniqueConstraint(name = "POLICY_VERSION_NUMBER", columnNames = {"CONNECTION_NAME", "VERSION_NUMBER"}))
public class PolicyVersion {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "CONNECTION_NAME", nullable = false, length = 63)
    private String connection;

    @Column(name = "VERSION_NUMBER", nullable = false)
    private int version;

    @Lob
    @Column(name = "DOCUMENT", nullable = false)
    private String document;

    @Column(name = "DIGEST", nullable = false, length = 64)
    private String digest;

    @Column(name = "SOURCE", nullable = false, length = 255)
    private String source;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "CREATED_BY", nullable = false, length = 255)
    private String createdBy;

    protected PolicyVersion() {
    }

    PolicyVersion(String connection, int version, String document, String digest, String source, Instant createdAt,
                  String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.connection = connection;
        this.version = version;
        this.document = document;
        this.digest = digest;
        this.source = source;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String connection() {
        return connection;
    }

    public int version() {
        return version;
    }

    public String document() {
        return document;
    }

    public String digest() {
        return digest;
    }

    public String source() {
        return source;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
