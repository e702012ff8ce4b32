package io.tollgate.connection;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The connections configured through MicroProfile Config ({@code tollgate.connections} and
 * {@code tollgate.connection.<name>.*}). A connection whose settings are invalid is left out and
 * logged, so requests for it are refused rather than sent somewhere unintended.
 */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Inject
    Config config;

    private Map<String, Connection> byName;

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
        byName = Map.copyOf(loaded);
    }

    public Collection<Connection> all() {
        return byName.values();
    }

    public Optional<Connection> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private Connection read(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidConnectionException(name, "a name is 1 to 63 lowercase letters, digits and dashes");
        }
        String prefix = "tollgate.connection." + name + ".";
        URI baseUri = baseUri(name, config.getOptionalValue(prefix + "url", String.class)
                .orElseThrow(() -> new InvalidConnectionException(name, prefix + "url is not set")));
        ConnectionKind kind = enumValue(name, prefix + "kind", "okta");
        Optional<UpstreamCredential> credential;
        try {
            credential = config.getOptionalValue(prefix + "api-token", String.class).map(UpstreamCredential::apiToken);
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionException(name, prefix + "api-token: " + e.getMessage());
        }
        if (credential.isEmpty()) {
            LOG.warning("Connection '" + name + "' has no upstream credential (" + prefix
                    + "api-token): its requests will be refused");
        }
        return new Connection(name, baseUri, kind, credential,
                duration(name, prefix + "connect-timeout", "PT5S"),
                duration(name, prefix + "response-timeout", "PT30S"),
                duration(name, prefix + "exchange-timeout", "PT5M"));
    }

    private static URI baseUri(String name, String value) {
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

    private ConnectionKind enumValue(String name, String key, String defaultValue) {
        String value = config.getOptionalValue(key, String.class).orElse(defaultValue);
        try {
            return ConnectionKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionException(name, key + " must be okta or http");
        }
    }

    private Duration duration(String name, String key, String defaultValue) {
        String value = config.getOptionalValue(key, String.class).orElse(defaultValue);
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
}
