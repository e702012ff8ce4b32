package io.tollgate.masking;

import io.tollgate.connection.Connection;
import io.tollgate.connection.Connections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The masking of each connection: the defaults of its kind, changed by
 * {@code <tollgate.masking.directory>/<name>.yaml} when that file exists. Documents are read once,
 * at start (or at a connection's first request); every server reads its own copy, so servers that
 * share a database must be given the same files. A document that cannot be read or is invalid
 * leaves its connection without masking, and such a connection forwards nothing.
 * <p>
 * Tokens come from {@code tollgate.masking.tokenize-key}, from which each connection's own key is
 * derived. Without it, a random key is made at start: tokens then hold only until the server
 * restarts, and differ between servers.
 */
@ApplicationScoped
public class Maskings {

    private static final Logger LOG = Logger.getLogger(Maskings.class.getName());
    static final int MIN_KEY_LENGTH = 32;

    @Inject
    Connections connections;

    @Inject
    @ConfigProperty(name = "tollgate.masking.directory")
    Optional<String> directory;

    @Inject
    @ConfigProperty(name = "tollgate.masking.tokenize-key")
    Optional<String> tokenizeKey;

    private final Map<String, Loaded> profiles = new ConcurrentHashMap<>();
    private volatile byte[] masterKey;

    /** A connection's profile, or why it has none. */
    private record Loaded(MaskingProfile profile, InvalidMaskingException problem) {
    }

    void loadAtStart(@Observes Startup startup) {
        connections.all().forEach(this::loaded);
    }

    /**
     * @throws InvalidMaskingException when the connection's masking document is unreadable or
     *                                 invalid: nothing may be forwarded for it
     */
    public MaskingProfile forConnection(Connection connection) {
        Loaded loaded = loaded(connection);
        if (loaded.problem() != null) {
            throw loaded.problem();
        }
        return loaded.profile();
    }

    private Loaded loaded(Connection connection) {
        return profiles.computeIfAbsent(connection.name(), name -> load(connection));
    }

    private Loaded load(Connection connection) {
        Optional<Path> file = directory.filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, connection.name() + ".yaml")).filter(Files::isRegularFile);
        String source = file.map(path -> path.getFileName().toString()).orElse("defaults");
        try {
            MaskingDocumentReader.Document document = file.isPresent()
                    ? MaskingDocumentReader.read(read(file.get()), source, connection.kind())
                    : MaskingDocumentReader.Document.absent(connection.kind());
            MaskingProfile profile = new MaskingProfile(document.effectiveRules(), document.bodies(),
                    Tokenizer.forConnection(masterKey(), connection.name()));
            LOG.info("Masking of connection '" + connection.name() + "' (" + source + "): "
                    + profile.rules().stream().map(MaskingRule::name).toList());
            return new Loaded(profile, null);
        } catch (InvalidMaskingException e) {
            LOG.severe(e.getMessage() + "; requests for connection '" + connection.name() + "' will be refused");
            return new Loaded(null, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidMaskingException(file.getFileName().toString(),
                    List.of("cannot be read: " + e.getClass().getSimpleName()));
        }
    }

    private byte[] masterKey() {
        if (masterKey == null) {
            synchronized (this) {
                if (masterKey == null) {
                    masterKey = configuredOrRandomKey();
                }
            }
        }
        return masterKey;
    }

    private byte[] configuredOrRandomKey() {
        Optional<String> configured = tokenizeKey.filter(key -> !key.isBlank());
        if (configured.isPresent()) {
            if (configured.get().length() < MIN_KEY_LENGTH) {
                // The key itself is never logged, only that it is too short.
                throw new InvalidMaskingException("tollgate.masking.tokenize-key",
                        List.of("must be at least " + MIN_KEY_LENGTH + " characters"));
            }
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        LOG.warning("tollgate.masking.tokenize-key is not set: tokens made by masking rules hold only until this "
                + "server restarts and differ between servers");
        byte[] random = new byte[MIN_KEY_LENGTH];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
