package io.tollgate.audit;

import jakarta.persistence.EntityManager;

/** One change to the stored exchange records, applied by the journal's writer inside its batch's transaction. */
@FunctionalInterface
public interface JournalWrite {

    void applyTo(EntityManager entityManager);
}
