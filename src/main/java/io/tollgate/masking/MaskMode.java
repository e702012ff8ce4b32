package io.tollgate.masking;

import java.util.Locale;
import java.util.Optional;

/** What a rule puts in place of a sensitive value. */
public enum MaskMode {

    /** The value is replaced by {@value #REDACTED}. */
    REDACT,
    /**
     * Only the last four characters stay ({@code ****4242}), and only when the value is at least
     * eight characters long: a shorter value would be half given away, so it is redacted instead.
     */
    PARTIAL,
    /**
     * A keyed HMAC-SHA256 token ({@code tok_<16 base32 characters>}): the same value always gives
     * the same token on the same connection, so an agent can correlate without seeing the value.
     */
    TOKENIZE;

    public static final String REDACTED = "[REDACTED]";
    static final int PARTIAL_KEPT = 4;
    static final int PARTIAL_MIN_LENGTH = 8;

    String mask(String value, Tokenizer tokenizer) {
        return switch (this) {
            case REDACT -> REDACTED;
            case PARTIAL -> value.length() < PARTIAL_MIN_LENGTH ? REDACTED
                    : "****" + value.substring(value.length() - PARTIAL_KEPT);
            case TOKENIZE -> tokenizer.token(value);
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<MaskMode> of(String word) {
        for (MaskMode mode : values()) {
            if (mode.word().equals(word)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
