package io.tollgate.operations;

import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.AccessRequestStatus;
import io.tollgate.access.entity.GrantStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Just-in-time access as metrics: pending access requests and active grants (counted in the shared
 * database at scrape time, so every server reports the same numbers), and how long people take to
 * decide a request.
 */
@ApplicationScoped
public class AccessMetrics {

    static final String PENDING_REQUESTS = "tollgate.access.requests.pending";
    static final String ACTIVE_GRANTS = "tollgate.grants.active";
    static final String DECISION_DURATION = "tollgate.access.decision.duration";

    private static final Metadata DECISION_DURATION_METADATA = Metadata.builder().withName(DECISION_DURATION)
            .withDescription("Time from filing an access request to its approval or denial by people")
            .withUnit(MetricUnits.SECONDS).build();

    @Inject
    MetricRegistry registry;

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    /** Scrapes run on the metrics endpoint's threads; the counts need this application's context there. */
    @Resource
    ContextService contextService;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName(PENDING_REQUESTS)
                        .withDescription("Access requests awaiting a decision").build(),
                inApplicationContext(this::pendingRequests));
        registry.gauge(Metadata.builder().withName(ACTIVE_GRANTS)
                        .withDescription("Grants in force now").build(),
                inApplicationContext(this::activeGrants));
    }

    /** Records the decision time of a request that people just approved or denied. */
    public void decided(AccessRequest request) {
        if (request.decidedAt() == null
                || request.status() != AccessRequestStatus.APPROVED && request.status() != AccessRequestStatus.DENIED) {
            return;
        }
        registry.timer(DECISION_DURATION_METADATA, new Tag("decision", request.status().name().toLowerCase(Locale.ROOT)))
                .update(Duration.between(request.createdAt(), request.decidedAt()));
    }

    Long pendingRequests() {
        return entityManager.createQuery("SELECT COUNT(r) FROM AccessRequest r WHERE r.status = :status", Long.class)
                .setParameter("status", AccessRequestStatus.PENDING).getSingleResult();
    }

    Long activeGrants() {
        return entityManager.createQuery("SELECT COUNT(g) FROM Grant g WHERE g.status = :status AND g.expiresAt > :now", Long.class)
                .setParameter("status", GrantStatus.ACTIVE).setParameter("now", Instant.now()).getSingleResult();
    }

    @SuppressWarnings("unchecked")
    private Supplier<Long> inApplicationContext(Supplier<Long> count) {
        return contextService.contextualSupplier(count);
    }
}
