package io.tollgate.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * What a rule says about a request, from the most permissive to the most restrictive. When several
 * rules match, the most restrictive one decides: {@code deny > approve > grant > allow}.
 */
public enum Decision {
    /** The request passes. */
    ALLOW,
    /** The request passes only under an active just-in-time grant that covers its operation. */
    GRANT,
    /** This one request passes only once a person approved it. */
    APPROVE,
    /** The request never passes. */
    DENY;

    /** The word a policy document uses: {@code allow}, {@code grant}, {@code approve}, {@code deny}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decision a policy document's word names, exactly as written (lower case). */
    public static Optional<Decision> ofWord(String word) {
        for (Decision decision : values()) {
            if (decision.word().equals(word)) {
                return Optional.of(decision);
            }
        }
        return Optional.empty();
    }

    public boolean isMoreRestrictiveThan(Decision other) {
        return compareTo(other) > 0;
    }
}
