package io.tollgate.notification;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification to one webhook, in the outbox: written in the transaction of the change it
 * tells about, delivered afterwards. Servers sharing the database claim rows with a conditional
 * update (see {@link NotificationOutbox}), so no server trusts a cached copy: not cacheable.
 */
@Entity
@Cacheable(false)
@Table(name = "NOTIFICATION_OUTBOX", indexes = @Index(name = "NOTIFICATION_OUTBOX_DUE", columnList = "STATUS, NEXT_ATTEMPT_AT"))
public class Notification {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    /** The same for every webhook told about one event; receivers use it to drop repeats. */
    @Column(name = "EVENT_ID", nullable = false, length = 36)
    private String eventId;

    @Column(name = "EVENT_TYPE", nullable = false, length = 64)
    private String type;

    @Column(name = "ACCESS_REQUEST_ID", nullable = false, length = 36)
    private String accessRequestId;

    @Column(name = "WEBHOOK_SHA256", nullable = false, length = 64)
    private String webhookSha256;

    @Column(name = "WEBHOOK_ORIGIN", nullable = false, length = 512)
    private String webhookOrigin;

    @Lob
    @Column(name = "PAYLOAD", nullable = false)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 16)
    private NotificationStatus status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    /** When the row is due; while a server delivers it, the end of that server's lease. */
    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private Instant nextAttemptAt;

    /** Set by each claim: only the claimant records the outcome of its attempt. */
    @Column(name = "CLAIM_TOKEN", length = 36)
    private String claimToken;

    @Column(name = "LAST_ERROR", length = 255)
    private String lastError;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "DELIVERED_AT")
    private Instant deliveredAt;

    protected Notification() {
    }

    public Notification(String eventId, String type, String accessRequestId, Webhook webhook, String payload, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.eventId = eventId;
        this.type = type;
        this.accessRequestId = accessRequestId;
        this.webhookSha256 = webhook.sha256();
        this.webhookOrigin = webhook.origin();
        this.payload = payload;
        this.status = NotificationStatus.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = createdAt;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public String accessRequestId() {
        return accessRequestId;
    }

    public String webhookSha256() {
        return webhookSha256;
    }

    public String webhookOrigin() {
        return webhookOrigin;
    }

    public String payload() {
        return payload;
    }

    public NotificationStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }
}
