package io.tollgate.policy;

import java.util.List;

/** A policy document was refused; the problems name lines and fields. Nothing was stored. */
public class InvalidPolicyException extends RuntimeException {

    private final transient List<PolicyProblem> problems;

    public InvalidPolicyException(PolicyValidationException cause) {
        super(cause.getMessage(), cause);
        this.problems = cause.problems();
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
