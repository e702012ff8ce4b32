package io.tollgate.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules filed by the literal segments their path patterns start with, in a tree of segments: a
 * path's candidates are the rules filed at each node along its own segments, so a request looks
 * at the rules whose patterns could match its path instead of every rule that names a path.
 */
final class PathFiling {

    private final Node root = new Node();
    private final List<Integer> everyFiled = new ArrayList<>();
    private int[] all;

    private static final class Node {
        private final Map<String, Node> children = new HashMap<>();
        private final List<Integer> filed = new ArrayList<>();
        private int[] positions;
    }

    void file(PathPattern pattern, int position) {
        Node node = root;
        for (String segment : pattern.literalPrefix()) {
            node = node.children.computeIfAbsent(segment, s -> new Node());
        }
        if (node.filed.isEmpty() || node.filed.get(node.filed.size() - 1) != position) {
            node.filed.add(position);
        }
        if (everyFiled.isEmpty() || everyFiled.get(everyFiled.size() - 1) != position) {
            everyFiled.add(position);
        }
    }

    /** Ends the filing: from here on, only {@link #candidates} is called (from any thread). */
    PathFiling frozen() {
        freeze(root);
        all = everyFiled.stream().mapToInt(Integer::intValue).toArray();
        return this;
    }

    private static void freeze(Node node) {
        node.positions = node.filed.stream().mapToInt(Integer::intValue).toArray();
        node.children.values().forEach(PathFiling::freeze);
    }

    /**
     * Adds the lists of rules along the path's segments, each ascending.
     *
     * @param segments {@code null} for any path: then every rule filed here
     */
    void candidates(String[] segments, List<int[]> lists) {
        if (segments == null) {
            lists.add(all);
            return;
        }
        Node node = root;
        int depth = 0;
        while (true) {
            if (node.positions.length > 0) {
                lists.add(node.positions);
            }
            if (depth == segments.length) {
                return;
            }
            node = node.children.get(segments[depth++]);
            if (node == null) {
                return;
            }
        }
    }
}
