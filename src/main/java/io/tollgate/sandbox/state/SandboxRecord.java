package io.tollgate.sandbox.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** One object of the sandbox org (a user, a group, a membership...) as a JSON document, by kind and id. */
@Entity
@Table(name = "SANDBOX_RECORD")
@IdClass(SandboxRecord.Key.class)
@NamedQuery(name = SandboxRecord.OF_KIND, query = "SELECT r FROM SandboxRecord r WHERE r.kind = :kind ORDER BY r.id")
@NamedQuery(name = SandboxRecord.COUNT, query = "SELECT COUNT(r) FROM SandboxRecord r")
@NamedQuery(name = SandboxRecord.DELETE_ALL, query = "DELETE FROM SandboxRecord r")
public class SandboxRecord {

    static final String OF_KIND = "SandboxRecord.ofKind";
    static final String COUNT = "SandboxRecord.count";
    static final String DELETE_ALL = "SandboxRecord.deleteAll";

    @Id
    @Column(name = "KIND", length = 16)
    private String kind;

    @Id
    @Column(name = "ID", length = 128)
    private String id;

    @Lob
    @Column(name = "DOCUMENT", nullable = false)
    private String document;

    protected SandboxRecord() {
    }

    SandboxRecord(String kind, String id, String document) {
        this.kind = kind;
        this.id = id;
        this.document = document;
    }

    String document() {
        return document;
    }

    void replace(String newDocument) {
        this.document = newDocument;
    }

    /** The composite key: kind and id. */
    public static class Key implements Serializable {

        private String kind;
        private String id;

        public Key() {
        }

        Key(String kind, String id) {
            this.kind = kind;
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && kind.equals(key.kind) && id.equals(key.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, id);
        }
    }
}
