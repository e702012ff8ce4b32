package io.tollgate.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Which tokens Tollgate accepts from agents, from MicroProfile Config. */
@ApplicationScoped
public class IdentitySettings {

    @Inject
    @ConfigProperty(name = "tollgate.identity.issuers")
    Optional<List<String>> issuers;

    @Inject
    @ConfigProperty(name = "tollgate.identity.audiences", defaultValue = "api://default")
    List<String> audiences;

    @Inject
    @ConfigProperty(name = "tollgate.identity.clock-skew", defaultValue = "PT30S")
    Duration clockSkew;

    /** How often an unknown key id may trigger a new fetch of an issuer's keys (guards the IdP). */
    @Inject
    @ConfigProperty(name = "tollgate.identity.jwks-refetch-interval", defaultValue = "PT30S")
    Duration jwksRefetchInterval;

    @Inject
    @ConfigProperty(name = "tollgate.identity.http-timeout", defaultValue = "PT5S")
    Duration httpTimeout;

    /** How long a verified token is taken as verified again without a new signature check; PT0S checks every time. */
    @Inject
    @ConfigProperty(name = "tollgate.identity.verified-token-cache", defaultValue = "PT60S")
    Duration verifiedTokenCache;

    @Inject
    @ConfigProperty(name = "tollgate.identity.verified-token-cache-size", defaultValue = "10000")
    int verifiedTokenCacheSize;

    public List<String> issuers() {
        return issuers.orElse(List.of());
    }

    public List<String> audiences() {
        return audiences;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    public Duration jwksRefetchInterval() {
        return jwksRefetchInterval;
    }

    public Duration httpTimeout() {
        return httpTimeout;
    }

    public Duration verifiedTokenCache() {
        return verifiedTokenCache;
    }

    public int verifiedTokenCacheSize() {
        return verifiedTokenCacheSize;
    }
}
