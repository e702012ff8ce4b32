package io.tollgate.operations;

/**
 * The outcome of probing one dependency: reachable, or not and why (a short reason that never
 * holds a credential or a token).
 */
record Probe(boolean up, String reason) {

    static Probe reachable() {
        return new Probe(true, "");
    }

    static Probe unreachable(String reason) {
        return new Probe(false, reason);
    }

    static Probe unreachable(Exception failure) {
        String message = failure.getMessage();
        return unreachable(failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message));
    }

    /** How the probe appears in the readiness answer's data. */
    String describe() {
        return up ? "UP" : "DOWN (" + reason + ")";
    }
}
