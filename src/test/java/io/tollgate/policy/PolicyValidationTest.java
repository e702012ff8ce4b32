package io.tollgate.policy;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.policy.catalog.OktaOperationCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyValidationTest {

    private static final String VALID_RULE = """
            version: 1
            rules:
              - name: reads
                when:
                  identity: { groups: [agents] }
                  request: { operations: [listUsers] }
                decision: allow
            """;

    @Test
    void badYamlIsRefusedNamingItsLine() {
        PolicyProblem problem = onlyProblem("""
                version: 1
                rules:
                  - name: reads
                    when: { request: { operations: [listUsers }
                    decision: allow
                """);

        assertEquals(4, problem.line());
        assertTrue(problem.message().startsWith("invalid YAML: "), problem.message());
        assertTrue(problem.toString().startsWith("line 4, column "), problem.toString());
    }

    @Test
    void anUnknownFieldIsRefusedWithItsPathAndLine() {
        PolicyProblem problem = onlyProblem("""
                version: 1
                rules:
                  - name: reads
                    when:
                      request:
                        operation: [listUsers]
                    decision: allow
                """);

        assertEquals(6, problem.line());
        assertEquals(9, problem.column());
        assertEquals("rules[0].when.request.operation", problem.field());
        assertEquals("unknown field 'operation'; expected one of operations, scopes, methods, paths, query, body", problem.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level field   | version: 1\\nrulez: []                                                     | 2 | rulez",
            "unknown rule field        | version: 1\\nrules:\\n  - name: a\\n    decison: allow                  | 4 | rules[0].decison",
            "unknown identity field    | version: 1\\nrules:\\n  - name: a\\n    decision: allow\\n    when: { identity: { group: [x] } } | 5 | rules[0].when.identity.group",
            "unknown approval field    | version: 1\\nrules:\\n  - name: a\\n    decision: grant\\n    approval: { approverGroups: [x], approvals: 1, maxDuration: PT1H, quorum: 2 } | 5 | rules[0].approval.quorum",
            "unknown condition field   | version: 1\\nrules:\\n  - name: a\\n    decision: deny\\n    when: { request: { body: [ { pointer: /a, equal: x } ] } } | 5 | rules[0].when.request.body[0].equal",
    })
    void unknownFieldsAreRefusedAnywhere(String title, String yaml, int line, String field) {
        List<PolicyProblem> problems = refused(yaml.replace("\\n", "\n")).problems();

        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.field().equals(field)
                && p.message().startsWith("unknown field")), problems.toString());
    }

    @Test
    void anUnknownOperationIdIsRefusedAndTheLikelyOneSuggested() {
        PolicyProblem problem = onlyProblem(VALID_RULE.replace("[listUsers]", "[listUsers, getuser]"));

        assertEquals(6, problem.line());
        assertEquals("rules[0].when.request.operations[1]", problem.field());
        assertEquals("unknown operationId 'getuser' (did you mean 'getUser'?)", problem.message());
    }

    @Test
    void aGlobThatMatchesNoOperationIsRefused() {
        PolicyProblem problem = onlyProblem(VALID_RULE.replace("[listUsers]", "[\"listUser*Frobs\"]"));

        assertEquals("rules[0].when.request.operations[0]", problem.field());
        assertEquals("the glob 'listUser*Frobs' matches no operation", problem.message());
    }

    @Test
    void anUnknownScopeIsRefused() {
        PolicyProblem problem = onlyProblem(VALID_RULE.replace("operations: [listUsers]", "scopes: [okta.users.reed]"));

        assertEquals("rules[0].when.request.scopes[0]", problem.field());
        assertEquals("unknown scope 'okta.users.reed': no operation requires it", problem.message());
    }

    @Test
    void aBadRegularExpressionIsRefusedInQueryAndBody() {
        List<PolicyProblem> problems = refused("""
                version: 1
                rules:
                  - name: a
                    decision: deny
                    when:
                      request:
                        query: { search: { matches: "profile.(name" } }
                        body:
                          - { pointer: /type, matches: "[SUPER" }
                """).problems();

        assertEquals(2, problems.size(), problems.toString());
        assertEquals(7, problems.get(0).line());
        assertEquals("rules[0].when.request.query.search.matches", problems.get(0).field());
        assertTrue(problems.get(0).message().startsWith("invalid regular expression 'profile.(name': Unclosed group"),
                problems.get(0).message());
        assertEquals(9, problems.get(1).line());
        assertEquals("rules[0].when.request.body[0].matches", problems.get(1).field());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1 hour | invalid duration '1 hour'; use ISO-8601, e.g. PT15M, PT1H",
            "PT0S   | a duration above zero and at most PT24H, found PT0S",
            "P30D   | a duration above zero and at most PT24H, found P30D",
    })
    void aBadDurationIsRefused(String duration, String message) {
        PolicyProblem problem = onlyProblem("""
                version: 1
                rules:
                  - name: changes
                    decision: grant
                    approval:
                      approverGroups: [approvers]
                      approvals: 1
                      maxDuration: %s
                """.formatted(duration));

        assertEquals(8, problem.line());
        assertEquals("rules[0].approval.maxDuration", problem.field());
        assertEquals(message, problem.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "bad decision              | decision: permit                                                    | rules[0].decision          | unknown decision 'permit'; expected allow, deny, grant or approve",
            "approve without settings  | decision: approve                                                   | rules[0].approval          | a approve rule needs approval settings (approverGroups, approvals, maxDuration)",
            "approval on allow         | decision: allow\\n    approval: { approvals: 1 }                    | rules[0].approval          | approval settings apply only to grant and approve rules",
            "approve by nobody         | decision: approve\\n    approval: { approverGroups: [a], approvals: 0, maxDuration: PT1H } | rules[0].approval.approvals | between 1 and 10 for a approve rule",
            "approvers missing         | decision: approve\\n    approval: { approvals: 2, maxDuration: PT1H }  | rules[0].approval.approverGroups | who may approve: at least one group, e.g. [tollgate-approvers]",
            "self-service w/ approvers | decision: grant\\n    approval: { approverGroups: [a], approvals: 0, maxDuration: PT1H } | rules[0].approval.approverGroups | a self-service grant (approvals: 0) has no approvers; remove approverGroups or require approvals",
            "approvals not a number    | decision: grant\\n    approval: { approverGroups: [a], approvals: two, maxDuration: PT1H } | rules[0].approval.approvals | expected a whole number, found 'two'",
            "reasonRequired not a bool | decision: grant\\n    approval: { approverGroups: [a], approvals: 1, maxDuration: PT1H, reasonRequired: 'yes' } | rules[0].approval.reasonRequired | expected true or false, found 'yes'",
            "methods not a list        | decision: allow\\n    when: { request: { methods: GET } }             | rules[0].when.request.methods | expected a list, e.g. [a, b], found 'GET'",
            "lower-case method         | decision: allow\\n    when: { request: { methods: [get] } }           | rules[0].when.request.methods[0] | 'get' is no HTTP method; methods are upper case, e.g. GET",
            "empty list                | decision: allow\\n    when: { identity: { groups: [] } }              | rules[0].when.identity.groups | an empty list matches nothing; give at least one value or leave the field out",
            "bad path pattern          | decision: allow\\n    when: { request: { paths: [/api/v1/users*] } }  | rules[0].when.request.paths[0] | invalid path pattern '/api/v1/users*': '*' stands for a whole segment ('/*/' or '/**'), not part of one",
            "two ** in a path          | decision: allow\\n    when: { request: { paths: ['/**/x/**'] } }      | rules[0].when.request.paths[0] | invalid path pattern '/**/x/**': a path pattern has at most one **",
            "bad pointer               | decision: deny\\n    when: { request: { body: [ { pointer: type, equals: x } ] } } | rules[0].when.request.body[0].pointer | invalid JSON Pointer 'type': a JSON Pointer is empty or starts with '/', e.g. /profile/login",
            "two condition kinds       | decision: deny\\n    when: { request: { query: { q: { equals: a, matches: b } } } } | rules[0].when.request.query.q | give exactly one of equals, in, matches",
            "never matching methods    | decision: allow\\n    when: { request: { operations: [listUsers], methods: [POST] } } | rules[0].when.request.methods | none of the rule's operations uses these methods: the rule could never match",
            "claim given twice         | decision: allow\\n    when: { identity: { groups: [a], claims: { groups: [b] } } } | rules[0].when.identity.claims.groups | claim 'groups' is already matched by rules[0].when.identity.groups",
            "bad rule name             | decision: allow\\n  - name: 'two words'\\n    decision: allow | rules[1].name | a rule name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit",
            "duplicate rule name       | decision: allow\\n  - name: a\\n    decision: deny | rules[1].name | duplicate rule name 'a' (also rules[0])",
            "duplicate field           | decision: allow\\n    decision: deny                                   | rules[0].decision          | duplicate field 'decision'",
    })
    void invalidRulesAreRefusedNamingTheirField(String title, String rest, String field, String message) {
        List<PolicyProblem> problems = refused("version: 1\nrules:\n  - name: a\n    " + rest.replace("\\n", "\n")).problems();

        assertTrue(problems.stream().anyMatch(p -> p.field().equals(field) && p.message().equals(message) && p.line() > 0),
                problems.toString());
    }

    @Test
    void operationsAndScopesAreRefusedOnHttpConnections() {
        PolicyValidationException refused = assertThrows(PolicyValidationException.class, () -> Policy.parse(
                VALID_RULE, ConnectionKind.HTTP, null));

        assertEquals("rules[0].when.request", refused.problems().get(0).field());
        assertEquals("operations and scopes name Okta operations; rules of an http connection match methods and paths",
                refused.problems().get(0).message());
    }

    @Test
    void everyProblemIsReportedInDocumentOrder() {
        PolicyValidationException refused = refused("""
                version: 2
                rules:
                  - name: a
                    decision: allow
                    when: { request: { operations: [nope] } }
                  - name: b
                    decision: maybe
                """);

        assertEquals(List.of("version", "rules[0].when.request.operations[0]", "rules[1].decision"),
                refused.problems().stream().map(PolicyProblem::field).toList());
        assertTrue(refused.getMessage().startsWith("Invalid policy: line 1, column 10: version: unsupported schema version 2"),
                refused.getMessage());
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        List<PolicyProblem> problems = refused("rules:\n  - when: {}\n").problems();

        assertEquals(List.of("version", "rules[0].name", "rules[0].decision"), problems.stream().map(PolicyProblem::field).toList());
        assertTrue(problems.stream().allMatch(p -> p.message().startsWith("missing required field")), problems.toString());
    }

    @Test
    void anEmptyDocumentOrAListIsNoPolicy() {
        assertEquals("the policy document is empty", onlyProblem("# nothing here\n").message());
        assertEquals("expected a mapping (field: value), found a list", onlyProblem("- version: 1\n").message());
    }

    @Test
    void tagsThatCouldConstructObjectsAreRefused() {
        PolicyProblem problem = onlyProblem("""
                version: 1
                rules:
                  - name: a
                    decision: !!java.lang.ProcessBuilder [ "rm" ]
                """);

        assertEquals(4, problem.line());
        assertTrue(problem.message().startsWith("the tag tag:yaml.org,2002:java.lang.ProcessBuilder is not allowed"), problem.message());
    }

    @Test
    void deepNestingIsRefusedBeforeItIsComposed() {
        String deep = "version: 1\nrules: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

        PolicyProblem problem = onlyProblem(deep);

        assertEquals(2, problem.line());
        assertEquals("nested deeper than 16 levels", problem.message());
    }

    @Test
    void aliasesToCollectionsAreBounded() {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                rules:
                  - name: first
                    decision: allow
                    when: { identity: &agents { groups: [agents] } }
                """);
        for (int i = 0; i <= PolicyDocumentReader.MAX_ALIASES; i++) {
            yaml.append("  - { name: r").append(i).append(", decision: allow, when: { identity: *agents } }\n");
        }

        PolicyProblem problem = onlyProblem(yaml.toString());

        assertTrue(problem.message().startsWith("invalid YAML: "), problem.message());
        assertTrue(problem.message().contains("aliases"), problem.message());
    }

    @Test
    void anAliasedListWhereTextBelongsIsATypeErrorNotAnExpansion() {
        List<PolicyProblem> problems = refused("""
                version: 1
                rules:
                  - name: a
                    decision: allow
                    when: { request: { operations: [&a [listUsers, listGroups], *a, *a] } }
                """).problems();

        assertEquals(List.of("rules[0].when.request.operations[0]", "rules[0].when.request.operations[1]",
                "rules[0].when.request.operations[2]"), problems.stream().map(PolicyProblem::field).toList());
        assertTrue(problems.stream().allMatch(p -> p.message().equals("expected a value, found a list")), problems.toString());
    }

    @Test
    void theStarterPolicyIsValidAndAValidDocumentKeepsItsSource() throws PolicyValidationException {
        Policy policy = Policy.parse(VALID_RULE, ConnectionKind.OKTA, OktaOperationCatalog.get());

        assertEquals(VALID_RULE, policy.source());
        assertEquals(List.of("reads"), policy.rules().stream().map(PolicyRule::name).toList());
        assertEquals("rule 'reads' decides allow", policy.rules().get(0).reason());
        assertEquals(StarterPolicy.oktaSource(), StarterPolicy.okta(OktaOperationCatalog.get()).source());
    }

    private static PolicyProblem onlyProblem(String yaml) {
        List<PolicyProblem> problems = refused(yaml).problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    private static PolicyValidationException refused(String yaml) {
        return assertThrows(PolicyValidationException.class, () -> Policy.parse(yaml, ConnectionKind.OKTA, OktaOperationCatalog.get()));
    }
}
