package io.tollgate.access.entity;

/** Where an access request stands. Only PENDING ever changes; the others are final. */
public enum AccessRequestStatus {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    CANCELLED
}
