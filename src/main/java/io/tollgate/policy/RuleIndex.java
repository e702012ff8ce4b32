package io.tollgate.policy;

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
 * of their methods (or as matching any method). By identity: under each accepted value of one of
 * their identity conditions (the one accepting fewest values), or as matching anyone. A request's
 * candidates come from whichever filing gives fewer (its operation and method, or its claims'
 * values), merged in document order, so that a policy of thousands of rules judges only the
 * handful that concern the request's operation or its agent.
 */
final class RuleIndex {

    private static final int[] NONE = new int[0];

    private final boolean operationsKnown;
    private final List<RuleMatcher> rules;
    private final Map<String, int[]> byOperation;
    private final Map<String, int[]> byMethod;
    private final int[] anyMethod;
    private final Map<String, int[]> namingMethodAndPath;
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

    /** Positions of the rules that may match, ascending. */
    int[] candidates(Optional<Operation> operation, String method, IdentityClaims claims) {
        if (operationsKnown && operation.isEmpty()) {
            return namingMethodAndPath.getOrDefault(method, NONE);
        }
        int[] byItsOperation = operation.map(o -> byOperation.getOrDefault(o.operationId(), NONE)).orElse(NONE);
        int[] byItsMethod = byMethod.getOrDefault(method, NONE);
        List<int[]> byItsClaims = identityLists(claims);
        int identityCount = 0;
        for (int[] list : byItsClaims) {
            identityCount += list.length;
        }
        if (byItsOperation.length + byItsMethod.length + anyMethod.length <= identityCount) {
            return merge(merge(byItsOperation, byItsMethod), anyMethod);
        }
        int[] identified = NONE;
        for (int[] list : byItsClaims) {
            identified = union(identified, list);
        }
        return filedUnderTarget(identified, operation, method);
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

    /** Those of the positions that the target filing gives the request too, so both filings give the same candidates. */
    private int[] filedUnderTarget(int[] positions, Optional<Operation> operation, String method) {
        int[] kept = new int[positions.length];
        int count = 0;
        for (int position : positions) {
            RuleMatcher rule = rules.get(position);
            boolean filed;
            if (rule.operationIds() != null) {
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

    /* Both ascending; a rule filed under several of an agent's values appears once. */
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
        return Arrays.copyOf(merged, k);
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
