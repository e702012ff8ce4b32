package io.tollgate.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Limits of just-in-time access, from MicroProfile Config. */
@ApplicationScoped
public class AccessSettings {

    /** How long a request may wait for its approvals before it expires. */
    @Inject
    @ConfigProperty(name = "tollgate.access.pending-timeout", defaultValue = "PT1H")
    Duration pendingTimeout;

    /** The longest grant anybody can ask for, whatever a policy says. */
    @Inject
    @ConfigProperty(name = "tollgate.access.max-grant-duration", defaultValue = "PT24H")
    Duration maxGrantDuration;

    /** The longest {@code Prefer: wait} honoured, on the API and on the proxy. */
    @Inject
    @ConfigProperty(name = "tollgate.access.max-wait", defaultValue = "PT60S")
    Duration maxWait;

    public Duration pendingTimeout() {
        return pendingTimeout;
    }

    public Duration maxGrantDuration() {
        return maxGrantDuration;
    }

    public Duration maxWait() {
        return maxWait;
    }
}
