package io.tollgate.sandbox;

import io.tollgate.sandbox.org.Directory;
import io.tollgate.sandbox.org.DirectorySeed;
import io.tollgate.sandbox.org.OktaIds;
import io.tollgate.sandbox.org.Org;
import io.tollgate.sandbox.state.SandboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Random;
import java.util.logging.Logger;

/**
 * The sandbox org's life: read back from Tollgate's database when the sandbox starts, seeded with
 * the demo people only when the database holds no sandbox state, and reset on demand.
 */
@ApplicationScoped
public class SandboxOrg {

    private static final Logger LOG = Logger.getLogger(SandboxOrg.class.getName());

    @Inject
    SandboxStore store;

    private Org org;

    /** The org, made and restored on first use (the sandbox makes it as the application starts). */
    public synchronized Org org() {
        if (org == null) {
            Org made = new Org(new Directory(Clock.systemUTC(), new OktaIds(new Random(DirectorySeed.SEED)), store));
            if (store.isEmpty()) {
                made.seed();
                LOG.info("Okta sandbox: seeded a new org with " + DirectorySeed.USER_COUNT + " demo users");
            } else {
                store.load(made::restore);
                LOG.info("Okta sandbox: restored the org from the database");
            }
            org = made;
        }
        return org;
    }

    /** Forgets every change: the database's sandbox state and the org in memory, then seeds anew. */
    public synchronized void reset() {
        Org current = org();
        store.clear();
        current.clear();
        current.seed();
        LOG.info("Okta sandbox: reset to the seeded org");
    }
}
