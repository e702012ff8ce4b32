package io.tollgate.notification;

import io.tollgate.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox as several servers share it. A server claims a due row with one conditional UPDATE
 * that counts the attempt and moves the row's due time to the end of a lease; of two servers
 * racing for the same row, the database lets exactly one update it, so no attempt is made twice.
 * A server that dies mid-attempt leaves the row due again when the lease runs out (delivery is
 * at least once; receivers drop repeats by the event id). Each method is its own short
 * transaction: no transaction is open while a webhook is called.
 */
@ApplicationScoped
public class NotificationOutbox {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    AuditLog auditLog;

    /** Rows due now for the given webhooks, oldest due first; candidates only, until claimed. */
    @Transactional
    public List<Delivery> due(Collection<String> webhookSha256s, Instant now, int limit) {
        return entityManager.createQuery("SELECT n FROM Notification n WHERE n.status = :pending"
                        + " AND n.nextAttemptAt <= :now AND n.webhookSha256 IN :webhooks ORDER BY n.nextAttemptAt", Notification.class)
                .setParameter("pending", NotificationStatus.PENDING).setParameter("now", now)
                .setParameter("webhooks", webhookSha256s).setMaxResults(limit)
                .getResultStream().map(Delivery::candidate).toList();
    }

    /** The next attempt at a candidate, if this server won it. */
    @Transactional
    public Optional<Delivery> claim(Delivery candidate, Instant now, Instant leaseEnd) {
        String token = UUID.randomUUID().toString();
        int claimed = entityManager.createQuery("UPDATE Notification n SET n.attempts = n.attempts + 1,"
                        + " n.nextAttemptAt = :leaseEnd, n.claimToken = :token WHERE n.id = :id AND n.status = :pending"
                        + " AND n.nextAttemptAt <= :now AND n.attempts = :attempts")
                .setParameter("leaseEnd", leaseEnd).setParameter("token", token).setParameter("id", candidate.id())
                .setParameter("pending", NotificationStatus.PENDING).setParameter("now", now)
                .setParameter("attempts", candidate.attempt()).executeUpdate();
        return claimed == 1 ? Optional.of(candidate.claimed(token)) : Optional.empty();
    }

    /** False when the claim had lapsed and another server owns the row now. */
    @Transactional
    public boolean delivered(Delivery delivery, Instant at) {
        return underClaim(delivery, "n.status = :delivered, n.deliveredAt = :at, n.lastError = NULL")
                .setParameter("delivered", NotificationStatus.DELIVERED).setParameter("at", at).executeUpdate() == 1;
    }

    /** Schedules the next attempt; false when the claim had lapsed. */
    @Transactional
    public boolean retryAt(Delivery delivery, String error, Instant next) {
        return underClaim(delivery, "n.nextAttemptAt = :next, n.lastError = :error")
                .setParameter("next", next).setParameter("error", error).executeUpdate() == 1;
    }

    /** Marks the row FAILED for good and audits that, in one transaction; false when the claim had lapsed. */
    @Transactional
    public boolean giveUp(Delivery delivery, String error) {
        boolean mine = underClaim(delivery, "n.status = :failed, n.lastError = :error")
                .setParameter("failed", NotificationStatus.FAILED).setParameter("error", error).executeUpdate() == 1;
        if (mine) {
            auditLog.append("notification.failed", "tollgate", "notification:" + delivery.id(), Json.createObjectBuilder()
                    .add("event", delivery.eventId())
                    .add("type", delivery.type())
                    .add("accessRequest", delivery.accessRequestId())
                    .add("webhook", delivery.webhookOrigin())
                    .add("attempts", delivery.attempt())
                    .add("lastError", error)
                    .build());
        }
        return mine;
    }

    /** An update of the row that applies only while the delivery's claim is the row's latest. */
    private Query underClaim(Delivery delivery, String assignments) {
        return entityManager.createQuery("UPDATE Notification n SET " + assignments
                        + " WHERE n.id = :id AND n.claimToken = :token AND n.status = :pending")
                .setParameter("id", delivery.id()).setParameter("token", delivery.claimToken())
                .setParameter("pending", NotificationStatus.PENDING);
    }
}
