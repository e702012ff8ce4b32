package io.tollgate.connection;

import io.tollgate.credential.ServiceAppKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Every connection: those managed through the API (stored in the database, shared by all servers)
 * and those configured through MicroProfile Config ({@code tollgate.connections} and
 * {@code tollgate.connection.<name>.*}), the bootstrap. A stored connection takes precedence over a
 * configured one of the same name, so an operator can move a connection's credential into the
 * vault without redeploying; the configured one is in force again only if the stored one is
 * removed from the database. A configured connection whose settings are invalid is left out and
 * logged, so requests for it are refused rather than sent somewhere unintended.
 *
 * <p>Each server keeps stored connections in memory and checks, at most every
 * {@code tollgate.connection.refresh-interval}, whether another server changed them.
 */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class.getName());
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Inject
    Config config;

    @Inject
    ConnectionStore store;

    @Inject
    @ConfigProperty(name = "tollgate.connection.refresh-interval", defaultValue = "PT2S")
    Duration refreshInterval;

    private Map<String, Connection> configured;
    private final Map<String, Cached> stored = new ConcurrentHashMap<>();

    /** A stored connection as last read: its version, or absent (version -1, only for configured names). */
    private record Cached(long version, Connection connection, long checkedAtNanos) {
    }

    @PostConstruct
    void load() {
        Map<String, Connection> loaded = new HashMap<>();
        for (String name : config.getOptionalValues("tollgate.connections", String.class).orElse(List.of())) {
            try {
                loaded.put(name, read(name));
            } catch (InvalidConnectionException e) {
                LOG.severe(e.getMessage() + "; requests for it will be refused");
            }
        }
        configured = Map.copyOf(loaded);
    }

    /** After a vault key rotation, seals every stored secret with the active key, so that older keys can be retired. */
    void resealAtStart(@Observes Startup startup) {
        try {
            int resealed = store.reseal();
            if (resealed > 0) {
                LOG.info("Sealed the credentials of " + resealed + " stored connection(s) again with the active vault key");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot seal stored credentials again with the active vault key; the older keys must stay configured", e);
        }
    }

    public Collection<Connection> all() {
        Map<String, Connection> all = new TreeMap<>(configured);
        store.all().forEach(row -> find(row.name()).ifPresent(connection -> all.put(connection.name(), connection)));
        return all.values();
    }

    public Optional<Connection> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Optional<Connection> fromStore = stored(name);
        return fromStore.isPresent() ? fromStore : Optional.ofNullable(configured.get(name));
    }

    /**
     * Creates or replaces a stored connection; this server uses it from the next request on, the
     * others within the refresh interval.
     */
    public StoredConnection save(Connection connection, String actor) {
        StoredConnection saved = store.save(connection, actor);
        stored.remove(connection.name());
        return saved;
    }

    private Optional<Connection> stored(String name) {
        Cached cached = stored.get(name);
        long now = System.nanoTime();
        if (cached != null && now - cached.checkedAtNanos() < refreshInterval.toNanos()) {
            return Optional.ofNullable(cached.connection());
        }
        Optional<Long> version = store.version(name);
        if (version.isEmpty()) {
            // Remember absence only for configured names: agents must not grow the cache with made-up ones.
            if (configured.containsKey(name)) {
                stored.put(name, new Cached(-1, null, now));
            } else {
                stored.remove(name);
            }
            return Optional.empty();
        }
        if (cached != null && cached.version() == version.get()) {
            stored.put(name, new Cached(cached.version(), cached.connection(), now));
            return Optional.ofNullable(cached.connection());
        }
        Optional<StoredConnection> row = store.find(name);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Connection connection = store.open(row.get());
        stored.put(name, new Cached(row.get().version(), connection, now));
        return Optional.of(connection);
    }

    private Connection read(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidConnectionException(name, "a name is 1 to 63 lowercase letters, digits and dashes");
        }
        String prefix = "tollgate.connection." + name + ".";
        URI baseUri = baseUri(name, config.getOptionalValue(prefix + "url", String.class)
                .orElseThrow(() -> new InvalidConnectionException(name, prefix + "url is not set")));
        ConnectionKind kind = kind(name, prefix + "kind", config.getOptionalValue(prefix + "kind", String.class).orElse("okta"));
        Optional<UpstreamCredential> credential = credential(name, prefix, baseUri);
        if (credential.isEmpty()) {
            LOG.warning("Connection '" + name + "' has no upstream credential (" + prefix
                    + "api-token or " + prefix + "client-id): its requests will be refused");
        }
        Optional<AgentQuota> quota = config.getOptionalValue(prefix + "quota.limit", Integer.class).map(limit -> quota(name,
                limit, duration(name, prefix + "quota.window", config.getOptionalValue(prefix + "quota.window", String.class).orElse("PT1M"))));
        return new Connection(name, baseUri, kind, credential,
                duration(name, prefix + "connect-timeout", config.getOptionalValue(prefix + "connect-timeout", String.class).orElse("PT5S")),
                duration(name, prefix + "response-timeout", config.getOptionalValue(prefix + "response-timeout", String.class).orElse("PT30S")),
                duration(name, prefix + "exchange-timeout", config.getOptionalValue(prefix + "exchange-timeout", String.class).orElse("PT5M")),
                quota);
    }

    private Optional<UpstreamCredential> credential(String name, String prefix, URI baseUri) {
        Optional<String> apiToken = config.getOptionalValue(prefix + "api-token", String.class);
        Optional<String> clientId = config.getOptionalValue(prefix + "client-id", String.class);
        if (apiToken.isPresent() && clientId.isPresent()) {
            throw new InvalidConnectionException(name, "set either " + prefix + "api-token or " + prefix + "client-id, not both");
        }
        try {
            if (clientId.isPresent()) {
                String key = config.getOptionalValue(prefix + "private-key", String.class).orElseThrow(() ->
                        new InvalidConnectionException(name, prefix + "private-key is not set"));
                URI tokenUri = config.getOptionalValue(prefix + "token-url", String.class).map(URI::create)
                        .orElse(ServiceAppCredential.defaultTokenUri(baseUri));
                List<String> scopes = config.getOptionalValues(prefix + "scopes", String.class).orElse(List.of());
                return Optional.of(new ServiceAppCredential(clientId.get(),
                        ServiceAppKey.parse(key, config.getOptionalValue(prefix + "private-key-id", String.class).orElse(null)),
                        tokenUri, scopes));
            }
            return apiToken.map(UpstreamCredential::apiToken);
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionException(name, "credential: " + e.getMessage());
        }
    }

    static URI baseUri(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionException(name, "url is not a URI");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidConnectionException(name, "url must be an http(s) URL with a host and no query, fragment or user info");
        }
        return uri;
    }

    static ConnectionKind kind(String name, String key, String value) {
        try {
            return ConnectionKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionException(name, key + " must be okta or http");
        }
    }

    static Duration duration(String name, String key, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidConnectionException(name, key + " must be positive");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new InvalidConnectionException(name, key + " must be an ISO-8601 duration such as PT30S");
        }
    }

    static AgentQuota quota(String name, int limit, Duration window) {
        try {
            return new AgentQuota(limit, window);
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionException(name, e.getMessage());
        }
    }
}
