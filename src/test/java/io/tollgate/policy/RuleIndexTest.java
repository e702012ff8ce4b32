package io.tollgate.policy;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.catalog.OktaOperationCatalog;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.policy.catalog.OperationCatalog;
import io.tollgate.testsupport.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The index gives every rule that may match a request, whichever of its filings (by target,
 * path included, or by identity) it answers from: on random policies and requests, its candidates
 * that match are exactly the rules filed under the request's operation and method (the target
 * filing, checked rule by rule here) that match the agent and the path, in document order.
 */
class RuleIndexTest {

    private static final OperationCatalog CATALOG = OktaOperationCatalog.get();
    private static final String[] OPERATIONS = {"listUsers", "getUser", "deactivateUser", "listGroups", "assignRoleToUser"};
    private static final String[] METHODS = {"GET", "POST", "DELETE"};
    private static final String[] GROUPS = {"agents", "ops", "team-a", "team-b", "team-c"};
    private static final String[] SUBJECTS = {"bot-1", "bot-2", "bot-3"};
    private static final String[] PATHS = {"/api/v1/users", "/api/v1/users/*", "/api/v1/**", "/files/**", "/api/v1/groups/*/users"};
    private static final Map<String, Operation> BY_ID = CATALOG.operations().stream()
            .collect(Collectors.toMap(Operation::operationId, Function.identity()));

    private record Case(String policy, IdentityClaims claims, String method, String path) {
        @Override
        public String toString() {
            return policy + "\nclaims " + claims + ", request " + method + " " + path;
        }
    }

    @Test
    void candidatesAreTheTargetFilingsRulesThatTheAgentsIdentityMeets() {
        Fuzz.forAll(RuleIndexTest::randomCase, input -> {
            List<RuleMatcher> rules = PolicyDocumentReader.read(input.policy(), ConnectionKind.OKTA, CATALOG).rules();
            RuleIndex index = new RuleIndex(rules, true, BY_ID);
            Optional<Operation> operation = CATALOG.resolve(input.method(), input.path());
            String[] segments = PathPattern.segmentsOf(input.path());
            int[] expected = rules.stream().filter(rule -> filedUnderTarget(rule, operation, input.method())
                            && rule.matchesIdentity(input.claims()) && rule.matchesTarget(operation, input.method(), segments))
                    .mapToInt(RuleMatcher::position).toArray();
            int[] candidates = index.candidates(operation, input.method(), segments, input.claims());
            assertArrayEquals(Arrays.stream(candidates).sorted().distinct().toArray(), candidates, "ascending, each once");
            int[] found = Arrays.stream(candidates).filter(position -> rules.get(position).matchesIdentity(input.claims())
                    && rules.get(position).matchesTarget(operation, input.method(), segments)).toArray();
            assertArrayEquals(expected, found);
            if (operation.isPresent()) {
                int[] onAnyPath = rules.stream().filter(rule -> filedUnderTarget(rule, operation, input.method())
                        && rule.matchesIdentity(input.claims())).mapToInt(RuleMatcher::position).toArray();
                assertArrayEquals(onAnyPath, Arrays.stream(index.candidates(operation, input.method(), null, input.claims()))
                        .filter(position -> rules.get(position).matchesIdentity(input.claims())).toArray(), "on any path");
            }
        });
    }

    @Test
    void aRuleForManyOfTheAgentsGroupsIsOneCandidate() throws PolicyValidationException {
        String policy = policyOf(List.of(
                "    when: { identity: { groups: [agents, ops] }, request: { operations: [listUsers] } }\n    decision: allow\n"));
        List<RuleMatcher> rules = PolicyDocumentReader.read(policy, ConnectionKind.OKTA, CATALOG).rules();
        RuleIndex index = new RuleIndex(rules, true, BY_ID);
        IdentityClaims both = IdentityClaims.fromJsonLike(Map.of("sub", "bot-1", "groups", List.of("agents", "ops")));
        assertArrayEquals(new int[]{0}, index.candidates(CATALOG.resolve("GET", "/api/v1/users"), "GET",
                PathPattern.segmentsOf("/api/v1/users"), both));
        assertEquals(0, index.candidates(CATALOG.resolve("GET", "/api/v1/groups"), "GET",
                PathPattern.segmentsOf("/api/v1/groups"), both).length);
    }

