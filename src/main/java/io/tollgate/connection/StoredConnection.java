package io.tollgate.connection;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A connection managed through the API ({@code PUT /api/connections/{name}}), as the database holds
 * it. The secret (API token or service app private key) is only ever stored sealed by the
 * {@link io.tollgate.credential.CredentialVault}, bound to the connection's name; every other
 * column is configuration an operator may read. Not kept in the persistence provider's shared
 * cache, and read past it: another server may have changed the row, and {@link Connections} keeps
 * its own copy, checked by version.
 */
@Entity
@Cacheable(false)
@Table(name = "UPSTREAM_CONNECTION")
public class StoredConnection {

    @Id
    @Column(name = "NAME", length = 63)
    private String name;

    @Column(name = "URL", nullable = false, length = 2048)
    private String url;

    @Column(name = "KIND", nullable = false, length = 8)
    private String kind;

    @Column(name = "CONNECT_TIMEOUT", nullable = false, length = 32)
    private String connectTimeout;

    @Column(name = "RESPONSE_TIMEOUT", nullable = false, length = 32)
    private String responseTimeout;

    @Column(name = "CREDENTIAL_TYPE", nullable = false, length = 16)
    private String credentialType;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "TOKEN_URL", length = 2048)
    private String tokenUrl;

    @Column(name = "SCOPES", length = 2000)
    private String scopes;

    /** The {@code kid} client assertions name; not the vault's key. */
    @Column(name = "ASSERTION_KEY_ID", length = 255)
    private String assertionKeyId;

    @Column(name = "SEALED_SECRET", nullable = false, length = 16000)
    private String sealedSecret;

    @Column(name = "VAULT_KEY_ID", nullable = false, length = 64)
    private String vaultKeyId;

    @Column(name = "QUOTA_LIMIT")
    private Integer quotaLimit;

    @Column(name = "QUOTA_WINDOW", length = 32)
    private String quotaWindow;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    @Column(name = "UPDATED_BY", nullable = false, length = 255)
    private String updatedBy;

    @Version
    @Column(name = "VERSION", nullable = false)
    private long version;

    protected StoredConnection() {
    }

    StoredConnection(String name) {
        this.name = name;
    }

    void describe(String url, String kind, String connectTimeout, String responseTimeout, Integer quotaLimit, String quotaWindow) {
        this.url = url;
        this.kind = kind;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.quotaLimit = quotaLimit;
        this.quotaWindow = quotaWindow;
    }

    void credential(String type, String clientId, String tokenUrl, String scopes, String assertionKeyId) {
        this.credentialType = type;
        this.clientId = clientId;
        this.tokenUrl = tokenUrl;
        this.scopes = scopes;
        this.assertionKeyId = assertionKeyId;
    }

    void seal(String sealedSecret, String vaultKeyId) {
        this.sealedSecret = sealedSecret;
        this.vaultKeyId = vaultKeyId;
    }

    void updated(Instant at, String by) {
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public String kind() {
        return kind;
    }

    public String connectTimeout() {
        return connectTimeout;
    }

    public String responseTimeout() {
        return responseTimeout;
    }

    public String credentialType() {
        return credentialType;
    }

    public String clientId() {
        return clientId;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    public String scopes() {
        return scopes;
    }

    public String assertionKeyId() {
        return assertionKeyId;
    }

    String sealedSecret() {
        return sealedSecret;
    }

    public String vaultKeyId() {
        return vaultKeyId;
    }

    public Integer quotaLimit() {
        return quotaLimit;
    }

    public String quotaWindow() {
        return quotaWindow;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public long version() {
        return version;
    }
}
