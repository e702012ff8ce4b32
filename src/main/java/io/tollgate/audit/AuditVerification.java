package io.tollgate.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Re-walks every chain of the audit log and names the first broken link: an event whose content no
 * longer matches its hash (edited), whose predecessor hash does not match (reordered or replaced),
 * a gap in the numbering (deleted), or a chain head ahead of its last event (truncated).
 */
@ApplicationScoped
public class AuditVerification {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    public record BrokenLink(String chain, long sequence, String eventId, String problem) {
    }

    public record Result(boolean intact, long eventsChecked, List<String> chains, List<BrokenLink> brokenLinks) {
    }

    public Result verify() {
        List<AuditChain> chains = entityManager.createQuery("SELECT c FROM AuditChain c ORDER BY c.name", AuditChain.class)
                .getResultList();
        long checked = 0;
        List<BrokenLink> broken = new ArrayList<>();
        for (AuditChain chain : chains) {
            ChainWalk walk = new ChainWalk(chain.name());
            try (Stream<AuditEvent> events = entityManager.createQuery(
                            "SELECT e FROM AuditEvent e WHERE e.chain = :chain ORDER BY e.sequence", AuditEvent.class)
                    .setParameter("chain", chain.name()).getResultStream()) {
                events.forEach(walk::check);
            }
            checked += walk.checked;
            walk.firstProblem.or(() -> walk.endsAt(chain)).ifPresent(broken::add);
        }
        return new Result(broken.isEmpty(), checked, chains.stream().map(AuditChain::name).toList(), broken);
    }

    private static final class ChainWalk {

        private final String chain;
        private long expectedSequence = 1;
        private String expectedPreviousHash = AuditChain.GENESIS_HASH;
        private long checked;
        private Optional<BrokenLink> firstProblem = Optional.empty();

        ChainWalk(String chain) {
            this.chain = chain;
        }

        void check(AuditEvent event) {
            checked++;
            if (firstProblem.isPresent()) {
                return;
            }
            if (event.sequence() != expectedSequence) {
                firstProblem = Optional.of(new BrokenLink(chain, expectedSequence, null,
                        "event " + expectedSequence + " is missing (next present: " + event.sequence() + ")"));
            } else if (!event.previousHash().equals(expectedPreviousHash)) {
                firstProblem = Optional.of(new BrokenLink(chain, event.sequence(), event.id(),
                        "does not follow its predecessor (previous hash mismatch): reordered, replaced or inserted"));
            } else if (!event.computeHash().equals(event.hash())) {
                firstProblem = Optional.of(new BrokenLink(chain, event.sequence(), event.id(),
                        "content does not match its hash: the event was altered"));
            }
            expectedSequence = event.sequence() + 1;
            expectedPreviousHash = event.hash();
        }

        Optional<BrokenLink> endsAt(AuditChain head) {
            if (head.lastSequence() != expectedSequence - 1 || !head.lastHash().equals(expectedPreviousHash)) {
                return Optional.of(new BrokenLink(chain, head.lastSequence(), null,
                        "the chain ends at event " + (expectedSequence - 1) + " but its head records event "
                                + head.lastSequence() + ": events were removed from its end"));
            }
            return Optional.empty();
        }
    }
}
