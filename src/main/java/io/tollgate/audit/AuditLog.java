package io.tollgate.audit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Appends audit events to this server's hash chain. An event joins the caller's transaction: it
 * is committed with the change it describes, or not at all.
 *
 * <p>Each server writes its own chain (named by {@code tollgate.audit.chain}, by default host,
 * Liberty server name and HTTP port), so servers sharing a database never wait on each other's
 * audit writes; every chain verifies on its own. Appending locks the chain's head row
 * ({@code SELECT ... FOR UPDATE} on PostgreSQL and Derby), which numbers a chain's events without gaps
 * however many threads append.
 */
@ApplicationScoped
public class AuditLog {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    AuditChains chains;

    @Inject
    @ConfigProperty(name = "tollgate.audit.chain")
    Optional<String> configuredChain;

    @Inject
    @ConfigProperty(name = "http.port", defaultValue = "9080")
    String httpPort;

    private String chainName;

    @PostConstruct
    void nameChain() {
        chainName = configuredChain.filter(name -> !name.isBlank()).orElseGet(() ->
                hostName() + "/" + System.getProperty("wlp.server.name", "tollgate") + ":" + httpPort);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public AuditEvent append(String type, String actor, String target, JsonObject details) {
        AuditChain chain = entityManager.find(AuditChain.class, chainName, LockModeType.PESSIMISTIC_WRITE);
        if (chain == null) {
            try {
                chains.start(chainName);
            } catch (RuntimeException startedConcurrently) {
                // Another thread committed the head first; the lookup below finds it. Any other failure leaves it absent.
            }
            chain = entityManager.find(AuditChain.class, chainName, LockModeType.PESSIMISTIC_WRITE);
            if (chain == null) {
                throw new IllegalStateException("Cannot start audit chain " + chainName);
            }
        }
        AuditEvent event = new AuditEvent(chain, Instant.now(), type, actor, target, details.toString());
        chain.advance(event.sequence(), event.hash());
        entityManager.persist(event);
        return event;
    }

    String chainName() {
        return chainName;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
