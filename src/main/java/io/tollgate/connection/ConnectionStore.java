package io.tollgate.connection;

import io.tollgate.audit.AuditLog;
import io.tollgate.credential.CredentialVault;
import io.tollgate.credential.ServiceAppKey;
import io.tollgate.credential.VaultKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Connections managed through the API, in the database, their secrets sealed by the vault. Every
 * change is audited, without the secret.
 */
@ApplicationScoped
public class ConnectionStore {

    private static final Logger LOG = Logger.getLogger(ConnectionStore.class.getName());
    /** Another server may have changed a row since the provider cached it: always read the database. */
    private static final Map<String, Object> FROM_DATABASE = Map.of(
            "jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS,
            "jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH);

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    VaultKeys vaultKeys;

    @Inject
    AuditLog auditLog;

    /** The stored connection's version, to tell whether a cached copy is still current. */
    public Optional<Long> version(String name) {
        return entityManager.createQuery("SELECT s.version FROM StoredConnection s WHERE s.name = :name", Long.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    public Optional<StoredConnection> find(String name) {
        return Optional.ofNullable(entityManager.find(StoredConnection.class, name, FROM_DATABASE));
    }

    public List<StoredConnection> all() {
        TypedQuery<StoredConnection> all = entityManager.createQuery("SELECT s FROM StoredConnection s ORDER BY s.name", StoredConnection.class);
        FROM_DATABASE.forEach(all::setHint);
        return all.getResultList();
    }

    /**
     * Creates or replaces a connection, its secret sealed with the vault's active key.
     *
     * @throws InvalidConnectionException when no vault is configured: a secret is never stored in clear
     */
    @Transactional
    public StoredConnection save(Connection connection, String actor) {
        CredentialVault vault = vault(connection.name());
        UpstreamCredential credential = connection.credential().orElseThrow(() ->
                new InvalidConnectionException(connection.name(), "a credential is required"));
        StoredConnection stored = entityManager.createQuery("SELECT s FROM StoredConnection s WHERE s.name = :name", StoredConnection.class)
                .setParameter("name", connection.name()).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        boolean created = stored == null;
        if (created) {
            stored = new StoredConnection(connection.name());
        }
        stored.describe(connection.baseUri().toString(), connection.kind().name(), connection.connectTimeout().toString(),
                connection.responseTimeout().toString(), connection.quota().map(AgentQuota::limit).orElse(null),
                connection.quota().map(quota -> quota.window().toString()).orElse(null));
        String secret;
        if (credential instanceof ServiceAppCredential serviceApp) {
            stored.credential(ServiceAppCredential.TYPE, serviceApp.clientId(), serviceApp.tokenUri().toString(),
                    String.join(" ", serviceApp.scopes()), serviceApp.key().keyId().orElse(null));
            secret = serviceApp.key().text();
        } else {
            stored.credential(ApiTokenCredential.TYPE, null, null, null, null);
            secret = ((ApiTokenCredential) credential).secret();
        }
        stored.seal(vault.seal(secret, context(connection.name())), vault.activeKeyId());
        stored.updated(Instant.now(), actor);
        if (created) {
            entityManager.persist(stored);
        }
        auditLog.append(created ? "connection.created" : "connection.replaced", actor, "connection:" + connection.name(),
                ConnectionJson.of(connection).add("vaultKeyId", stored.vaultKeyId()).build());
        return stored;
    }

    /**
     * Seals again, with the active key, every stored secret sealed with another one; after this the
     * older keys can be removed from the configuration.
     *
     * @return how many connections were sealed again
     */
    @Transactional
    public int reseal() {
        Optional<CredentialVault> vault = vaultKeys.vault();
        if (vault.isEmpty()) {
            return 0;
        }
        List<StoredConnection> outdated = entityManager.createQuery(
                        "SELECT s FROM StoredConnection s WHERE s.vaultKeyId <> :active", StoredConnection.class)
                .setParameter("active", vault.get().activeKeyId()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        int resealed = 0;
        for (StoredConnection stored : outdated) {
            String previousKey = stored.vaultKeyId();
            String context = context(stored.name());
            String secret;
            try {
                secret = vault.get().open(stored.sealedSecret(), context);
            } catch (CredentialVault.VaultException e) {
                LOG.severe("Connection '" + stored.name() + "' cannot be sealed again: " + e.getMessage());
                continue;
            }
            stored.seal(vault.get().seal(secret, context), vault.get().activeKeyId());
            resealed++;
            auditLog.append("connection.resealed", "tollgate", "connection:" + stored.name(),
                    Json.createObjectBuilder().add("fromVaultKey", previousKey).add("toVaultKey", stored.vaultKeyId()).build());
        }
        return resealed;
    }

    /**
     * The connection a stored row describes, its secret opened. A secret that does not open (its
     * vault key is no longer configured, say) leaves the connection without a credential, so its
     * requests are refused rather than sent anywhere else.
     */
    Connection open(StoredConnection stored) {
        String name = stored.name();
        Optional<UpstreamCredential> credential;
        try {
            credential = Optional.of(credential(stored, vault(name).open(stored.sealedSecret(), context(name))));
        } catch (InvalidConnectionException | CredentialVault.VaultException e) {
            LOG.severe("Connection '" + name + "' has no usable credential (" + e.getMessage() + "); its requests will be refused");
            credential = Optional.empty();
        }
        Optional<AgentQuota> quota = stored.quotaLimit() == null ? Optional.empty()
                : Optional.of(new AgentQuota(stored.quotaLimit(), Duration.parse(stored.quotaWindow())));
        return new Connection(name, Connections.baseUri(name, stored.url()), ConnectionKind.valueOf(stored.kind().toUpperCase(Locale.ROOT)),
                credential, Duration.parse(stored.connectTimeout()), Duration.parse(stored.responseTimeout()),
                Connection.DEFAULT_EXCHANGE_TIMEOUT, quota);
    }

    private static UpstreamCredential credential(StoredConnection stored, String secret) {
        try {
            return ServiceAppCredential.TYPE.equals(stored.credentialType())
                    ? new ServiceAppCredential(stored.clientId(), ServiceAppKey.parse(secret, stored.assertionKeyId()),
                    URI.create(stored.tokenUrl()), List.of(stored.scopes().split(" ")))
                    : UpstreamCredential.apiToken(secret);
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionException(stored.name(), "the stored credential is unusable: " + e.getMessage());
        }
    }

    private CredentialVault vault(String name) {
        return vaultKeys.vault().orElseThrow(() -> new InvalidConnectionException(name,
                "the credential vault is unavailable: " + vaultKeys.problem()));
    }

    /** Binds a sealed secret to its row: copied into another connection's row, it does not open. */
    private static String context(String name) {
        return "connection:" + name + ":credential";
    }
}
