package io.tollgate.policy;

import io.tollgate.policy.catalog.Operation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy decided about one request, and why: enough for the proxy to act on and for the
 * explain endpoint to show.
 *
 * @param decision      what happens to the request; {@link Decision#GRANT} means it passes only
 *                      under an active grant covering {@code operation}, {@link Decision#APPROVE}
 *                      only once a person approved it (settings in {@code decidingRule})
 * @param basis         what the decision rests on
 * @param operation     the operation the request resolved to (always empty on {@code http} connections)
 * @param decidingRule  the rule whose decision this is: the first, in document order, of the most
 *                      restrictive matching rules; empty unless {@code basis} is {@link Basis#RULE}
 * @param reason        for the agent: the deciding rule's reason, or why no rule could decide
 * @param matchedRules  every rule that matched, in document order (empty when the request was
 *                      refused as ambiguous or uninspectable before all rules could be judged)
 * @param bodyInspected whether some rule needed the body, so that it was read
 */
public record PolicyDecision(Decision decision, Basis basis, Optional<Operation> operation,
                             Optional<PolicyRule> decidingRule, String reason, List<PolicyRule> matchedRules,
                             boolean bodyInspected) {

    /** What a decision rests on. */
    public enum Basis {
        /** A rule matched and decided. */
        RULE,
        /** No rule matched: denied by default. */
        NO_MATCHING_RULE,
        /** On an {@code okta} connection, the request is no operation of the API and no rule names its method and path. */
        UNKNOWN_OPERATION,
        /** The request can be read two ways where a rule looks (a duplicate JSON key, a repeated query parameter): denied. */
        AMBIGUOUS_REQUEST,
        /** A rule needs what cannot be inspected (a body over the caller's limit, a value too costly to match): denied. */
        UNINSPECTABLE_REQUEST
    }

    public PolicyDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(decidingRule, "decidingRule");
        Objects.requireNonNull(reason, "reason");
        matchedRules = List.copyOf(matchedRules);
        if (decidingRule.isPresent() != (basis == Basis.RULE)) {
            throw new IllegalArgumentException("A deciding rule goes with basis RULE, and only with it");
        }
        if (basis != Basis.RULE && decision != Decision.DENY) {
            throw new IllegalArgumentException("Without a deciding rule the decision is deny");
        }
    }

    /** The deciding rule's approval settings, for {@code grant} and {@code approve} decisions. */
    public Optional<ApprovalSettings> approval() {
        return decidingRule.flatMap(PolicyRule::approval);
    }
}
