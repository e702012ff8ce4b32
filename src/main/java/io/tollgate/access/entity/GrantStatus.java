package io.tollgate.access.entity;

/** Where a grant stands. Only ACTIVE lets requests through, and only until its expiry. */
public enum GrantStatus {
    ACTIVE,
    /** A one-shot grant that let its one request through. */
    USED,
    EXPIRED,
    REVOKED
}
