package io.tollgate.connection;

/** What an upstream speaks: Okta's Management API (operations from Okta's catalog) or plain HTTP. */
public enum ConnectionKind {
    OKTA,
    HTTP
}
