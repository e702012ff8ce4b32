package io.tollgate.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSONPath selecting values to mask: the root {@code $}, children ({@code .name},
 * {@code ['name']}, {@code [3]}), wildcards ({@code .*}, {@code [*]}) and recursive descent
 * ({@code ..name}, {@code ..*}, {@code ..[*]}). Filters, slices and unions are not supported.
 * <p>
 * A path selects a node and everything inside it: {@code $..password} selects a password object
 * and each value in it, so matching a value asks whether the path selects the value or one of
 * its ancestors.
 */
public final class JsonPath {

    private final String expression;
    private final Segment[] segments;

    private JsonPath(String expression, Segment[] segments) {
        this.expression = expression;
        this.segments = segments;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static JsonPath parse(String expression) {
        return new Parser(expression).parse();
    }

    /** Whether this path selects the value at {@code steps} or a container around it. */
    boolean selects(PathSteps steps) {
        return match(0, 0, steps);
    }

    private boolean match(int segment, int step, PathSteps steps) {
        if (segment == segments.length) {
            return true;
        }
        Segment current = segments[segment];
        if (current.descendant()) {
            for (int k = step; k < steps.depth(); k++) {
                if (current.accepts(steps, k) && match(segment + 1, k + 1, steps)) {
                    return true;
                }
            }
            return false;
        }
        return step < steps.depth() && current.accepts(steps, step) && match(segment + 1, step + 1, steps);
    }

    @Override
    public String toString() {
        return expression;
    }

    /** One step of the path: a member name, an index, or any child ({@code name} and {@code index} unset). */
    private record Segment(boolean descendant, String name, int index) {

        static final int ANY_INDEX = -1;

        boolean accepts(PathSteps steps, int i) {
            if (name != null) {
                return name.equals(steps.name(i));
            }
            return index == ANY_INDEX || (steps.name(i) == null && steps.index(i) == index);
        }
    }

    private static final class Parser {

        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        JsonPath parse() {
            if (!text.startsWith("$")) {
                throw problem("a path starts with $");
            }
            at = 1;
            List<Segment> segments = new ArrayList<>();
            while (at < text.length()) {
                if (text.startsWith("..", at)) {
                    at += 2;
                    segments.add(text.startsWith("[", at) ? bracket(true) : dotted(true));
                } else if (text.charAt(at) == '.') {
                    at++;
                    segments.add(dotted(false));
                } else if (text.charAt(at) == '[') {
                    segments.add(bracket(false));
                } else {
                    throw problem("expected . or [");
                }
            }
            return new JsonPath(text, segments.toArray(Segment[]::new));
        }

        private Segment dotted(boolean descendant) {
            if (text.startsWith("*", at)) {
                at++;
                return new Segment(descendant, null, Segment.ANY_INDEX);
            }
            int start = at;
            while (at < text.length() && isNameChar(text.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw problem("expected a member name or *");
            }
            return new Segment(descendant, text.substring(start, at), Segment.ANY_INDEX);
        }

        private Segment bracket(boolean descendant) {
            at++;
            Segment segment;
            if (text.startsWith("*]", at)) {
                at += 2;
                return new Segment(descendant, null, Segment.ANY_INDEX);
            }
            if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
                char quote = text.charAt(at);
                int end = text.indexOf(quote, at + 1);
                if (end < 0) {
                    throw problem("unterminated quoted name");
                }
                segment = new Segment(descendant, text.substring(at + 1, end), Segment.ANY_INDEX);
                at = end + 1;
            } else {
                int start = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                if (at == start || at - start > 9) {
                    throw problem("expected *, an index or a quoted name in brackets");
                }
                segment = new Segment(descendant, null, Integer.parseInt(text.substring(start, at)));
            }
            if (!text.startsWith("]", at)) {
                throw problem("expected ]");
            }
            at++;
            return segment;
        }

        private static boolean isNameChar(char c) {
            return c != '.' && c != '[' && c != ']' && c != '*' && c != '\'' && c != '"' && !Character.isWhitespace(c);
        }

        private IllegalArgumentException problem(String what) {
            return new IllegalArgumentException("JSON path '" + text + "' at character " + (at + 1) + ": " + what);
        }
    }
}
