package io.tollgate.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
}
