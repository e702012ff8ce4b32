package io.tollgate.sandbox.org;

/** Okta's user statuses (schema {@code UserStatus}). */
public enum UserStatus {
    ACTIVE, DEPROVISIONED, LOCKED_OUT, PASSWORD_EXPIRED, PROVISIONED, RECOVERY, STAGED, SUSPENDED
}
