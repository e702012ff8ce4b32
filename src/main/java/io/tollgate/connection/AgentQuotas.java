package io.tollgate.connection;

import io.tollgate.identity.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-agent budgets for the upstream's shared rate limit: one token bucket per connection and agent
 * ({@code iss} and {@code sub}). A connection's own quota applies, else the default quota
 * ({@code tollgate.quota.limit} per {@code tollgate.quota.window}), else none. Buckets live in this
 * server's memory: with several servers, an agent's budget is the quota on each.
 */
@ApplicationScoped
public class AgentQuotas {

    /** Full buckets are forgotten once there are this many, so that past agents cost no memory. */
    private static final int TIDY_ABOVE = 10_000;

    @Inject
    @ConfigProperty(name = "tollgate.quota.limit")
    Optional<Integer> defaultLimit;

    @Inject
    @ConfigProperty(name = "tollgate.quota.window", defaultValue = "PT1M")
    Duration defaultWindow;

    private record Key(String connection, String issuer, String subject, AgentQuota quota) {
    }

    private final Map<Key, TokenBucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes one request from the agent's budget on this connection.
     *
     * @return empty when the request is admitted (always, without a quota), else what the agent is told
     */
    public Optional<QuotaExceeded> spend(Connection connection, AgentIdentity agent) {
        Optional<AgentQuota> quota = connection.quota().or(() -> defaultLimit.map(limit -> new AgentQuota(limit, defaultWindow)));
        if (quota.isEmpty()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (buckets.size() > TIDY_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        Key key = new Key(connection.name(), agent.issuer(), agent.subject(), quota.get());
        TokenBucket.Admission admission = buckets.computeIfAbsent(key, k -> new TokenBucket(k.quota(), now))
                .take(now, System.currentTimeMillis());
        return admission.admitted() ? Optional.empty() : Optional.of(new QuotaExceeded(admission.limit(), admission.resetEpochSecond()));
    }
}
