package io.tollgate.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A path pattern of a rule, over decoded canonical paths, whole segment by whole segment: a literal
 * segment matches itself exactly (case-sensitive), {@code *} any one non-empty segment, and one
 * {@code **} any number of segments, none included ({@code /api/v1/users/**} matches
 * {@code /api/v1/users} too).
 */
final class PathPattern {

    private static final String ONE = "*";
    private static final String ANY = "**";

    private final String text;
    private final String[] head;
    private final String[] tail;
    private final boolean anyDepth;

    private PathPattern(String text, String[] head, String[] tail, boolean anyDepth) {
        this.text = text;
        this.head = head;
        this.tail = tail;
        this.anyDepth = anyDepth;
    }

    /** @throws IllegalArgumentException saying what is wrong with the pattern */
    static PathPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/'");
        }
        if (text.equals("/")) {
            return new PathPattern(text, new String[]{""}, new String[0], false);
        }
        List<String> head = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        boolean anyDepth = false;
        for (String segment : text.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("a path pattern has no empty, '.' or '..' segments"
                        + " (canonical paths have none; use ** for 'anything below')");
            }
            if (segment.equals(ANY)) {
                if (anyDepth) {
                    throw new IllegalArgumentException("a path pattern has at most one **");
                }
                anyDepth = true;
            } else if (segment.contains("*") && !segment.equals(ONE)) {
                throw new IllegalArgumentException("'*' stands for a whole segment ('/*/' or '/**'), not part of one");
            } else {
                (anyDepth ? tail : head).add(segment);
            }
        }
        return new PathPattern(text, head.toArray(String[]::new), tail.toArray(String[]::new), anyDepth);
    }

    /** @param segments the path's segments, split at every {@code /} after the leading one */
    boolean matches(String[] segments) {
        if (anyDepth ? segments.length < head.length + tail.length : segments.length != head.length) {
            return false;
        }
        for (int i = 0; i < head.length; i++) {
            if (!segmentMatches(head[i], segments[i])) {
                return false;
            }
        }
        int offset = segments.length - tail.length;
        for (int i = 0; i < tail.length; i++) {
            if (!segmentMatches(tail[i], segments[offset + i])) {
                return false;
            }
        }
        return true;
    }

    /** The literal segments the pattern starts with: every path it matches starts with them. */
    List<String> literalPrefix() {
        List<String> prefix = new ArrayList<>();
        for (String segment : head) {
            if (segment.equals(ONE)) {
                break;
            }
            prefix.add(segment);
        }
        return prefix;
    }

    static String[] segmentsOf(String canonicalPath) {
        return canonicalPath.substring(1).split("/", -1);
    }

    private static boolean segmentMatches(String pattern, String segment) {
        return pattern.equals(ONE) ? !segment.isEmpty() : pattern.equals(segment);
    }

    @Override
    public String toString() {
        return text;
    }
}
