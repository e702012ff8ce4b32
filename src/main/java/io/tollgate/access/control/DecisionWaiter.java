package io.tollgate.access.control;

import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.AccessRequestStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds a caller (RFC 7240 {@code Prefer: wait}) until an access request is decided or the wait
 * runs out, without holding a thread: the database is checked on a managed scheduler, so a decision
 * taken on any server sharing the database releases the caller.
 */
@ApplicationScoped
public class DecisionWaiter {

    private static final Logger LOG = Logger.getLogger(DecisionWaiter.class.getName());
    private static final long POLL_MILLIS = 250;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AccessRequests accessRequests;

    /** Calls {@code then} once, with the request as stored when it was decided or when {@code wait} ran out. */
    public void whenDecided(String id, Duration wait, Consumer<AccessRequest> then) {
        poll(id, Instant.now().plus(wait), then);
    }

    private void poll(String id, Instant deadline, Consumer<AccessRequest> then) {
        scheduler.schedule(() -> {
            try {
                AccessRequest request = accessRequests.reload(id).orElseThrow();
                if (request.status() != AccessRequestStatus.PENDING || !Instant.now().isBefore(deadline)) {
                    then.accept(request);
                } else {
                    poll(id, deadline, then);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Waiting for access request " + id + " failed", e);
                accessRequests.reload(id).ifPresent(then);
            }
        }, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The wait a {@code Prefer} header asks for, capped; zero when it asks for none. */
    public static Duration requestedWait(String prefer, Duration cap) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        for (String preference : prefer.split(",")) {
            String[] pair = preference.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("wait")) {
                try {
                    long seconds = Long.parseLong(pair[1].trim().replace("\"", ""));
                    Duration asked = Duration.ofSeconds(Math.max(0, seconds));
                    return asked.compareTo(cap) > 0 ? cap : asked;
                } catch (NumberFormatException e) {
                    return Duration.ZERO;
                }
            }
        }
        return Duration.ZERO;
    }
}
