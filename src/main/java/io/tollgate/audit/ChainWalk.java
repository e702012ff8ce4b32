package io.tollgate.audit;

import java.util.Optional;

/**
 * Walks one chain's events in sequence order and remembers the first broken link: a gap in the
 * numbering (an event deleted), a predecessor hash that does not match (reordered, replaced or
 * inserted), content that does not match its hash (altered), or a head ahead of the last event
 * (events removed from the end). A chain purged by retention starts after its signed checkpoint.
 */
final class ChainWalk {

    private final String chain;
    private long expectedSequence;
    private String expectedPreviousHash;
    private long checked;
    private BrokenLink firstProblem;

    private ChainWalk(String chain, long expectedSequence, String expectedPreviousHash) {
        this.chain = chain;
        this.expectedSequence = expectedSequence;
        this.expectedPreviousHash = expectedPreviousHash;
    }

    static ChainWalk fromGenesis(String chain) {
        return new ChainWalk(chain, 1, AuditChain.GENESIS_HASH);
    }

    /** After a verified checkpoint: the first remaining event must follow the last purged one. */
    static ChainWalk after(AuditCheckpoint checkpoint) {
        return new ChainWalk(checkpoint.chain(), checkpoint.sequence() + 1, checkpoint.hash());
    }

    static ChainWalk forgedCheckpoint(AuditCheckpoint checkpoint) {
        ChainWalk walk = after(checkpoint);
        walk.firstProblem = new BrokenLink(checkpoint.chain(), checkpoint.sequence(), null,
                "the retention checkpoint's signature does not verify: its starting point may be forged");
        return walk;
    }

    void check(AuditEvent event) {
        checked++;
        if (firstProblem == null) {
            if (event.sequence() != expectedSequence) {
                firstProblem = new BrokenLink(chain, expectedSequence, null,
                        "event " + expectedSequence + " is missing (next present: " + event.sequence() + ")");
            } else if (!event.previousHash().equals(expectedPreviousHash)) {
                firstProblem = new BrokenLink(chain, event.sequence(), event.id(),
                        "does not follow its predecessor (previous hash mismatch): reordered, replaced or inserted");
            } else if (!event.computeHash().equals(event.hash())) {
                firstProblem = new BrokenLink(chain, event.sequence(), event.id(),
                        "content does not match its hash: the event was altered");
            }
        }
        expectedSequence = event.sequence() + 1;
        expectedPreviousHash = event.hash();
    }

    /** The first broken link, once every event was checked against the chain's head. */
    Optional<BrokenLink> result(AuditChain head) {
        if (firstProblem != null) {
            return Optional.of(firstProblem);
        }
        if (head.lastSequence() != expectedSequence - 1 || !head.lastHash().equals(expectedPreviousHash)) {
            return Optional.of(new BrokenLink(chain, head.lastSequence(), null, "the chain ends at event "
                    + (expectedSequence - 1) + " but its head records event " + head.lastSequence()
                    + ": events were removed from its end"));
        }
        return Optional.empty();
    }

    long checked() {
        return checked;
    }
}
