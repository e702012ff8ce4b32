package io.tollgate.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A rule of a policy as operators and agents see it: its name, what it decides, and why. What it
 * matches stays inside the compiled {@link Policy}.
 *
 * @param name        unique within the policy
 * @param description for operators; empty when the document gives none
 * @param decision    what the rule says about the requests it matches
 * @param reason      shown to the agent when this rule decides
 * @param approval    present exactly for {@code grant} and {@code approve} rules
 */
public record PolicyRule(String name, String description, Decision decision, String reason,
                         Optional<ApprovalSettings> approval) {

    public PolicyRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(approval, "approval");
    }
}
