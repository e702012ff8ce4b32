package io.tollgate.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds sensitive values inside text: a precompiled pattern, a cheap pre-check that rules most
 * strings out before the pattern runs, and where the format has one, a checksum (Luhn, IBAN's
 * mod 97) that turns away look-alikes.
 */
public final class Detector {

    private final String name;
    private final Pattern pattern;
    private final Predicate<String> mayContain;
    private final Predicate<String> valid;

    Detector(String name, Pattern pattern, Predicate<String> mayContain, Predicate<String> valid) {
        this.name = name;
        this.pattern = pattern;
        this.mayContain = mayContain;
        this.valid = valid;
    }

    public String name() {
        return name;
    }

    /**
     * Adds to {@code found} every valid occurrence that starts in {@code [from, to)} of
     * {@code text}. Characters before {@code from} and from {@code to} on are still seen by
     * look-behind and look-ahead, so a stream scanned window by window finds what a whole scan finds.
     *
     * @param found what other detectors found in the same text, or null while nothing was
     * @return {@code found} with this detector's occurrences added; a new list if it was null and
     *         there are some (most strings hold none, and then no list is made for them)
     */
    List<Match> find(String text, int from, int to, MaskingRule rule, List<Match> found) {
        if (!mayContain.test(text)) {
            return found;
        }
        List<Match> all = found;
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        matcher.region(from, text.length());
        while (matcher.find() && matcher.start() < to) {
            if (matcher.end() > matcher.start() && valid.test(matcher.group())) {
                if (all == null) {
                    all = new ArrayList<>(2);
                }
                all.add(new Match(matcher.start(), matcher.end(), rule));
            }
        }
        return all;
    }

    /** One occurrence of a detector's pattern, to be masked by {@code rule}. */
    record Match(int start, int end, MaskingRule rule) {
    }
}
