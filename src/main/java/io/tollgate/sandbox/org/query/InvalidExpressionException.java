package io.tollgate.sandbox.org.query;

/** A {@code search} or {@code filter} expression that cannot be parsed or uses what its dialect does not allow. */
public class InvalidExpressionException extends RuntimeException {

    public InvalidExpressionException(String message) {
        super(message);
    }
}
