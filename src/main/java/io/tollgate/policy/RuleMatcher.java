package io.tollgate.policy;

import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.catalog.Operation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rule compiled for evaluation: every condition is resolved (globs and scopes to operationIds),
 * parsed (path patterns, pointers) and compiled (regular expressions) when the policy loads. A
 * condition that is {@code null} or empty is not part of the rule.
 *
 * @param position     the rule's index in the document; decisions list rules in this order
 * @param identity     claim name to accepted values; every claim must have one of its values
 * @param operationIds the operations the rule is about (okta connections), or {@code null} for any
 * @param methods      or {@code null} for any
 * @param paths        or {@code null} for any
 * @param query        parameter name to its condition; all must hold
 * @param body         all must hold
 */
record RuleMatcher(int position, PolicyRule rule, Map<String, Set<String>> identity, Set<String> operationIds,
                   Set<String> methods, List<PathPattern> paths, Map<String, ValueCondition> query,
                   List<BodyPredicate> body) {

    /** A condition on the value a JSON Pointer designates in the request body. */
    record BodyPredicate(JsonPointer pointer, ValueCondition condition) {
    }

    /** Whether this rule names the method and path itself, so that it may match requests that are no known operation. */
    boolean namesMethodAndPath() {
        return operationIds == null && methods != null && paths != null;
    }

    /** Whether the rule matches regardless of path, query and body: true of every request of its operations. */
    boolean matchesWholeOperations() {
        return paths == null && query.isEmpty() && body.isEmpty();
    }

    /* Loops rather than streams: this runs for every candidate rule of every request (see PolicyDecisionBenchmark). */
    boolean matchesIdentity(IdentityClaims claims) {
        for (Map.Entry<String, Set<String>> claim : identity.entrySet()) {
            if (!containsAny(claim.getValue(), claims.get(claim.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAny(Set<String> accepted, List<String> values) {
        for (String value : values) {
            if (accepted.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Operation, method and path; the query and body are judged apart, since they can make a request
     * ambiguous. Which rules may match a request that is no known operation is the index's business.
     */
    boolean matchesTarget(Optional<Operation> operation, String method, String[] segments) {
        if (operationIds != null && (operation.isEmpty() || !operationIds.contains(operation.get().operationId()))) {
            return false;
        }
        if (methods != null && !methods.contains(method)) {
            return false;
        }
        if (paths == null) {
            return true;
        }
        for (PathPattern path : paths) {
            if (path.matches(segments)) {
                return true;
            }
        }
        return false;
    }
}
