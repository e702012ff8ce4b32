package io.tollgate.sandbox.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.io.StringReader;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The sandbox org's journal in Tollgate's own database (table {@code SANDBOX_RECORD}): each
 * {@link #apply} is one transaction, so an operation's changes are kept together or not at all.
 */
@ApplicationScoped
public class SandboxStore implements Journal {

    private static final int BATCH = 200;

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void apply(List<Change> changes) {
        int written = 0;
        for (Change change : changes) {
            SandboxRecord existing = entityManager.find(SandboxRecord.class,
                    new SandboxRecord.Key(change.kind().name(), change.id()));
            if (change.document() == null) {
                if (existing != null) {
                    entityManager.remove(existing);
                }
            } else if (existing != null) {
                existing.replace(change.document().toString());
            } else {
                entityManager.persist(new SandboxRecord(change.kind().name(), change.id(), change.document().toString()));
            }
            // Keeps a large seed from piling every entity up in one persistence context.
            if (++written % BATCH == 0) {
                entityManager.flush();
                entityManager.clear();
            }
        }
    }

    /** Hands every stored object to {@code restore}, kind by kind in {@link Kind} order, each kind in id order. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void load(BiConsumer<Kind, JsonObject> restore) {
        for (Kind kind : Kind.values()) {
            List<SandboxRecord> records = entityManager.createNamedQuery(SandboxRecord.OF_KIND, SandboxRecord.class)
                    .setParameter("kind", kind.name())
                    .getResultList();
            for (SandboxRecord record : records) {
                try (JsonReader reader = Json.createReader(new StringReader(record.document()))) {
                    restore.accept(kind, reader.readObject());
                }
            }
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean isEmpty() {
        return entityManager.createNamedQuery(SandboxRecord.COUNT, Long.class).getSingleResult() == 0;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void clear() {
        entityManager.createNamedQuery(SandboxRecord.DELETE_ALL).executeUpdate();
    }
}
