package io.tollgate.sandbox.org.query;

import java.util.Locale;
import java.util.Optional;

/** The comparison operators of Okta's filter and search expressions (operators are case-insensitive). */
public enum Operator {
    EQ, SW, CO, GT, GE, LT, LE,
    /** Present: the attribute exists and is not null. Takes no value. */
    PR;

    static Optional<Operator> parse(String word) {
        try {
            return Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notAnOperator) {
            return Optional.empty();
        }
    }

    boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
