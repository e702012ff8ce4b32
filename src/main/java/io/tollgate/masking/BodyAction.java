package io.tollgate.masking;

import java.util.Locale;
import java.util.Optional;

/** What happens to a body that is not JSON. */
public enum BodyAction {

    /** Passed on untouched. */
    PASS,
    /** Read as text and scanned by the connection's detectors as it streams. */
    SCAN,
    /** Not passed on at all: the agent gets an Okta-shaped 502 instead. */
    BLOCK;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<BodyAction> of(String word) {
        for (BodyAction action : values()) {
            if (action.word().equals(word)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