    @Test
    void aRuleNamingAPathIsACandidateOnlyForPathsStartingWithItsLiteralSegments() throws PolicyValidationException {
        String policy = policyOf(List.of(
                "    when: { request: { methods: [GET], paths: [\"/files/reports/**\"] } }\n    decision: allow\n",
                "    when: { request: { methods: [GET], paths: [\"/files/*/raw\", \"/files/reports/*\"] } }\n    decision: deny\n"));
        List<RuleMatcher> rules = PolicyDocumentReader.read(policy, ConnectionKind.OKTA, CATALOG).rules();
        RuleIndex index = new RuleIndex(rules, true, BY_ID);
        IdentityClaims anyone = IdentityClaims.fromJsonLike(Map.of("sub", "bot-1"));
        assertArrayEquals(new int[]{0, 1}, index.candidates(Optional.empty(), "GET", PathPattern.segmentsOf("/files/reports/q3"), anyone));
        assertArrayEquals(new int[]{1}, index.candidates(Optional.empty(), "GET", PathPattern.segmentsOf("/files/logs/raw"), anyone));
        assertEquals(0, index.candidates(Optional.empty(), "GET", PathPattern.segmentsOf("/other/reports"), anyone).length);
    }

    /** The target filing, as the index documents it: operations for operation rules, else methods, else anything known. */
    private static boolean filedUnderTarget(RuleMatcher rule, Optional<Operation> operation, String method) {
        if (operation.isEmpty()) {
            return rule.namesMethodAndPath() && rule.methods().contains(method);
        }
        if (rule.operationIds() != null) {
            return rule.operationIds().contains(operation.get().operationId())
                    && (rule.methods() == null || rule.methods().contains(operation.get().method()));
        }
        return rule.methods() == null || rule.methods().contains(method);
    }

    private static Case randomCase(Random random) {
        List<String> rules = Fuzz.listOf(random, 1, 30, RuleIndexTest::randomRule);
        List<String> groups = Fuzz.listOf(random, 0, 3, r -> Fuzz.oneOf(r, GROUPS));
        IdentityClaims claims = IdentityClaims.fromJsonLike(Map.of("sub", Fuzz.oneOf(random, SUBJECTS), "groups", groups));
        String[][] requests = {{"GET", "/api/v1/users"}, {"GET", "/api/v1/users/00u1"}, {"POST", "/api/v1/users/00u1/lifecycle/deactivate"},
                {"GET", "/api/v1/groups"}, {"GET", "/files/a"}, {"DELETE", "/api/v1/users/00u1"}, {"POST", "/api/v1/nothing"}};
        String[] request = requests[random.nextInt(requests.length)];
        return new Case(policyOf(rules), claims, request[0], request[1]);
    }

    private static String randomRule(Random random) {
        List<String> identity = new ArrayList<>();
        if (random.nextBoolean()) {
            identity.add("groups: [" + String.join(", ", Fuzz.listOf(random, 1, 3, r -> Fuzz.oneOf(r, GROUPS))) + "]");
        }
        if (random.nextInt(3) == 0) {
            identity.add("sub: [" + String.join(", ", Fuzz.listOf(random, 1, 2, r -> Fuzz.oneOf(r, SUBJECTS))) + "]");
        }
        List<String> request = new ArrayList<>();
        int shape = random.nextInt(4);
        if (shape == 0) {
            List<String> operations = Fuzz.listOf(random, 1, 2, r -> Fuzz.oneOf(r, OPERATIONS));
            request.add("operations: [" + String.join(", ", operations) + "]");
            if (random.nextBoolean()) {
                // One of the operations' own methods (any other the policy refuses), and perhaps one more.
                List<String> methods = new ArrayList<>(List.of(BY_ID.get(operations.get(0)).method(), Fuzz.oneOf(random, METHODS)));
                request.add("methods: [" + String.join(", ", methods.subList(0, Fuzz.between(random, 1, 2))) + "]");
            }
        }
        if (shape == 1 || shape == 2) {
            request.add("methods: [" + String.join(", ", Fuzz.listOf(random, 1, 2, r -> Fuzz.oneOf(r, METHODS))) + "]");
        }
        if (shape == 1 || shape == 3 && random.nextBoolean()) {
            request.add("paths: [\"" + String.join("\", \"", Fuzz.listOf(random, 1, 2, r -> Fuzz.oneOf(r, PATHS))) + "\"]");
        }
        StringBuilder when = new StringBuilder("    when: {");
        if (!identity.isEmpty()) {
            when.append(" identity: { ").append(String.join(", ", identity)).append(" },");
        }
        when.append(" request: { ").append(String.join(", ", request)).append(" } }\n");
        return when + "    decision: " + (random.nextBoolean() ? "allow" : "deny") + "\n";
    }

    private static String policyOf(List<String> rules) {
        StringBuilder yaml = new StringBuilder("version: 1\ndescription: random\nrules:\n");
        for (int i = 0; i < rules.size(); i++) {
            yaml.append("  - name: rule-").append(i).append('\n').append(rules.get(i));
        }
        return yaml.toString();
    }
}
