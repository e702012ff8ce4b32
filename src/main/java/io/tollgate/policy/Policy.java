package io.tollgate.policy;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.PolicyDecision.Basis;
import io.tollgate.policy.RuleMatcher.BodyPredicate;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.policy.catalog.OperationCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The policy of one connection: its rules, compiled, and the decision they reach for a request.
 * <p>
 * Every rule whose conditions all hold matches; the most restrictive decision among the matching
 * rules wins ({@code deny > approve > grant > allow}), and the first such rule in document order
 * is the deciding one. When no rule matches, the request is denied. On an {@code okta} connection,
 * a request that is no operation of the catalog can match only rules that name both its method and
 * its path. See {@code docs/policy-reference.md}.
 * <p>
 * Instances are immutable and safe to share between threads; evaluation reads the body only when
 * a rule that may still match inspects it.
 */
public final class Policy {

    private final String source;
    private final ConnectionKind kind;
    private final OperationCatalog catalog;
    private final String description;
    private final List<RuleMatcher> matchers;
    private final List<PolicyRule> rules;
    private final RuleIndex index;

    private Policy(String source, ConnectionKind kind, OperationCatalog catalog, PolicyDocumentReader.Document document) {
        this.source = source;
        this.kind = kind;
        this.catalog = catalog;
        this.description = document.description();
        this.matchers = List.copyOf(document.rules());
        this.rules = matchers.stream().map(RuleMatcher::rule).toList();
        this.index = new RuleIndex(matchers, kind == ConnectionKind.OKTA, kind == ConnectionKind.OKTA
                ? catalog.operations().stream().collect(Collectors.toMap(Operation::operationId, Function.identity()))
                : Map.of());
    }

