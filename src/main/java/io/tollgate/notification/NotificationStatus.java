package io.tollgate.notification;

/** Where one notification to one webhook stands. DELIVERED and FAILED are final. */
public enum NotificationStatus {
    /** Waiting for its next attempt, or being attempted by the server that claimed it. */
    PENDING,
    DELIVERED,
    /** Every attempt failed; an audit event says so. */
    FAILED
}
