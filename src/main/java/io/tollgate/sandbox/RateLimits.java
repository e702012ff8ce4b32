package io.tollgate.sandbox;

import io.tollgate.okta.OktaError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * Okta's rate-limit and request-id headers on every sandbox answer: {@code X-Rate-Limit-Limit},
 * {@code -Remaining} and {@code -Reset} of the request's endpoint family, and an
 * {@code X-Okta-Request-Id}. A request over its family's limit is answered 429 {@code E0000047}
 * before anything else happens, as Okta does.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimits implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = RateLimits.class.getName() + ".decision";
    private static final String REQUEST_ID = RateLimits.class.getName() + ".requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SandboxSettings settings;

    private volatile RateLimiter limiter;

    @Override
    public void filter(ContainerRequestContext request) {
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        request.setProperty(REQUEST_ID, Base64.getUrlEncoder().withoutPadding().encodeToString(id));
        if (!settings.enabled()) {
            return;
        }
        RateLimiter.Decision decision = limiter().take(RateLimiter.family(SandboxErrors.relativePath(request.getUriInfo())));
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            request.abortWith(SandboxErrors.response(OktaError.of(429, OktaError.RATE_LIMITED, "API call exceeded rate limit due to too many requests.")));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(REQUEST_ID);
        if (requestId != null) {
            response.getHeaders().putSingle("X-Okta-Request-Id", requestId);
        }
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision) {
            response.getHeaders().putSingle("X-Rate-Limit-Limit", decision.limit());
            response.getHeaders().putSingle("X-Rate-Limit-Remaining", decision.remaining());
            response.getHeaders().putSingle("X-Rate-Limit-Reset", decision.resetEpochSecond());
        }
    }

    private RateLimiter limiter() {
        RateLimiter current = limiter;
        if (current == null) {
            synchronized (this) {
                if (limiter == null) {
                    limiter = new RateLimiter(settings.rateLimitDefault(), settings.rateLimitOverrides(),
                            settings.rateLimitWindow(), Clock.systemUTC());
                }
                current = limiter;
            }
        }
        return current;
    }
}
