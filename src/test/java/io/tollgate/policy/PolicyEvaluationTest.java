package io.tollgate.policy;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.PolicyDecision.Basis;
import io.tollgate.policy.catalog.OktaOperationCatalog;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.policy.catalog.OperationCatalog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyEvaluationTest {

    private static final OperationCatalog CATALOG = OktaOperationCatalog.get();
    private static final IdentityClaims AGENT = claims(Map.of("sub", "agent-1", "cid", "0oa-agent", "groups", List.of("agents")));

    @Nested
    class Precedence {

        private final Policy policy = okta("""
                version: 1
                rules:
                  - name: allow-reads
                    when: { request: { operations: ["list*"] } }
                    decision: allow
                  - name: grant-users
                    when: { request: { operations: [listUsers, createUser, deleteUser, assignRoleToUser] } }
                    decision: grant
                    approval: { approverGroups: [approvers], approvals: 1, maxDuration: PT1H }
                  - name: approve-creation
                    when: { request: { operations: [createUser, deleteUser] } }
                    decision: approve
                    reason: a person looks at every new user
                    approval: { approverGroups: [approvers], approvals: 1, maxDuration: PT10M }
                  - name: deny-deletion
                    when: { request: { operations: [deleteUser] } }
                    decision: deny
                    reason: never
                  - name: deny-deletion-again
                    when: { request: { methods: [DELETE] } }
                    decision: deny
                  - name: allow-assignment
                    when: { request: { operations: [assignRoleToUser] } }
                    decision: allow
                """);

        @ParameterizedTest(name = "{0} {1} -> {2} by {3}")
        @CsvSource({
                "GET,    /api/v1/groups,            ALLOW,   allow-reads",
                "GET,    /api/v1/users,             GRANT,   grant-users",
                "POST,   /api/v1/users,             APPROVE, approve-creation",
                "DELETE, /api/v1/users/00u1,        DENY,    deny-deletion",
                "POST,   /api/v1/users/00u1/roles,  GRANT,   grant-users",
        })
        void theMostRestrictiveMatchingRuleDecides(String method, String path, Decision expected, String rule) {
            PolicyDecision decision = policy.evaluate(AGENT, PolicyRequest.of(method, path));

            assertEquals(expected, decision.decision());
            assertEquals(Basis.RULE, decision.basis());
            assertEquals(rule, decision.decidingRule().orElseThrow().name());
        }

        @Test
        void everyMatchingRuleIsReportedInDocumentOrder() {
            PolicyDecision decision = policy.evaluate(AGENT, PolicyRequest.of("DELETE", "/api/v1/users/00u1"));

            assertEquals(List.of("grant-users", "approve-creation", "deny-deletion", "deny-deletion-again"),
                    decision.matchedRules().stream().map(PolicyRule::name).toList());
            assertEquals("never", decision.reason());
            assertEquals("deleteUser", decision.operation().orElseThrow().operationId());
        }

        @Test
        void theDecidingRuleCarriesItsApprovalSettings() {
            PolicyDecision decision = policy.evaluate(AGENT, PolicyRequest.of("POST", "/api/v1/users"));

            assertEquals("a person looks at every new user", decision.reason());
            assertEquals(java.time.Duration.ofMinutes(10), decision.approval().orElseThrow().maxDuration());
        }

        @Test
        void noMatchingRuleDenies() {
            PolicyDecision decision = policy.evaluate(AGENT, PolicyRequest.of("GET", "/api/v1/users/00u1"));

            assertEquals(Decision.DENY, decision.decision());
            assertEquals(Basis.NO_MATCHING_RULE, decision.basis());
            assertTrue(decision.decidingRule().isEmpty());
            assertTrue(decision.matchedRules().isEmpty());
            assertEquals("no rule allows operation getUser (GET /api/v1/users/{id}) for this agent", decision.reason());
        }

        @Test
        void anEmptyPolicyDeniesEverything() {
            Policy empty = okta("version: 1\nrules: []\n");

            assertEquals(Basis.NO_MATCHING_RULE, empty.evaluate(AGENT, PolicyRequest.of("GET", "/api/v1/users")).basis());
        }
    }

    @Nested
    class Operations {

        @ParameterizedTest(name = "{0}: {1} matches {2}: {3}")
        @CsvSource({
                "operations, list*,             GET /api/v1/users,                true",
                "operations, list*,             GET /api/v1/groups,               true",
                "operations, list*,             GET /api/v1/users/00u1,           false",
                "operations, *User,             GET /api/v1/users/00u1,           true",
                "operations, *User,             POST /api/v1/users/00u1/lifecycle/deactivate, true",
                "operations, *User,             GET /api/v1/users,                false",
                "operations, *Role*Group,       POST /api/v1/groups/00g1/roles,   true",
                "operations, *Role*Group,       POST /api/v1/users/00u1/roles,    false",
                "operations, getUser,           GET /api/v1/users/me,             true",
                "operations, getUser,           GET /api/v1/groups/00g1,          false",
                "scopes,     okta.users.read,   GET /api/v1/users,                true",
                "scopes,     okta.users.read,   GET /api/v1/users/00u1,           true",
                "scopes,     okta.users.read,   GET /api/v1/groups,               false",
                "scopes,     okta.users.read,   POST /api/v1/users,               false",
                "scopes,     okta.users.manage, POST /api/v1/users,               true",
                "scopes,     okta.roles.manage, POST /api/v1/users/00u1/roles,    true",
        })
        void operationGlobsAndScopesSelectOperations(String field, String value, String request, boolean matches) {
            Policy policy = okta("""
                    version: 1
                    rules:
                      - name: r
                        when: { request: { %s: ["%s"] } }
                        decision: allow
                    """.formatted(field, value));

            assertEquals(matches, allowed(policy, AGENT, request));
        }

        @Test
        void operationsAndScopesTogetherMeanBoth() {
            Policy policy = okta("""
                    version: 1
                    rules:
                      - name: r
                        when: { request: { operations: ["list*"], scopes: [okta.groups.read] } }
                        decision: allow
                    """);

            assertTrue(allowed(policy, AGENT, "GET /api/v1/groups"));
            assertFalse(allowed(policy, AGENT, "GET /api/v1/users"));
            assertFalse(allowed(policy, AGENT, "GET /api/v1/groups/00g1"));
        }

        @Test
        void methodsAndPathsNarrowResolvedOperations() {
            Policy policy = okta("""
                    version: 1
                    rules:
                      - name: one-user-only
                        when: { request: { methods: [GET], paths: ["/api/v1/users/00u1", "/api/v1/users/00u1/**"] } }
                        decision: allow
                    """);

            assertTrue(allowed(policy, AGENT, "GET /api/v1/users/00u1"));
            assertTrue(allowed(policy, AGENT, "GET /api/v1/users/00u1/roles"));
            assertFalse(allowed(policy, AGENT, "GET /api/v1/users/00u2"));
            assertFalse(allowed(policy, AGENT, "POST /api/v1/users/00u1"));
        }

        @Test
        void aRequestThatIsNoOperationPassesOnlyARuleNamingItsMethodAndPath() {
            Policy policy = okta("""
                    version: 1
                    rules:
                      - name: all-gets
                        when: { request: { methods: [GET] } }
                        decision: allow
                      - name: everything-below
                        when: { request: { paths: ["/api/v1/**"] } }
                        decision: allow
                      - name: health
                        when: { request: { methods: [GET], paths: ["/api/v1/custom/*/health"] } }
                        decision: allow
                    """);

            PolicyDecision named = policy.evaluate(AGENT, PolicyRequest.of("GET", "/api/v1/custom/a/health"));
            PolicyDecision unnamed = policy.evaluate(AGENT, PolicyRequest.of("GET", "/api/v1/custom/a/other"));

            assertEquals(Decision.ALLOW, named.decision());
            assertEquals(List.of("health"), named.matchedRules().stream().map(PolicyRule::name).toList());
            assertTrue(named.operation().isEmpty());
            assertEquals(Basis.UNKNOWN_OPERATION, unnamed.basis());
            assertEquals("GET /api/v1/custom/a/other is no operation of Okta's Management API, and no rule names that method and path",
                    unnamed.reason());
        }
    }

    @Nested
    class Identity {

        private final Policy policy = okta("""
                version: 1
                rules:
                  - name: by-group
                    when: { identity: { groups: [readers, auditors] }, request: { operations: [listUsers] } }
                    decision: allow
                  - name: by-subject
                    when: { identity: { sub: [agent-7] }, request: { operations: [listGroups] } }
                    decision: allow
                  - name: by-client
                    when: { identity: { cid: [0oa-ci] }, request: { operations: [listApplications] } }
                    decision: allow
                  - name: by-scope
                    when: { identity: { scp: [okta.roles.read] }, request: { operations: [listRoles] } }
                    decision: allow
                  - name: by-any-claim
                    when: { identity: { claims: { department: [it, security], level: ["3"] } }, request: { operations: [listDevices] } }
                    decision: allow
                  - name: all-of-them
                    when: { identity: { groups: [readers], cid: [0oa-ci] }, request: { operations: [listFeatures] } }
                    decision: allow
                """);

        @Test
        void groupsMatchWhenTheAgentIsInAnyOfThem() {
            assertTrue(allowed(policy, claims(Map.of("groups", List.of("other", "auditors"))), "GET /api/v1/users"));
            assertFalse(allowed(policy, claims(Map.of("groups", List.of("other"))), "GET /api/v1/users"));
            assertFalse(allowed(policy, claims(Map.of()), "GET /api/v1/users"));
        }

        @Test
        void subjectClientAndScopesMatchTheirClaims() {
            assertTrue(allowed(policy, claims(Map.of("sub", "agent-7")), "GET /api/v1/groups"));
            assertFalse(allowed(policy, claims(Map.of("sub", "agent-8", "cid", "agent-7")), "GET /api/v1/groups"));
            assertTrue(allowed(policy, claims(Map.of("cid", "0oa-ci")), "GET /api/v1/apps"));
            assertTrue(allowed(policy, claims(Map.of("scp", List.of("okta.users.read", "okta.roles.read"))), "GET /api/v1/iam/roles"));
            assertFalse(allowed(policy, claims(Map.of("scp", List.of("okta.users.read"))), "GET /api/v1/iam/roles"));
        }

        @Test
        void anyClaimMatchesAndNumbersCountAsTheirText() {
            assertTrue(allowed(policy, claims(Map.of("department", "security", "level", 3)), "GET /api/v1/devices"));
            assertFalse(allowed(policy, claims(Map.of("department", "security", "level", 4)), "GET /api/v1/devices"));
            assertFalse(allowed(policy, claims(Map.of("department", "sales", "level", "3")), "GET /api/v1/devices"));
        }

        @Test
        void everyIdentityConditionOfARuleMustHold() {
            assertTrue(allowed(policy, claims(Map.of("groups", List.of("readers"), "cid", "0oa-ci")), "GET /api/v1/features"));
            assertFalse(allowed(policy, claims(Map.of("groups", List.of("readers"), "cid", "0oa-other")), "GET /api/v1/features"));
        }

        @Test
        void aVerifiedAgentIdentityIsMatchedOnItsStandardClaims() {
            AgentIdentity identity = new AgentIdentity("https://idp.example/oauth2/default", "agent-7", "0oa-ci",
                    List.of("api://default"), List.of("okta.roles.read"), List.of("readers"), "jti-1",
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"), Map.of());

            for (String request : List.of("GET /api/v1/users", "GET /api/v1/groups", "GET /api/v1/apps",
                    "GET /api/v1/iam/roles", "GET /api/v1/features")) {
                String[] parts = request.split(" ");
                assertEquals(Decision.ALLOW, policy.evaluate(identity, PolicyRequest.of(parts[0], parts[1])).decision(), request);
            }
        }

        @Test
        void otherClaimsCannotOverrideTheVerifiedOnes() {
            AgentIdentity identity = new AgentIdentity("https://idp.example", "agent-1", null, List.of(), List.of(),
                    List.of("nobody"), null, Instant.EPOCH, Instant.EPOCH.plusSeconds(60), Map.of());

            IdentityClaims claims = IdentityClaims.of(identity, Map.of("groups", List.of("readers"), "department", "it", "level", 3));

            assertEquals(List.of("nobody"), claims.get("groups"));
            assertTrue(allowed(policy, claims, "GET /api/v1/devices"));
            assertFalse(allowed(policy, claims, "GET /api/v1/users"));
        }
    }

    @Nested
    class Query {

        private final Policy policy = okta("""
                version: 1
                rules:
                  - name: small-pages
                    when: { request: { operations: [listUsers], query: { limit: { in: [10, 20] } } } }
                    decision: allow
                  - name: search-by-login
                    when: { request: { operations: [listGroups], query: { search: { matches: 'profile\\.name sw "[a-z-]+"' } } } }
                    decision: allow
                  - name: no-expand
                    when: { request: { operations: [listGroups], query: { expand: { equals: stats } } } }
                    decision: deny
                """);

        @Test
        void equalsInAndMatchesTestTheDecodedValue() {
            assertTrue(allowed(policy, AGENT, "GET /api/v1/users", Map.of("limit", List.of("20"))));
            assertFalse(allowed(policy, AGENT, "GET /api/v1/users", Map.of("limit", List.of("200"))));
            assertTrue(allowed(policy, AGENT, "GET /api/v1/groups", Map.of("search", List.of("profile.name sw \"team-a\""))));
            assertFalse(allowed(policy, AGENT, "GET /api/v1/groups", Map.of("search", List.of("profile.name sw \"team-a\" or true"))));
            assertFalse(allowed(policy, AGENT, "GET /api/v1/groups",
                    Map.of("search", List.of("profile.name sw \"team-a\""), "expand", List.of("stats"))));
        }

        @Test
        void anAbsentParameterDoesNotMatch() {
            assertFalse(allowed(policy, AGENT, "GET /api/v1/users", Map.of()));
        }

        @Test
        void aParameterGivenTwiceWhereARuleLooksIsAmbiguous() {
            PolicyDecision decision = policy.evaluate(AGENT,
                    new PolicyRequest("GET", "/api/v1/users", Map.of("limit", List.of("10", "1000")), RequestBody.empty()));

            assertEquals(Decision.DENY, decision.decision());
            assertEquals(Basis.AMBIGUOUS_REQUEST, decision.basis());
        }

        @Test
        void aParameterGivenTwiceWhereNoRuleLooksIsNoConcern() {
            assertTrue(allowed(policy, AGENT, "GET /api/v1/users", Map.of("limit", List.of("10"), "after", List.of("a", "b"))));
        }
    }

    @Nested
    class Body {

        private final Policy policy = okta("""
                version: 1
                rules:
                  - name: assign
                    when: { request: { operations: [assignRoleToUser] } }
                    decision: allow
                  - name: no-super-admin
                    when:
                      request:
                        operations: [assignRoleToUser]
                        body: [ { pointer: /type, in: [SUPER_ADMIN, ORG_ADMIN] } ]
                    decision: deny
                  - name: create-in-staging
                    when:
                      request:
                        operations: [createUser]
                        body:
                          - { pointer: /profile/login, matches: '[a-z]+@staging\\.example' }
                          - { pointer: /groupIds/0, equals: 00g-staging }
                          - { pointer: "/profile/a~1b", equals: 1 }
                          - { pointer: /credentials/provider/active, equals: true }
                          - { pointer: /profile/manager, equals: null }
                    decision: allow
                """);

        @Test
        void aBodyPredicateTurnsTheSameOperationFromAllowToDeny() {
            assertEquals(Decision.ALLOW, roleAssignment("{\"type\":\"USER_ADMIN\"}").decision());
            PolicyDecision superAdmin = roleAssignment("{\"type\":\"SUPER_ADMIN\"}");
            assertEquals(Decision.DENY, superAdmin.decision());
            assertEquals("no-super-admin", superAdmin.decidingRule().orElseThrow().name());
            assertTrue(superAdmin.bodyInspected());
        }

        @Test
        void aPointerThatLeadsNowhereOrAnEmptyBodyDoesNotMatch() {
            for (String body : List.of("{\"role\":\"SUPER_ADMIN\"}", "[\"SUPER_ADMIN\"]", "", " \r\n",
                    "{\"type\":[\"SUPER_ADMIN\"]}")) {
                PolicyDecision decision = roleAssignment(body);
                assertEquals(List.of("assign"), decision.matchedRules().stream().map(PolicyRule::name).toList(), body);
            }
        }

        /**
         * Lenient parsers (trailing tokens ignored, comments, deeper nesting, encodings guessed from the
         * bytes, overlong UTF-8 decoded) would read a role out of these.
         */
        @Test
        void aBodyThatIsNoStrictJsonInUtf8IsDeniedAsAmbiguous() {
            String deep = "{\"type\":\"SUPER_ADMIN\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
            List<byte[]> bodies = new ArrayList<>(Stream.of("type=SUPER_ADMIN", "{\"type\":\"USER_ADMIN\"} {\"type\":\"SUPER_ADMIN\"}",
                    "{\"type\":\"SUPER_ADMIN\"} trailing", "{\"type\":\"SUPER_ADMIN\" /* c */}", "{'type':'SUPER_ADMIN'}",
                    "{\"type\":\"SUPER_ADMIN\",}", deep).map(body -> body.getBytes(StandardCharsets.UTF_8)).toList());
            bodies.add(new byte[]{'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC1, (byte) 0x93, 'U', 'P', 'E', 'R', '_', 'A',
                    'D', 'M', 'I', 'N', '"', '}'});
            bodies.add("{\"type\":\"USER_ADMIN\"}".getBytes(StandardCharsets.UTF_16BE));
            bodies.add("{\"type\":\"USER_ADMIN\"}".getBytes(StandardCharsets.UTF_16LE));
            for (byte[] body : bodies) {
                PolicyDecision decision = policy.evaluate(AGENT, new PolicyRequest("POST", "/api/v1/users/00u1/roles", Map.of(),
                        RequestBody.of(body)));
                String shown = new String(body, StandardCharsets.ISO_8859_1);
                assertEquals(Decision.DENY, decision.decision(), shown);
                assertEquals(Basis.AMBIGUOUS_REQUEST, decision.basis(), shown);
                assertTrue(decision.reason().contains("not one strict JSON value"), decision.reason());
            }
        }

        @Test
        void aDuplicateKeyAnywhereMakesTheBodyAmbiguous() {
            for (String body : List.of("{\"type\":\"USER_ADMIN\",\"type\":\"SUPER_ADMIN\"}",
                    "{\"type\":\"SUPER_ADMIN\",\"type\":\"USER_ADMIN\"}",
                    "{\"type\":\"USER_ADMIN\",\"x\":[{\"a\":1,\"a\":2}]}")) {
                PolicyDecision decision = roleAssignment(body);
                assertEquals(Decision.DENY, decision.decision(), body);
                assertEquals(Basis.AMBIGUOUS_REQUEST, decision.basis(), body);
                assertTrue(decision.reason().contains("repeats the key"), decision.reason());
            }
        }

        @Test
        void pointersReachIntoObjectsAndArraysAndCompareJsonValues() {
            String body = """
                    {"profile": {"login": "ada@staging.example", "a/b": 1.0, "manager": null},
                     "groupIds": ["00g-staging", "00g-other"],
                     "credentials": {"provider": {"active": true}}}""";

            assertTrue(allowed(policy, AGENT, "POST /api/v1/users", body));
            assertFalse(allowed(policy, AGENT, "POST /api/v1/users", body.replace("ada@staging", "ada@prod")));
            assertFalse(allowed(policy, AGENT, "POST /api/v1/users", body.replace("\"active\": true", "\"active\": \"true\"")));
            assertFalse(allowed(policy, AGENT, "POST /api/v1/users", body.replace("\"manager\": null", "\"manager\": \"00u2\"")));
            assertFalse(allowed(policy, AGENT, "POST /api/v1/users", body.replace("1.0", "2")));
        }

        @Test
        void theBodyIsReadOnceAndOnlyWhenARuleThatMayMatchInspectsIt() {
            AtomicInteger reads = new AtomicInteger();
            RequestBody counted = () -> {
                reads.incrementAndGet();
                return Optional.of("{\"profile\":{}}".getBytes(StandardCharsets.UTF_8));
            };

            PolicyDecision list = policy.evaluate(AGENT, new PolicyRequest("GET", "/api/v1/users", Map.of(), counted));
            assertEquals(0, reads.get());
            assertFalse(list.bodyInspected());

            PolicyDecision create = policy.evaluate(AGENT, new PolicyRequest("POST", "/api/v1/users", Map.of(), counted));
            assertEquals(1, reads.get());
            assertTrue(create.bodyInspected());
        }

        @Test
        void aBodyTooLargeToInspectIsDeniedWhenARuleNeedsIt() {
            PolicyDecision decision = policy.evaluate(AGENT,
                    new PolicyRequest("POST", "/api/v1/users/00u1/roles", Map.of(), RequestBody.tooLarge()));

            assertEquals(Decision.DENY, decision.decision());
            assertEquals(Basis.UNINSPECTABLE_REQUEST, decision.basis());
            assertTrue(decision.bodyInspected());
        }

        @Test
        void aBodyThatCannotBeReadFailsTheEvaluation() {
            PolicyRequest request = new PolicyRequest("POST", "/api/v1/users/00u1/roles", Map.of(), () -> {
                throw new IOException("connection reset");
            });

            assertThrows(java.io.UncheckedIOException.class, () -> policy.evaluate(AGENT, request));
        }

        @Test
        void aValueTooCostlyToMatchIsDeniedRatherThanMatchedForever() {
            Policy catastrophic = okta("""
                    version: 1
                    rules:
                      - name: r
                        when: { request: { operations: [createUser], body: [ { pointer: /profile/login, matches: '(.*a){12}b' } ] } }
                        decision: deny
                      - name: create
                        when: { request: { operations: [createUser] } }
                        decision: allow
                    """);

            PolicyDecision decision = catastrophic.evaluate(AGENT, new PolicyRequest("POST", "/api/v1/users", Map.of(),
                    RequestBody.of(("{\"profile\":{\"login\":\"" + "a".repeat(64) + "\"}}").getBytes(StandardCharsets.UTF_8))));

            assertEquals(Basis.UNINSPECTABLE_REQUEST, decision.basis());
            assertEquals(Decision.DENY, decision.decision());
        }

        private PolicyDecision roleAssignment(String body) {
            return policy.evaluate(AGENT, new PolicyRequest("POST", "/api/v1/users/00u1/roles", Map.of(),
                    RequestBody.of(body.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Nested
    class HttpConnections {

        private final Policy policy = http("""
                version: 1
                rules:
                  - name: read-reports
                    when: { request: { methods: [GET, HEAD], paths: ["/reports/**"] } }
                    decision: allow
                  - name: one-level
                    when: { request: { methods: [POST], paths: ["/jobs/*/run"] } }
                    decision: approve
                    approval: { approverGroups: [ops], approvals: 1, maxDuration: PT5M, reasonRequired: false }
                  - name: root
                    when: { request: { paths: ["/"] } }
                    decision: allow
                """);

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
                "GET,  /reports,                ALLOW",
                "HEAD, /reports/2026/q1.csv,    ALLOW",
                "GET,  /reports/,               ALLOW",
                "POST, /reports/x,              DENY",
                "POST, /jobs/nightly/run,       APPROVE",
                "POST, /jobs/nightly/x/run,     DENY",
                "POST, /jobs//run,              DENY",
                "GET,  /,                       ALLOW",
                "GET,  '',                      ALLOW",
                "GET,  /Reports,                DENY",
        })
        void methodsAndPathPatternsDecide(String method, String path, Decision expected) {
            PolicyDecision decision = policy.evaluate(AGENT, PolicyRequest.of(method, path));

            assertEquals(expected, decision.decision());
            assertTrue(decision.operation().isEmpty());
        }

        @Test
        void unmatchedRequestsAreDeniedByDefaultNotAsUnknownOperations() {
            assertEquals(Basis.NO_MATCHING_RULE, policy.evaluate(AGENT, PolicyRequest.of("DELETE", "/reports/x")).basis());
        }
    }

    @Test
    void tenThousandRulesStillFindTheOnesThatConcernTheRequest() {
        StringBuilder yaml = new StringBuilder("version: 1\nrules:\n");
        List<Operation> operations = CATALOG.operations();
        for (int i = 0; i < 10_000; i++) {
            Operation operation = operations.get(i % operations.size());
            yaml.append("  - name: rule-").append(i).append('\n')
                    .append("    when: { identity: { sub: [agent-").append(i).append("] }, request: { operations: [")
                    .append(operation.operationId()).append("] } }\n")
                    .append("    decision: allow\n");
        }
        Policy large = okta(yaml.toString());
        int chosen = 9_321;
        Operation operation = operations.get(chosen % operations.size());
        String path = operation.pathTemplate().replaceAll("\\{[^}]+}", "x1");

        PolicyDecision decision = large.evaluate(claims(Map.of("sub", "agent-" + chosen)), PolicyRequest.of(operation.method(), path));

        assertEquals(Decision.ALLOW, decision.decision());
        assertEquals("rule-" + chosen, decision.decidingRule().orElseThrow().name());
        assertEquals(Basis.NO_MATCHING_RULE,
                large.evaluate(claims(Map.of("sub", "agent-" + (chosen + 1))), PolicyRequest.of(operation.method(), path)).basis());
    }

    static Policy okta(String yaml) {
        try {
            return Policy.parse(yaml, ConnectionKind.OKTA, CATALOG);
        } catch (PolicyValidationException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static Policy http(String yaml) {
        try {
            return Policy.parse(yaml, ConnectionKind.HTTP, null);
        } catch (PolicyValidationException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static IdentityClaims claims(Map<String, ?> claims) {
        return IdentityClaims.fromJsonLike(claims);
    }

    private static boolean allowed(Policy policy, IdentityClaims claims, String request) {
        return allowed(policy, claims, request, Map.of());
    }

    private static boolean allowed(Policy policy, IdentityClaims claims, String request, Map<String, List<String>> query) {
        String[] parts = request.split(" ");
        return policy.evaluate(claims, new PolicyRequest(parts[0], parts[1], query, RequestBody.empty())).decision() == Decision.ALLOW;
    }

    private static boolean allowed(Policy policy, IdentityClaims claims, String request, String body) {
        String[] parts = request.split(" ");
        return policy.evaluate(claims, new PolicyRequest(parts[0], parts[1], Map.of(),
                RequestBody.of(body.getBytes(StandardCharsets.UTF_8)))).decision() == Decision.ALLOW;
    }
}
