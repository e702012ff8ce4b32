package io.tollgate.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/** Commits one batch of the {@link ExchangeJournal}: all of its writes, or none. */
@ApplicationScoped
public class ExchangeBatches {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void apply(List<ExchangeJournal.Entry> batch) {
        for (ExchangeJournal.Entry entry : batch) {
            entry.write().applyTo(entityManager);
        }
    }
}
