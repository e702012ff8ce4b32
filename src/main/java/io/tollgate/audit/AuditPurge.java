package io.tollgate.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;

/**
 * Purges exchanges and audit events older than a cutoff. A purged chain prefix leaves a signed
 * checkpoint (the last purged event's sequence and hash), so the remaining chain still verifies; the
 * purge itself is an audit event. Each chain is purged under its head's row lock, so any server may
 * run it at any time.
 */
@ApplicationScoped
public class AuditPurge {

    private static final Logger LOG = Logger.getLogger(AuditPurge.class.getName());

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    CheckpointSigner signer;

    @Inject
    AuditLog auditLog;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void purgeChain(String chainName, Instant cutoff) {
        AuditChain chain = entityManager.find(AuditChain.class, chainName, LockModeType.PESSIMISTIC_WRITE);
        Long last = entityManager.createQuery("SELECT MAX(e.sequence) FROM AuditEvent e WHERE e.chain = :chain"
                + " AND e.occurredAt < :cutoff", Long.class).setParameter("chain", chainName).setParameter("cutoff", cutoff)
                .getSingleResult();
        if (chain == null || last == null) {
            return;
        }
        List<AuditEvent> lastPurged = entityManager.createQuery("SELECT e FROM AuditEvent e WHERE e.chain = :chain"
                + " AND e.sequence = :sequence", AuditEvent.class).setParameter("chain", chainName).setParameter("sequence", last)
                .getResultList();
        if (lastPurged.isEmpty()) {
            return;
        }
        AuditCheckpoint checkpoint = entityManager.find(AuditCheckpoint.class, chainName);
        if (checkpoint == null) {
            checkpoint = new AuditCheckpoint(chainName);
            entityManager.persist(checkpoint);
        }
        Instant purgedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String hash = lastPurged.get(0).hash();
        checkpoint.moveTo(last, hash, purgedAt, signer.sign(AuditCheckpoint.signedContent(chainName, last, hash, purgedAt)));
        int purged = entityManager.createQuery("DELETE FROM AuditEvent e WHERE e.chain = :chain AND e.sequence <= :last")
                .setParameter("chain", chainName).setParameter("last", last).executeUpdate();
        auditLog.append("audit.purged", "tollgate", "chain:" + chainName, Json.createObjectBuilder()
                .add("cutoff", cutoff.toString()).add("events", purged).add("checkpointSequence", last).build());
        LOG.info("Retention purged " + purged + " audit events of chain " + chainName + " before " + cutoff);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void purgeExchanges(Instant cutoff) {
        // A bulk delete does not cascade to an exchange's outcome and masked counts: remove those first.
        for (String dependent : List.of("EXCHANGE_MASKED", "EXCHANGE_OUTCOME")) {
            entityManager.createNativeQuery("DELETE FROM " + dependent + " WHERE EXCHANGE_ID IN (SELECT ID FROM EXCHANGE WHERE RECEIVED_AT < ?)")
                    .setParameter(1, Timestamp.from(cutoff)).executeUpdate();
        }
        int purged = entityManager.createQuery("DELETE FROM Exchange e WHERE e.receivedAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
        if (purged > 0) {
            auditLog.append("exchanges.purged", "tollgate", "exchanges", Json.createObjectBuilder()
                    .add("cutoff", cutoff.toString()).add("exchanges", purged).build());
        }
    }
}