    /**
     * Reads and validates a policy document.
     *
     * @param yaml    the document (see the policy reference)
     * @param kind    the kind of connection it governs: {@code okta} rules may name operations and
     *                scopes, {@code http} rules only methods and paths
     * @param catalog the operations of Okta's Management API; required for {@code okta}, ignored for {@code http}
     * @throws PolicyValidationException naming the line, column and field of every problem; nothing of a refused document takes effect
     */
    public static Policy parse(String yaml, ConnectionKind kind, OperationCatalog catalog) throws PolicyValidationException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(kind, "kind");
        if (kind == ConnectionKind.OKTA) {
            Objects.requireNonNull(catalog, "an okta connection's policy needs the operation catalog");
        }
        OperationCatalog operations = kind == ConnectionKind.OKTA ? catalog : null;
        return new Policy(yaml, kind, operations, PolicyDocumentReader.read(yaml, kind, operations));
    }

    /** The document as given, for storing and showing it. */
    public String source() {
        return source;
    }

    public ConnectionKind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    /** The rules in document order. */
    public List<PolicyRule> rules() {
        return rules;
    }

    public Optional<PolicyRule> rule(String name) {
        return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
    }

    /** The decision for a verified agent's request, on every claim of its token. */
    public PolicyDecision evaluate(AgentIdentity identity, PolicyRequest request) {
        return evaluate(identity.claims(), request);
    }

    /**
     * The decision for a request by an identity with these claims.
     *
     * @throws UncheckedIOException when a rule needs the body and reading it fails: no decision, nothing may be forwarded
     */
    public PolicyDecision evaluate(IdentityClaims claims, PolicyRequest request) {
        Optional<Operation> operation = catalog == null ? Optional.empty() : catalog.resolve(request.method(), request.path());
        String[] segments = PathPattern.segmentsOf(request.path());
        List<RuleMatcher> targeted = new ArrayList<>();
        for (int position : index.candidates(operation, request.method(), segments, claims)) {
            RuleMatcher rule = matchers.get(position);
            if (rule.matchesIdentity(claims) && rule.matchesTarget(operation, request.method(), segments)) {
                targeted.add(rule);
            }
        }
        Optional<String> repeated = targeted.stream().flatMap(rule -> rule.query().keySet().stream())
                .filter(name -> request.query().getOrDefault(name, List.of()).size() > 1).findFirst();
        if (repeated.isPresent()) {
            return refused(Basis.AMBIGUOUS_REQUEST, operation, false, "the query parameter '" + repeated.get()
                    + "' is given more than once where the policy looks at it; send it once");
        }
        Inspection inspection = new Inspection(request);
        List<RuleMatcher> matched = new ArrayList<>();
        try {
            for (RuleMatcher rule : targeted) {
                if (matchesQuery(rule, request) && matchesBody(rule, inspection)) {
                    matched.add(rule);
                }
            }
        } catch (AmbiguousBodyException e) {
            return refused(Basis.AMBIGUOUS_REQUEST, operation, true, e.key == null
                    ? "the request body is not one strict JSON value (malformed, trailing content, or nested beyond"
                    + " Tollgate's limits), so the upstream could read it otherwise than the policy; send plain JSON"
                    : "the request body repeats the key '" + abbreviated(e.key) + "' in one object, so it could be read"
                    + " two ways; send each key once");
        } catch (UninspectableException e) {
            return refused(Basis.UNINSPECTABLE_REQUEST, operation, inspection.bodyRead, e.getMessage());
        }
        return decide(matched, operation, request, inspection.bodyRead);
    }

    /**
     * The {@code grant} rules under which this identity could be granted this operation (for access
     * requests): rules whose identity conditions hold and whose operation, scope and method
     * conditions admit the operation (path, query and body conditions are checked per request,
     * under the grant). Empty when a {@code deny} rule refuses every request of the operation to
     * this identity, since such a grant could never be used.
     */
    public List<PolicyRule> grantRules(IdentityClaims claims, Operation operation) {
        List<PolicyRule> grantable = new ArrayList<>();
        for (int position : index.candidates(Optional.of(operation), operation.method(), null, claims)) {
            RuleMatcher rule = matchers.get(position);
            if (!rule.matchesIdentity(claims)) {
                continue;
            }
            // The index already filed the rule under this operation or its method: only path, query and body may narrow it.
            if (rule.rule().decision() == Decision.DENY && rule.matchesWholeOperations()) {
                return List.of();
            }
            if (rule.rule().decision() == Decision.GRANT) {
                grantable.add(rule.rule());
            }
        }
        return grantable;
    }

    private static boolean matchesQuery(RuleMatcher rule, PolicyRequest request) throws UninspectableException {
        for (Map.Entry<String, ValueCondition> condition : rule.query().entrySet()) {
            List<String> values = request.query().get(condition.getKey());
            if (values == null || values.isEmpty() || !condition.getValue().test(values.get(0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesBody(RuleMatcher rule, Inspection inspection) throws UninspectableException, AmbiguousBodyException {
        if (rule.body().isEmpty()) {
            return true;
        }
        JsonBody body = inspection.body();
        for (BodyPredicate predicate : rule.body()) {
            Optional<Object> value = body.at(predicate.pointer());
            if (value.isEmpty() || !predicate.condition().test(value.get())) {
                return false;
            }
        }
        return true;
    }

    private PolicyDecision decide(List<RuleMatcher> matched, Optional<Operation> operation, PolicyRequest request, boolean bodyRead) {
        List<PolicyRule> matchedRules = matched.stream().map(RuleMatcher::rule).toList();
        PolicyRule deciding = null;
        for (PolicyRule rule : matchedRules) {
            if (deciding == null || rule.decision().isMoreRestrictiveThan(deciding.decision())) {
                deciding = rule;
            }
        }
        if (deciding != null) {
            return new PolicyDecision(deciding.decision(), Basis.RULE, operation, Optional.of(deciding), deciding.reason(),
                    matchedRules, bodyRead);
        }
        if (kind == ConnectionKind.OKTA && operation.isEmpty()) {
            return refused(Basis.UNKNOWN_OPERATION, operation, bodyRead, request.method() + " " + request.path()
                    + " is no operation of Okta's Management API, and no rule names that method and path");
        }
        String what = operation.map(o -> "operation " + o.operationId() + " (" + o.method() + " " + o.pathTemplate() + ")")
                .orElse(request.method() + " " + request.path());
        return refused(Basis.NO_MATCHING_RULE, operation, bodyRead, "no rule allows " + what + " for this agent");
    }

    /* Names from the agent's request go into the reason; a name can be as long as the agent likes. */
    private static String abbreviated(String agentText) {
        return agentText.length() <= 64 ? agentText : agentText.substring(0, 64) + "...";
    }

    private static PolicyDecision refused(Basis basis, Optional<Operation> operation, boolean bodyRead, String reason) {
        return new PolicyDecision(Decision.DENY, basis, operation, Optional.empty(), reason, List.of(), bodyRead);
    }

    /** The request body, read at most once per evaluation and only if a rule asks for it. */
    private static final class Inspection {
        private final PolicyRequest request;
        private JsonBody body;
        boolean bodyRead;

        Inspection(PolicyRequest request) {
            this.request = request;
        }

        JsonBody body() throws UninspectableException, AmbiguousBodyException {
            if (body == null) {
                bodyRead = true;
                Optional<byte[]> bytes;
                try {
                    bytes = request.body().read();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the request body for the policy", e);
                }
                if (bytes.isEmpty()) {
                    throw new UninspectableException("the request body is larger than Tollgate inspects,"
                            + " and the policy needs to look into it");
                }
                body = JsonBody.parse(bytes.get());
            }
            if (body.isMalformed()) {
                throw new AmbiguousBodyException(null);
            }
            Optional<String> duplicate = body.duplicateKey();
            if (duplicate.isPresent()) {
                throw new AmbiguousBodyException(duplicate.get());
            }
            return body;
        }
    }

    /** The body could be read two ways: {@code key} is repeated in one object, or (null) it is no strict JSON at all. */
    private static final class AmbiguousBodyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;

        AmbiguousBodyException(String key) {
            super(null, null, false, false);
            this.key = key;
        }
    }
}
