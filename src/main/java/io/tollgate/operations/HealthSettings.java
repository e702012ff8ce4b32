package io.tollgate.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** How readiness probes its dependencies ({@code tollgate.health.*}). */
@ApplicationScoped
public class HealthSettings {

    /** Each probe of the database, an issuer or an upstream gives up after this long. */
    @Inject
    @ConfigProperty(name = "tollgate.health.timeout", defaultValue = "PT2S")
    Duration timeout;

    /** A probe's result is reused this long, so frequent readiness polls do not hammer the IdP or the upstreams. */
    @Inject
    @ConfigProperty(name = "tollgate.health.cache", defaultValue = "PT10S")
    Duration cache;

    public Duration timeout() {
        return timeout;
    }

    public Duration cache() {
        return cache;
    }
}
