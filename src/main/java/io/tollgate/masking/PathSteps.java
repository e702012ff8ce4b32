package io.tollgate.masking;

import com.fasterxml.jackson.core.JsonStreamContext;

import java.util.Arrays;

/**
 * Where a value sits in a JSON document, from the root down: member names and array indexes.
 * One instance is refilled for every value of a stream, so walking a huge document allocates
 * nothing per value.
 */
final class PathSteps {

    private String[] names = new String[16];
    private int[] indexes = new int[16];
    private int depth;

    /** The steps to the value the parser is at, whose enclosing container is {@code context}. */
    PathSteps at(JsonStreamContext context) {
        int count = 0;
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            count++;
        }
        ensure(count);
        depth = count;
        int i = count - 1;
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent(), i--) {
            names[i] = c.inObject() ? c.getCurrentName() : null;
            indexes[i] = c.inArray() ? c.getCurrentIndex() : -1;
        }
        return this;
    }

    int depth() {
        return depth;
    }

    /** The member name of step {@code i}, or null when the step is an array index. */
    String name(int i) {
        return names[i];
    }

    int index(int i) {
        return indexes[i];
    }

    private void ensure(int count) {
        if (count > names.length) {
            names = Arrays.copyOf(names, count * 2);
            indexes = Arrays.copyOf(indexes, count * 2);
        }
    }
}
