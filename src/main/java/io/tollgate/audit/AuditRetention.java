package io.tollgate.audit;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * Retention: every hour an automatic EJB timer purges exchanges and audit events older than
 * {@code tollgate.audit.retention} (default 90 days). Nothing is purged without a checkpoint key,
 * since the remaining chain could not be proven to start where the purge ended.
 */
@Singleton
public class AuditRetention {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    CheckpointSigner signer;

    @Inject
    AuditPurge purge;

    @Inject
    @ConfigProperty(name = "tollgate.audit.retention", defaultValue = "P90D")
    Duration retention;

    @Schedule(hour = "*", minute = "41", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void hourly() {
        if (!signer.canSign()) {
            return;
        }
        Instant cutoff = Instant.now().minus(retention);
        for (String chain : entityManager.createQuery("SELECT c.name FROM AuditChain c", String.class).getResultList()) {
            purge.purgeChain(chain, cutoff);
        }
        purge.purgeExchanges(cutoff);
    }
}
