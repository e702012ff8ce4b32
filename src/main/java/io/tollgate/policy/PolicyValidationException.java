package io.tollgate.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document was refused; nothing of it takes effect. Lists every problem found, in document order. */
public class PolicyValidationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    public PolicyValidationException(List<PolicyProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A refused policy has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }

    private static String describe(List<PolicyProblem> problems) {
        return "Invalid policy: " + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("; "));
    }
}
