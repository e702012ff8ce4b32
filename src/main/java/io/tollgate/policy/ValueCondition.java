package io.tollgate.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A test on one value, as a query or body condition states it: {@code equals} one value, {@code in}
 * a list of values, or {@code matches} a regular expression (over the whole string, Java syntax).
 * Values are strings, {@link BigDecimal} numbers (equal when numerically equal: {@code 1} and
 * {@code 1.0}), booleans or {@link JsonBody#NULL}; a regular expression only ever matches strings.
 */
final class ValueCondition {

    /*
     * Regular expressions are the operator's, the text is the agent's: a pattern with nested
     * quantifiers can take exponential time on a crafted value. Every character the matcher reads is
     * counted, and past this budget the value counts as uninspectable (the request is denied)
     * rather than holding a server thread.
     */
    private static final long BASE_REGEX_BUDGET = 100_000;
    private static final long REGEX_BUDGET_PER_CHAR = 100;

    private final List<Object> expected;
    private final Pattern pattern;

    private ValueCondition(List<Object> expected, Pattern pattern) {
        this.expected = expected;
        this.pattern = pattern;
    }

    static ValueCondition in(List<Object> values) {
        return new ValueCondition(List.copyOf(values), null);
    }

    static ValueCondition matching(Pattern pattern) {
        return new ValueCondition(List.of(), pattern);
    }

    /** @throws UninspectableException when matching the value against the regular expression costs too much */
    boolean test(Object value) throws UninspectableException {
        if (pattern != null) {
            return value instanceof String text && matchesWithinBudget(text);
        }
        for (Object candidate : expected) {
            if (same(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof BigDecimal number && actual instanceof BigDecimal other) {
            return number.compareTo(other) == 0;
        }
        return expected.equals(actual);
    }

    private boolean matchesWithinBudget(String text) throws UninspectableException {
        try {
            return pattern.matcher(new BudgetedText(text, BASE_REGEX_BUDGET + REGEX_BUDGET_PER_CHAR * text.length())).matches();
        } catch (BudgetExceeded e) {
            throw new UninspectableException("a value is too costly to match against /" + pattern.pattern() + "/");
        }
    }

    /** Text that counts the characters read and refuses to be read past a budget. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final long[] remaining;

        BudgetedText(String text, long budget) {
            this(text, new long[]{budget});
        }

        private BudgetedText(String text, long[] remaining) {
            this.text = text;
            this.remaining = remaining;
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), remaining);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }
}
