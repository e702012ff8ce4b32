package io.tollgate.bench;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.Policy;
import io.tollgate.policy.PolicyDecision;
import io.tollgate.policy.PolicyRequest;
import io.tollgate.policy.PolicyValidationException;
import io.tollgate.policy.RequestBody;
import io.tollgate.policy.catalog.OktaOperationCatalog;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.policy.catalog.OperationCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Time of one policy decision (operation resolution, candidate rules, matching, combination) for a
 * read-only agent listing users, under synthetic policies of 10, 1,000 and 10,000 rules:
 * <ul>
 *   <li>{@code spread}: rules about every operation of Okta's catalog in turn, each for a group of
 *       its own, one in ten naming a method and path instead; the rule that allows the request
 *       comes last. This is what a large real policy looks like: few rules concern one operation.</li>
 *   <li>{@code shared-group}: the same rules, all for the agent's own group (none of them about
 *       {@code listUsers}): the identity filing cannot narrow them, so the operation and path filings must.</li>
 *   <li>{@code same-operation}: every rule concerns {@code listUsers} (for other groups): the
 *       operation filing cannot narrow them, so the identity filing must.</li>
 * </ul>
 * A policy whose every rule concerns both the request's operation and its agent has every rule
 * match: its decision costs in proportion to its size, whatever the index.
 * Run by {@code bench/run.sh}, or alone: {@code java -cp ... org.openjdk.jmh.Main PolicyDecisionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyDecisionBenchmark {

    static final String AGENT_GROUP = "agents-readonly";
    static final String ALLOWING_RULE = "allow-agent-reads";

    @Param({"10", "1000", "10000"})
    int rules;

    @Param({"spread", "shared-group", "same-operation"})
    String shape;

    private Policy policy;
    private IdentityClaims agent;
    private PolicyRequest request;

    @Setup
    public void setUp() throws PolicyValidationException {
        OperationCatalog catalog = OktaOperationCatalog.get();
        policy = Policy.parse(syntheticPolicy(rules, shape, catalog), ConnectionKind.OKTA, catalog);
        agent = agent();
        request = listUsers();
    }

    @Benchmark
    public PolicyDecision decide() {
        return policy.evaluate(agent, request);
    }

    static IdentityClaims agent() {
        return IdentityClaims.fromJsonLike(Map.of("sub", "agent-reader", "cid", "agent-reader",
                "groups", List.of(AGENT_GROUP), "scp", List.of("okta.users.read")));
    }

    static PolicyRequest listUsers() {
        return new PolicyRequest("GET", "/api/v1/users", Map.of("limit", List.of("200")), RequestBody.empty());
    }

    /** A policy of {@code size} rules whose last rule, and only that one, allows {@link #listUsers()} to {@link #agent()}. */
    static String syntheticPolicy(int size, String shape, OperationCatalog catalog) {
        List<Operation> operations = catalog.operations().stream()
                .filter(operation -> !operation.operationId().equals("listUsers")).toList();
        StringBuilder yaml = new StringBuilder("version: 1\ndescription: synthetic benchmark policy of ")
                .append(size).append(" rules (").append(shape).append(")\nrules:\n");
        for (int i = 0; i < size - 1; i++) {
            String decision = switch (i % 3) {
                case 0 -> "allow";
                case 1 -> "deny";
                default -> "grant";
            };
            yaml.append("  - name: rule-").append(i).append('\n')
                    .append("    when:\n")
                    .append("      identity: { groups: [").append(shape.equals("shared-group") ? AGENT_GROUP : "team-" + i).append("] }\n");
            if (shape.equals("same-operation")) {
                yaml.append("      request: { operations: [listUsers] }\n");
            } else if (shape.equals("spread") || shape.equals("shared-group")) {
                if (i % 10 == 9) {
                    yaml.append("      request: { methods: [GET], paths: [\"/api/v1/team-").append(i).append("/**\"] }\n");
                } else {
                    yaml.append("      request: { operations: [").append(operations.get(i % operations.size()).operationId()).append("] }\n");
                }
            } else {
                throw new IllegalArgumentException("unknown shape " + shape);
            }
            yaml.append("    decision: ").append(decision).append('\n');
            if (decision.equals("grant")) {
                yaml.append("    approval: { approverGroups: [approvers-").append(i).append("], approvals: 1, maxDuration: PT1H }\n");
            }
        }
        yaml.append("  - name: ").append(ALLOWING_RULE).append('\n')
                .append("    when:\n")
                .append("      identity: { groups: [").append(AGENT_GROUP).append("] }\n")
                .append("      request: { operations: [listUsers] }\n")
                .append("    decision: allow\n");
        return yaml.toString();
    }
}
