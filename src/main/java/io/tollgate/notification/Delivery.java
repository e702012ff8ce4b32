package io.tollgate.notification;

/**
 * One attempt at delivering an outbox row, as the deliverer sees it.
 *
 * @param attempt    attempts made so far, this one included once claimed
 * @param claimToken the claim this attempt was made under; null while only a candidate
 */
record Delivery(String id, String eventId, String type, String accessRequestId, String webhookSha256,
                String webhookOrigin, String payload, int attempt, String claimToken) {

    static Delivery candidate(Notification row) {
        return new Delivery(row.id(), row.eventId(), row.type(), row.accessRequestId(), row.webhookSha256(),
                row.webhookOrigin(), row.payload(), row.attempts(), null);
    }

    Delivery claimed(String token) {
        return new Delivery(id, eventId, type, accessRequestId, webhookSha256, webhookOrigin, payload, attempt + 1, token);
    }

    /** For logs: never the webhook's URL, which may be a credential. */
    String describe() {
        return "notification " + id + " (" + type + " of access request " + accessRequestId + ") to " + webhookOrigin;
    }
}
