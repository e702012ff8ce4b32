package io.tollgate.masking;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many values each rule masked in one exchange (request body for the record, and the
 * response), by rule name: what the exchange record stores. Never holds a masked value.
 */
public final class MaskCounts {

    private final Map<String, Long> byRule = new TreeMap<>();

    synchronized void add(MaskingRule rule) {
        byRule.merge(rule.name(), 1L, Long::sum);
    }

    /** A snapshot, by rule name in alphabetical order. */
    public synchronized Map<String, Long> byRule() {
        return byRule.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(byRule));
    }

    public synchronized boolean isEmpty() {
        return byRule.isEmpty();
    }

    @Override
    public synchronized String toString() {
        return byRule.toString();
    }
}
