package io.tollgate.notification;

import io.tollgate.access.entity.AccessRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Puts notifications about access requests into the outbox. It joins the transaction of the
 * transition it reports, so a notification exists exactly when the transition committed; nothing
 * here waits for a webhook ({@link WebhookDeliverer} delivers later).
 */
@ApplicationScoped
public class Notifications {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    NotificationSettings settings;

    /** Tells every configured webhook that the request is now pending, or now decided. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(AccessRequest request) {
        if (settings.webhooks().isEmpty()) {
            return;
        }
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String payload = NotificationPayload.of(eventId, now, request, settings.accessRequestHref(request.id())).toString();
        String type = NotificationPayload.typeOf(request);
        for (Webhook webhook : settings.webhooks()) {
            entityManager.persist(new Notification(eventId, type, request.id(), webhook, payload, now));
        }
    }
}
