package io.tollgate.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the proxy does, as MicroProfile Metrics scraped at {@code /metrics} (Prometheus text). Tag
 * values come only from Tollgate's configuration and Okta's operation catalog, never from what an
 * agent typed, so the number of series stays bounded whatever is sent to the proxy.
 */
@ApplicationScoped
public class ProxyMetrics {

    /** The tag value when a request was refused before it named a known connection, operation or decision. */
    public static final String NONE = "none";

    static final String REQUESTS = "tollgate.proxy.requests";
    static final String PROXY_DURATION = "tollgate.proxy.duration";
    static final String UPSTREAM_DURATION = "tollgate.upstream.duration";
    static final String RATE_LIMIT_REMAINING = "tollgate.upstream.rate.limit.remaining";
    static final String MASKED_VALUES = "tollgate.masking.values";

    private static final Metadata REQUESTS_METADATA = Metadata.builder().withName(REQUESTS)
            .withDescription("Requests answered by the proxy, by connection, resolved operation and policy decision").build();
    private static final Metadata PROXY_DURATION_METADATA = Metadata.builder().withName(PROXY_DURATION)
            .withDescription("Time from receiving an agent's request to having answered it").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata UPSTREAM_DURATION_METADATA = Metadata.builder().withName(UPSTREAM_DURATION)
            .withDescription("Time the upstream took to answer with its status and headers").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata RATE_LIMIT_METADATA = Metadata.builder().withName(RATE_LIMIT_REMAINING)
            .withDescription("The upstream's X-Rate-Limit-Remaining on its latest answer, per connection").build();
    private static final Metadata MASKED_VALUES_METADATA = Metadata.builder().withName(MASKED_VALUES)
            .withDescription("Values masked in proxied bodies, by connection and masking rule").build();

    @Inject
    MetricRegistry registry;

    /** The latest remaining budget per connection; the gauges read these holders at scrape time. */
    private final Map<String, AtomicLong> rateLimitRemaining = new ConcurrentHashMap<>();

    /*
     * The metrics each request updates, looked up in the registry once per series: a registry lookup
     * builds and hashes a sorted metric id of all its tags, several times per request otherwise.
     */
    private final Map<RequestSeries, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> proxyDurations = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreamDurations = new ConcurrentHashMap<>();

    private record RequestSeries(String connection, String operation, String decision) {
    }

    /** One answered proxy request (forwarded or refused). */
    public void answered(String connection, String operation, String decision, Duration elapsed) {
        requests.computeIfAbsent(new RequestSeries(connection, operation, decision), series -> registry.counter(REQUESTS_METADATA,
                new Tag("connection", series.connection()), new Tag("operation", series.operation()),
                new Tag("decision", series.decision()))).inc();
        proxyDurations.computeIfAbsent(connection, name -> registry.timer(PROXY_DURATION_METADATA, new Tag("connection", name)))
                .update(elapsed);
    }

    /** The upstream answered (status and headers) after {@code elapsed}; {@code rateLimitRemaining} is its header, if sent. */
    public void upstreamAnswered(String connection, Duration elapsed, String rateLimitRemainingHeader) {
        upstreamDurations.computeIfAbsent(connection, name -> registry.timer(UPSTREAM_DURATION_METADATA, new Tag("connection", name)))
                .update(elapsed);
        if (rateLimitRemainingHeader == null) {
            return;
        }
        long remaining;
        try {
            remaining = Long.parseLong(rateLimitRemainingHeader.trim());
        } catch (NumberFormatException notANumber) {
            return;
        }
        rateLimitRemaining.computeIfAbsent(connection, name -> {
            AtomicLong holder = new AtomicLong();
            registry.gauge(RATE_LIMIT_METADATA, holder, AtomicLong::get, new Tag("connection", name));
            return holder;
        }).set(remaining);
    }

    /** Values masked in one answered exchange, per masking rule. */
    public void masked(String connection, Map<String, Long> countsByRule) {
        countsByRule.forEach((rule, count) -> registry.counter(MASKED_VALUES_METADATA,
                new Tag("connection", connection), new Tag("rule", rule)).inc(count));
    }
}
