package io.tollgate.policy;

import io.tollgate.policy.catalog.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which rules can possibly match a request, found without looking at them all: rules about
 * operations are filed under each of their operations, the others under each of their methods (or
 * as matching any method). A request's candidates are the union of its few lists, merged in
 * document order, so that a policy of thousands of rules judges only the handful that concern the
 * request's operation and method.
 */
final class RuleIndex {

    private static final int[] NONE = new int[0];

    private final boolean operationsKnown;
    private final Map<String, int[]> byOperation;
    private final Map<String, int[]> byMethod;
    private final int[] anyMethod;
    private final Map<String, int[]> namingMethodAndPath;

    /**
     * @param operationsKnown whether requests resolve to operations (okta connections): then a
     *                        request that resolves to none can match only rules naming its method and path
     */
    RuleIndex(List<RuleMatcher> rules, boolean operationsKnown, Map<String, Operation> operationsById) {
        this.operationsKnown = operationsKnown;
        Map<String, List<Integer>> operations = new HashMap<>();
        Map<String, List<Integer>> methods = new HashMap<>();
        List<Integer> any = new ArrayList<>();
        Map<String, List<Integer>> explicit = new HashMap<>();
        for (RuleMatcher rule : rules) {
            int position = rule.position();
            if (rule.operationIds() != null) {
                for (String operationId : rule.operationIds()) {
                    Operation operation = operationsById.get(operationId);
                    if (rule.methods() == null || rule.methods().contains(operation.method())) {
                        operations.computeIfAbsent(operationId, id -> new ArrayList<>()).add(position);
                    }
                }
            } else if (rule.methods() != null) {
                for (String method : rule.methods()) {
                    methods.computeIfAbsent(method, m -> new ArrayList<>()).add(position);
                    if (rule.namesMethodAndPath()) {
                        explicit.computeIfAbsent(method, m -> new ArrayList<>()).add(position);
                    }
                }
            } else {
                any.add(position);
            }
        }
        this.byOperation = frozen(operations);
        this.byMethod = frozen(methods);
        this.anyMethod = toArray(any);
        this.namingMethodAndPath = frozen(explicit);
    }

    /** Positions of the rules that may match, ascending. */
    int[] candidates(Optional<Operation> operation, String method) {
        if (operationsKnown && operation.isEmpty()) {
            return namingMethodAndPath.getOrDefault(method, NONE);
        }
        int[] byItsOperation = operation.map(o -> byOperation.getOrDefault(o.operationId(), NONE)).orElse(NONE);
        return merge(merge(byItsOperation, byMethod.getOrDefault(method, NONE)), anyMethod);
    }

    /* Both ascending and disjoint (a rule is filed under operations or methods or neither, never two of them). */
    private static int[] merge(int[] a, int[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        int[] merged = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            merged[k++] = a[i] < b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            merged[k++] = a[i++];
        }
        while (j < b.length) {
            merged[k++] = b[j++];
        }
        return merged;
    }

    private static Map<String, int[]> frozen(Map<String, List<Integer>> lists) {
        Map<String, int[]> arrays = new HashMap<>();
        lists.forEach((key, positions) -> arrays.put(key, toArray(positions)));
        return Map.copyOf(arrays);
    }

    private static int[] toArray(List<Integer> positions) {
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }
}
