package io.tollgate.policy;

import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.catalog.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which rules can possibly match a request, found without looking at them all. Rules are filed
 * twice. By target: rules about operations under each of their operations, the others under each
 * of their methods (or as matching any method), and those naming paths further by the literal
 * segments their patterns start with. By identity: under each accepted value of one of their
 * identity conditions (the one accepting fewest values), or as matching anyone. A request's
 * candidates come from whichever filing gives fewer (its operation, method and path, or its
 * claims' values), in document order, so that a policy of thousands of rules judges only the
 * handful that concern the request or its agent.
 */
final class RuleIndex {

    private static final int[] NONE = new int[0];
    private static final PathFiling NO_PATHS = new PathFiling().frozen();

    private final boolean operationsKnown;
    private final List<RuleMatcher> rules;
    private final Map<String, int[]> byOperation;
    private final Map<String, int[]> byMethod;
    private final Map<String, PathFiling> byMethodAndPath;
    private final int[] anyMethod;
    private final PathFiling anyMethodByPath;
    private final Map<String, Map<String, int[]>> byClaimValue;
    private final int[] anyIdentity;

    /**
     * @param operationsKnown whether requests resolve to operations (okta connections): then a
     *                        request that resolves to none can match only rules naming its method and path
     */
    RuleIndex(List<RuleMatcher> rules, boolean operationsKnown, Map<String, Operation> operationsById) {
        this.operationsKnown = operationsKnown;
        this.rules = List.copyOf(rules);
        Map<String, List<Integer>> operations = new HashMap<>();
        Map<String, List<Integer>> methods = new HashMap<>();
        Map<String, PathFiling> methodPaths = new HashMap<>();
        List<Integer> any = new ArrayList<>();
        PathFiling anyPaths = new PathFiling();
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
                    if (rule.paths() == null) {
                        methods.computeIfAbsent(method, m -> new ArrayList<>()).add(position);
                    } else {
                        PathFiling filing = methodPaths.computeIfAbsent(method, m -> new PathFiling());
                        rule.paths().forEach(path -> filing.file(path, position));
                    }
                }
            } else if (rule.paths() == null) {
                any.add(position);
            } else {
                rule.paths().forEach(path -> anyPaths.file(path, position));
            }
        }
        this.byOperation = frozen(operations);
        this.byMethod = frozen(methods);
        methodPaths.values().forEach(PathFiling::frozen);
        this.byMethodAndPath = Map.copyOf(methodPaths);
        this.anyMethod = toArray(any);
        this.anyMethodByPath = anyPaths.frozen();

        Map<String, Map<String, List<Integer>>> claimValues = new HashMap<>();
        List<Integer> anyone = new ArrayList<>();
        for (RuleMatcher rule : rules) {
            Optional<Map.Entry<String, Set<String>>> narrowest = rule.identity().entrySet().stream()
                    .min(Comparator.comparingInt((Map.Entry<String, Set<String>> claim) -> claim.getValue().size())
                            .thenComparing(Map.Entry::getKey));
            if (narrowest.isEmpty()) {
                anyone.add(rule.position());
                continue;
            }
            Map<String, List<Integer>> byValue = claimValues.computeIfAbsent(narrowest.get().getKey(), claim -> new HashMap<>());
            for (String value : narrowest.get().getValue()) {
                byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(rule.position());
            }
        }
        Map<String, Map<String, int[]>> frozenClaims = new HashMap<>();
        claimValues.forEach((claim, byValue) -> frozenClaims.put(claim, frozen(byValue)));
        this.byClaimValue = Map.copyOf(frozenClaims);
        this.anyIdentity = toArray(anyone);
    }

    /**
     * Positions of the rules that may match, ascending.
     *
     * @param segments the request's path, as {@link PathPattern#segmentsOf} splits it, or
     *                 {@code null} for the rules that may match the operation on any path
     */
    int[] candidates(Optional<Operation> operation, String method, String[] segments, IdentityClaims claims) {
        List<int[]> byTarget = targetLists(operation, method, segments);
        List<int[]> byIdentity = identityLists(claims);
        if (count(byTarget) <= count(byIdentity)) {
            return unionOf(byTarget);
        }
        return filedUnderTarget(unionOf(byIdentity), operation, method);
    }

    private List<int[]> targetLists(Optional<Operation> operation, String method, String[] segments) {
        List<int[]> lists = new ArrayList<>();
        byMethodAndPath.getOrDefault(method, NO_PATHS).candidates(segments, lists);
        if (operationsKnown && operation.isEmpty()) {
            return lists;
        }
        operation.map(o -> byOperation.get(o.operationId())).ifPresent(lists::add);
        lists.add(byMethod.getOrDefault(method, NONE));
        lists.add(anyMethod);
        anyMethodByPath.candidates(segments, lists);
        return lists;
    }

    /** The lists the agent's claims select: anyone's rules, and those filed under a value the agent has. */
    private List<int[]> identityLists(IdentityClaims claims) {
        List<int[]> lists = new ArrayList<>();
        lists.add(anyIdentity);
        for (Map.Entry<String, Map<String, int[]>> claim : byClaimValue.entrySet()) {
            for (String value : claims.get(claim.getKey())) {
                int[] list = claim.getValue().get(value);
                if (list != null) {
                    lists.add(list);
                }
            }
        }
        return lists;
    }

    /**
     * Those of the positions that the target filing gives for the request's operation and method;
     * paths are left to the rules' own matching, which every candidate goes through.
     */
    private int[] filedUnderTarget(int[] positions, Optional<Operation> operation, String method) {
        int[] kept = new int[positions.length];
        int count = 0;
        for (int position : positions) {
            RuleMatcher rule = rules.get(position);
            boolean filed;
            if (operationsKnown && operation.isEmpty()) {
                filed = rule.namesMethodAndPath() && rule.methods().contains(method);
            } else if (rule.operationIds() != null) {
                filed = operation.isPresent() && rule.operationIds().contains(operation.get().operationId())
                        && (rule.methods() == null || rule.methods().contains(operation.get().method()));
            } else {
                filed = rule.methods() == null || rule.methods().contains(method);
            }
            if (filed) {
                kept[count++] = position;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private static int count(List<int[]> lists) {
        int count = 0;
        for (int[] list : lists) {
            count += list.length;
        }
        return count;
    }

    private static int[] unionOf(List<int[]> lists) {
        int[] union = NONE;
        for (int[] list : lists) {
            union = union(union, list);
        }
        return union;
    }

    /* Both ascending; a rule in both (filed under several of an agent's values or paths) appears once. */
    private static int[] union(int[] a, int[] b) {
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
        while (i < a.length || j < b.length) {
            int next = j == b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            merged[k++] = next;
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
        }
        return k == merged.length ? merged : Arrays.copyOf(merged, k);
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
