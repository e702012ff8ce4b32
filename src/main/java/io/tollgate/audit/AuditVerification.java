package io.tollgate.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Re-walks every chain of the audit log (see {@link ChainWalk}) and names the first broken link of each. */
@ApplicationScoped
public class AuditVerification {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    CheckpointSigner signer;

    public record Result(boolean intact, long eventsChecked, List<String> chains, List<BrokenLink> brokenLinks) {
    }

    public Result verify() {
        List<AuditChain> chains = entityManager.createQuery("SELECT c FROM AuditChain c ORDER BY c.name", AuditChain.class)
                .getResultList();
        long checked = 0;
        List<BrokenLink> broken = new ArrayList<>();
        for (AuditChain chain : chains) {
            AuditCheckpoint checkpoint = entityManager.find(AuditCheckpoint.class, chain.name());
            ChainWalk walk = checkpoint == null ? ChainWalk.fromGenesis(chain.name())
                    : signer.verify(checkpoint) ? ChainWalk.after(checkpoint) : ChainWalk.forgedCheckpoint(checkpoint);
            // Up to the head as read above: an event appended since then belongs to a later verification, not to a
            // head "behind" its chain. An event beyond its head proves nothing either way: the head is the authority.
            try (Stream<AuditEvent> events = entityManager.createQuery(
                            "SELECT e FROM AuditEvent e WHERE e.chain = :chain AND e.sequence <= :last ORDER BY e.sequence",
                            AuditEvent.class)
                    .setParameter("chain", chain.name()).setParameter("last", chain.lastSequence()).getResultStream()) {
                events.forEach(walk::check);
            }
            checked += walk.checked();
            walk.result(chain).ifPresent(broken::add);
        }
        return new Result(broken.isEmpty(), checked, chains.stream().map(AuditChain::name).toList(), broken);
    }
}
