package io.tollgate.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Starts a hash chain: its head row is committed on its own, so that every appender, on any
 * thread, then locks the same row. Two appenders starting the chain at once both try; the loser's
 * insert fails on the primary key and it simply uses the winner's head.
 */
@ApplicationScoped
public class AuditChains {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void start(String name) {
        if (entityManager.find(AuditChain.class, name) == null) {
            entityManager.persist(new AuditChain(name));
            entityManager.flush();
        }
    }
}
