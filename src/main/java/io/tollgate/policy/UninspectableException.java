package io.tollgate.policy;

/** Part of a request that a rule must inspect cannot be inspected: the policy denies rather than guess. */
final class UninspectableException extends Exception {

    private static final long serialVersionUID = 1L;

    UninspectableException(String message) {
        super(message);
    }
}
