package io.tollgate.access.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import java.io.Serializable;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Persistent, programmatic EJB timers, one per pending request and per grant, due at its expiry.
 * They are created in the transaction that creates what they expire (and vanish if it rolls back),
 * live in the database, survive restarts and fire late rather than never; on a shared database
 * any server may fire them. A timer only triggers the check: whether something is still due is
 * decided against the database when it fires.
 */
@Stateless
public class ExpiryTimers {

    private static final Logger LOG = Logger.getLogger(ExpiryTimers.class.getName());

    enum Kind { ACCESS_REQUEST, GRANT }

    record Due(Kind kind, String id) implements Serializable {
    }

    @Resource
    TimerService timers;

    @Inject
    AccessRequests accessRequests;

    @Inject
    Grants grants;

    public void expireAccessRequest(String id, Instant at) {
        schedule(new Due(Kind.ACCESS_REQUEST, id), at);
    }

    public void expireGrant(String id, Instant at) {
        schedule(new Due(Kind.GRANT, id), at);
    }

    private void schedule(Due due, Instant at) {
        TimerConfig config = new TimerConfig(due.kind() + ":" + due.id(), true);
        timers.createSingleActionTimer(Date.from(at), config);
    }

    @Timeout
    void fire(Timer timer) {
        String info = (String) timer.getInfo();
        int colon = info.indexOf(':');
        Kind kind = Kind.valueOf(info.substring(0, colon));
        String id = info.substring(colon + 1);
        try {
            switch (kind) {
                case ACCESS_REQUEST -> accessRequests.expire(id);
                case GRANT -> grants.expire(id);
            }
        } catch (RuntimeException e) {
            // Rethrowing makes the container retry the timer, which is what a failed expiry needs.
            LOG.log(Level.WARNING, "Expiry of " + info + " failed; the timer will retry", e);
            throw e;
        }
    }
}
