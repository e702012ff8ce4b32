package io.tollgate.sandbox.org;

/** Okta's group types (schema {@code GroupType}). */
public enum GroupType {
    APP_GROUP, BUILT_IN, OKTA_GROUP
}
