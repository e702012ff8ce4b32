package io.tollgate.masking;

import java.util.List;
import java.util.Optional;

/**
 * One masking rule: where it looks (JSON paths; none means every string value, and text bodies
 * that are scanned), what it looks for (a detector; none means the whole value the paths select)
 * and what it puts in place of what it finds.
 */
public record MaskingRule(String name, List<JsonPath> paths, Optional<Detector> detector, MaskMode mode) {

    public MaskingRule {
        paths = List.copyOf(paths);
        if (paths.isEmpty() && detector.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " needs paths, a detector, or both");
        }
    }

    /** Masks whole values: a rule with paths and no detector. */
    boolean wholeValue() {
        return detector.isEmpty();
    }

    /** Looks for its detector in every string, wherever it is (and in scanned text bodies). */
    boolean everywhere() {
        return paths.isEmpty();
    }

    boolean selects(PathSteps steps) {
        // Asked for every value of every masked body: an index walks the paths without an iterator to allocate.
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).selects(steps)) {
                return true;
            }
        }
        return false;
    }
}
