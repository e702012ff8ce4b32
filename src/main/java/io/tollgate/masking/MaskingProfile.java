package io.tollgate.masking;

import io.tollgate.masking.Detector.Match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The masking in force for one connection, compiled: its rules (the operator's first, then the
 * defaults left on), what happens to bodies that are not JSON, and the connection's tokenizer.
 * Immutable and shared by every exchange of the connection; what one exchange masked is counted
 * in that exchange's {@link MaskCounts}.
 */
public final class MaskingProfile {

    /** What non-JSON bodies get unless the document says otherwise, checked after the document's own. */
    static final List<BodyRule> BUILT_IN_BODIES = List.of(
            new BodyRule(MediaRange.parse("text/*"), BodyAction.SCAN),
            new BodyRule(MediaRange.parse("application/xml"), BodyAction.SCAN),
            new BodyRule(MediaRange.parse("*/*+xml"), BodyAction.SCAN),
            new BodyRule(MediaRange.parse("application/x-www-form-urlencoded"), BodyAction.SCAN),
            new BodyRule(MediaRange.parse("application/javascript"), BodyAction.SCAN),
            new BodyRule(MediaRange.parse("*/*"), BodyAction.PASS));

    private static final Comparator<Match> FIRST_THEN_LONGEST = Comparator.comparingInt(Match::start)
            .thenComparing(Comparator.comparingInt(Match::end).reversed());

    private final List<MaskingRule> rules;
    // Arrays: every value of every masked body walks them, and an array is walked without an iterator to allocate.
    private final MaskingRule[] wholeValue;
    private final MaskingRule[] scoped;
    private final MaskingRule[] everywhere;
    private final List<BodyRule> bodies;
    private final Tokenizer tokenizer;

    /** How bodies of a media range are treated. */
    record BodyRule(MediaRange range, BodyAction action) {
    }

    MaskingProfile(List<MaskingRule> rules, List<BodyRule> bodies, Tokenizer tokenizer) {
        this.rules = List.copyOf(rules);
        this.wholeValue = rules.stream().filter(MaskingRule::wholeValue).toArray(MaskingRule[]::new);
        this.scoped = rules.stream().filter(rule -> !rule.wholeValue() && !rule.everywhere()).toArray(MaskingRule[]::new);
        this.everywhere = rules.stream().filter(MaskingRule::everywhere).toArray(MaskingRule[]::new);
        List<BodyRule> all = new ArrayList<>(bodies);
        all.addAll(BUILT_IN_BODIES);
        this.bodies = List.copyOf(all);
        this.tokenizer = tokenizer;
    }

    /** The rules in force, in the order they are tried. */
    public List<MaskingRule> rules() {
        return rules;
    }

    /** False when nothing is masked on this connection: bodies then pass as they come (links still rewritten). */
    public boolean active() {
        return !rules.isEmpty();
    }

    /**
     * How a response body of this type goes to the agent. A body in a content coding (gzip, ...)
     * cannot be read as it streams, so where anything is to be masked it is blocked; Tollgate
     * never asks upstreams for one.
     */
    public BodyMasking response(String contentType, String contentEncoding) {
        String mediaType = mediaType(contentType);
        boolean encoded = contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.strip().equalsIgnoreCase("identity");
        if (encoded) {
            return active() ? BodyMasking.blocked(this, "the body is in content coding " + contentEncoding.strip()
                    + ", which cannot be masked") : BodyMasking.passed(this);
        }
        if (isJson(mediaType)) {
            return BodyMasking.json(this);
        }
        return switch (actionFor(mediaType)) {
            case PASS -> BodyMasking.passed(this);
            case SCAN -> everywhere.length == 0 ? BodyMasking.passed(this) : BodyMasking.scanned(this);
            case BLOCK -> BodyMasking.blocked(this, "bodies of type " + mediaType + " are blocked on this connection");
        };
    }

    /**
     * A request body as it may be recorded: masked as a response of its type would be, never
     * forwarded (the upstream gets what the agent sent). A body cut at the recording cap
     * ({@code truncated}) is masked as far as it goes; a JSON body that cannot be parsed, or one
     * whose type is blocked, is withheld, since what cannot be masked is not recorded.
     */
    public byte[] maskForRecord(String contentType, String contentEncoding, byte[] body, boolean truncated, MaskCounts counts) {
        return response(contentType, contentEncoding).maskForRecord(body, truncated, counts);
    }

    BodyAction actionFor(String mediaType) {
        for (BodyRule rule : bodies) {
            if (rule.range().includes(mediaType)) {
                return rule.action();
            }
        }
        return BodyAction.PASS;
    }

    /** A JSON string value at {@code steps}, masked. */
    String maskString(PathSteps steps, String value, MaskCounts counts) {
        for (MaskingRule rule : wholeValue) {
            if (rule.selects(steps)) {
                counts.add(rule);
                return rule.mode().mask(value, tokenizer);
            }
        }
        List<Match> found = null;
        for (MaskingRule rule : scoped) {
            if (rule.selects(steps)) {
                found = find(rule, value, 0, value.length(), found);
            }
        }
        for (MaskingRule rule : everywhere) {
            found = find(rule, value, 0, value.length(), found);
        }
        if (found == null) {
            return value;
        }
        StringBuilder masked = new StringBuilder(value.length());
        try {
            int end = replace(value, 0, found, masked, counts);
            return masked.append(value, end, value.length()).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
    }

    /**
     * A number or boolean at {@code steps}, given as its JSON text: masked (as a string) when a
     * path rule selects it, otherwise null. Detectors look at strings only.
     */
    String maskScalar(PathSteps steps, String text, MaskCounts counts) {
        for (MaskingRule rule : wholeValue) {
            if (rule.selects(steps)) {
                counts.add(rule);
                return rule.mode().mask(text, tokenizer);
            }
        }
        return null;
    }

    /**
     * Writes {@code text[from, commit)} to {@code out} with every occurrence that starts there
     * masked; an occurrence that starts before {@code commit} and ends after it is written whole.
     *
     * @return where writing stopped: {@code commit}, or the end of an occurrence that straddled it
     */
    int scan(String text, int from, int commit, Appendable out, MaskCounts counts) throws IOException {
        List<Match> found = null;
        for (MaskingRule rule : everywhere) {
            found = find(rule, text, from, commit, found);
        }
        int end = found == null ? from : replace(text, from, found, out, counts);
        int stop = Math.max(end, commit);
        out.append(text, end, stop);
        return stop;
    }

    private static List<Match> find(MaskingRule rule, String text, int from, int to, List<Match> found) {
        return rule.detector().orElseThrow().find(text, from, to, rule, found);
    }

    /** Writes text from {@code from} with the matches replaced; overlapping ones yield to the earliest, then longest. */
    private int replace(String text, int from, List<Match> found, Appendable out, MaskCounts counts) throws IOException {
        found.sort(FIRST_THEN_LONGEST);
        int position = from;
        for (Match match : found) {
            if (match.start() < position) {
                continue;
            }
            out.append(text, position, match.start());
            out.append(match.rule().mode().mask(text.substring(match.start(), match.end()), tokenizer));
            counts.add(match.rule());
            position = match.end();
        }
        return position;
    }

    static String mediaType(String contentType) {
        return contentType == null ? "application/octet-stream"
                : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }
}
