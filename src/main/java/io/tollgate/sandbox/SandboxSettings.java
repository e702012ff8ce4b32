package io.tollgate.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The sandbox's configuration keys ({@code tollgate.sandbox.*}); defaults are in microprofile-config.properties. */
@ApplicationScoped
public class SandboxSettings {

    @Inject
    @ConfigProperty(name = "tollgate.sandbox.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "tollgate.sandbox.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "tollgate.sandbox.api-token")
    String apiToken;

    @Inject
    @ConfigProperty(name = "tollgate.sandbox.clients-file")
    Optional<String> clientsFile;

    @Inject
    @ConfigProperty(name = "tollgate.sandbox.rate-limit.default", defaultValue = "10000")
    int rateLimitDefault;

    @Inject
    @ConfigProperty(name = "tollgate.sandbox.rate-limit.families")
    Optional<String> rateLimitFamilies;

    @Inject
    @ConfigProperty(name = "tollgate.sandbox.rate-limit.window", defaultValue = "PT1M")
    Duration rateLimitWindow;

    public boolean enabled() {
        return enabled;
    }

    /** The authorization server's issuer, without a trailing slash. */
    public String issuer() {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    public String apiToken() {
        return apiToken;
    }

    /** A file of demo clients that replaces the one packaged in the WAR. */
    public Optional<String> clientsFile() {
        return clientsFile.filter(path -> !path.isBlank());
    }

    /** Requests per window allowed for each endpoint family that has no limit of its own. */
    public int rateLimitDefault() {
        return rateLimitDefault;
    }

    /**
     * Per-family limits, from {@code family=limit} pairs separated by commas (for example
     * {@code logs=120,users/{id}=600}); families are those of {@link RateLimiter#family}.
     */
    public Map<String, Integer> rateLimitOverrides() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String pair : rateLimitFamilies.orElse("").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("tollgate.sandbox.rate-limit.families: '" + pair.trim() + "' is not family=limit");
            }
            try {
                limits.put(pair.substring(0, equals).trim(), Integer.parseInt(pair.substring(equals + 1).trim()));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("tollgate.sandbox.rate-limit.families: '" + pair.trim() + "' has no numeric limit");
            }
        }
        return limits;
    }

    public Duration rateLimitWindow() {
        return rateLimitWindow;
    }
}
