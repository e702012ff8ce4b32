package io.tollgate.policy;

import io.tollgate.connection.Connection;
import io.tollgate.connection.ConnectionKind;
import io.tollgate.connection.Connections;
import io.tollgate.policy.catalog.OperationCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The policy in force for each connection. Policies live in the database, so every server enforces
 * the same one: each server keeps the compiled policy in memory and checks, at most every
 * {@code tollgate.policy.refresh-interval}, whether a newer version was stored (by any server).
 *
 * <p>At start, a connection's policy comes from {@code <tollgate.policy.directory>/<name>.yaml} when
 * that file changed since it was last installed; otherwise what is stored stays in force; an
 * {@code okta} connection without any policy gets the starter policy. A connection with no policy
 * at all lets nothing through.
 */
@ApplicationScoped
public class Policies {

    private static final Logger LOG = Logger.getLogger(Policies.class.getName());
    private static final String STARTER_SOURCE = "starter:okta";

    @Inject
    PolicyStore store;

    @Inject
    Connections connections;

    @Inject
    OperationCatalog oktaCatalog;

    @Inject
    @ConfigProperty(name = "tollgate.policy.directory")
    Optional<String> directory;

    @Inject
    @ConfigProperty(name = "tollgate.policy.refresh-interval", defaultValue = "PT2S")
    Duration refreshInterval;

    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(int version, Policy policy, long checkedAtNanos) {

        Loaded checkedNow() {
            return new Loaded(version, policy, System.nanoTime());
        }
    }

    void installAtStart(@Observes Startup startup) {
        for (Connection connection : connections.all()) {
            try {
                installFromDirectoryOrStarter(connection);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Cannot install the policy of connection '" + connection.name()
                        + "'; the policy stored before stays in force", e);
            }
        }
    }

    private void installFromDirectoryOrStarter(Connection connection) {
        Optional<Path> file = directory.filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, connection.name() + ".yaml")).filter(Files::isRegularFile);
        if (file.isPresent()) {
            String source = "file:" + file.get().getFileName();
            String document = read(file.get());
            boolean changed = store.latestFrom(connection.name(), source)
                    .map(version -> !version.digest().equals(PolicyStore.digest(document))).orElse(true);
            if (changed) {
                install(connection, document, source, "tollgate");
            }
        } else if (connection.kind() == ConnectionKind.OKTA && store.latest(connection.name()).isEmpty()) {
            install(connection, StarterPolicy.oktaSource(), STARTER_SOURCE, "tollgate");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read policy file " + file, e);
        }
    }

    /** Validates and stores a new version; the previous one stays in force if the document is refused. */
    public PolicyVersion install(Connection connection, String document, String source, String actor) {
        Policy policy;
        try {
            policy = Policy.parse(document, connection.kind(), oktaCatalog);
        } catch (PolicyValidationException e) {
            throw new InvalidPolicyException(e);
        }
        PolicyVersion version = store.save(connection.name(), document, source, actor);
        loaded.put(connection.name(), new Loaded(version.version(), policy, System.nanoTime()));
        LOG.info("Policy version " + version.version() + " of connection '" + connection.name() + "' is in force ("
                + source + ")");
        return version;
    }

    /** The policy in force, or empty when the connection has none (then nothing may pass). */
    public Optional<Policy> current(Connection connection) {
        Loaded current = loaded.get(connection.name());
        if (current != null && System.nanoTime() - current.checkedAtNanos() < refreshInterval.toNanos()) {
            return Optional.of(current.policy());
        }
        return Optional.ofNullable(refresh(connection, current)).map(Loaded::policy);
    }

    public Optional<PolicyVersion> currentVersion(Connection connection) {
        return store.latest(connection.name());
    }

    private Loaded refresh(Connection connection, Loaded current) {
        int stored = store.latestVersionNumber(connection.name());
        if (current != null && current.version() == stored) {
            Loaded checked = current.checkedNow();
            loaded.put(connection.name(), checked);
            return checked;
        }
        Optional<PolicyVersion> latest = store.latest(connection.name());
        if (latest.isEmpty()) {
            return null;
        }
        try {
            Loaded fresh = new Loaded(latest.get().version(),
                    Policy.parse(latest.get().document(), connection.kind(), oktaCatalog), System.nanoTime());
            loaded.put(connection.name(), fresh);
            return fresh;
        } catch (PolicyValidationException e) {
            // Stored versions were valid when stored; one that no longer parses (an older catalog, say) must not open anything.
            LOG.severe("Stored policy version " + latest.get().version() + " of connection '" + connection.name()
                    + "' no longer validates: " + e.getMessage() + "; keeping the version loaded before");
            return current == null ? null : current.checkedNow();
        }
    }
}
