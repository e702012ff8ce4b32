package io.tollgate.policy.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed Okta catalog as the proxy and the policy use it (no spec needed). */
class OktaOperationCatalogTest {

    /* An Okta-style id that is no literal segment of any template, so it only ever fills a variable. */
    private static final String SAMPLE_ID = "00u1sAmPlE2id3";

    private final OperationCatalog catalog = OktaOperationCatalog.get();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET     | /api/v1/users                                            | listUsers
            POST    | /api/v1/users                                            | createUser
            GET     | /api/v1/users/00u1a2b3c4D5e6F7g8h9                       | getUser
            DELETE  | /api/v1/users/00u1a2b3c4D5e6F7g8h9                       | deleteUser
            GET     | /api/v1/users/me                                         | getUser
            POST    | /api/v1/users/00u1a2b3c4D5e6F7g8h9/lifecycle/deactivate  | deactivateUser
            PUT     | /api/v1/groups/00g1a2b3c4/users/00u1a2b3c4               | assignUserToGroup
            DELETE  | /api/v1/groups/00g1a2b3c4/users/00u1a2b3c4               | unassignUserFromGroup
            GET     | /api/v1/apps                                             | listApplications
            GET     | /api/v1/apps/0oa1a2b3c4                                  | getApplication
            GET     | /api/v1/apps/0oa1a2b3c4/users/00u1a2b3c4                 | getApplicationUser
            GET     | /api/v1/groups/rules                                     | listGroupRules
            GET     | /api/v1/groups/00g1a2b3c4                                | getGroup
            GET     | /api/v1/groups/rules/users                               | getGroupRule
            GET     | /api/v1/groups/00g1a2b3c4/users                          | listGroupUsers
            GET     | /api/v1/groups/rules/roles/irb1a2b3c4                    | getGroupAssignedRole
            DELETE  | /api/v1/api-tokens/current                               | revokeCurrentApiToken
            DELETE  | /api/v1/api-tokens/00T1a2b3c4                            | revokeApiToken
            GET     | /.well-known/okta-organization                           | getWellknownOrgMetadata
            """)
    void resolvesRequestsToTheirOperation(String method, String path, String operationId) {
        assertEquals(Optional.of(operationId), catalog.resolve(method, path).map(Operation::operationId));
    }

    @ParameterizedTest(name = "{0} {1} -> none")
    @CsvSource(delimiter = '|', textBlock = """
            GET     | /api/v1/nothing-here
            GET     | /api/v2/users
            GET     | /api/v1/users/00u1a2b3c4/lifecycle/deactivate/now
            GET     | /api/v1/users/00u1a2b3c4/lifecycle/deactivate
            PATCH   | /api/v1/users
            HEAD    | /api/v1/users
            OPTIONS | /api/v1/users
            get     | /api/v1/users
            GET     | /api/v1/Users
            GET     | /api/v1/users/
            GET     | /api/v1/users/00u1a2b3c4/
            GET     | /
            """)
    void resolvesUnknownPathsAndWrongMethodsToNone(String method, String path) {
        assertEquals(Optional.empty(), catalog.resolve(method, path));
    }

    @Test
    void refusesAPathThatIsNotCanonical() {
        assertThrows(IllegalArgumentException.class, () -> catalog.resolve("GET", "api/v1/users"));
    }

    /* Acceptance table: each operation's template, variables filled, resolves back to it. */
    @Test
    void everyOperationResolvesFromAConcretePathOfItsTemplate() {
        assertTrue(catalog.operations().stream().flatMap(o -> o.segments().stream()).noneMatch(SAMPLE_ID::equals));
        List<String> wrong = catalog.operations().stream()
                .filter(operation -> !catalog.resolve(operation.method(), concrete(operation.segments()))
                        .equals(Optional.of(operation)))
                .map(Operation::toString)
                .toList();

        assertEquals(List.of(), wrong);
    }

    /*
     * For every two templates of one method that some concrete path matches both of, build that path
     * and check, against a plain scan of the whole catalog, that exactly one matching template is
     * the most specific and that resolution picks it.
     */
    @Test
    void noConcretePathIsAmbiguous() {
        List<Operation> operations = catalog.operations();
        List<String> problems = new ArrayList<>();
        int overlapping = 0;
        for (int i = 0; i < operations.size(); i++) {
            for (int j = i + 1; j < operations.size(); j++) {
                Optional<String> path = pathMatchingBoth(operations.get(i), operations.get(j));
                if (path.isEmpty()) {
                    continue;
                }
                overlapping++;
                String method = operations.get(i).method();
                List<Operation> candidates = operations.stream()
                        .filter(operation -> operation.method().equals(method) && matches(operation, path.get()))
                        .sorted(Comparator.comparing(OktaOperationCatalogTest::specificity).reversed())
                        .toList();
                if (specificity(candidates.get(0)).equals(specificity(candidates.get(1)))
                        || !catalog.resolve(method, path.get()).equals(Optional.of(candidates.get(0)))) {
                    problems.add(method + " " + path.get() + " matches " + candidates);
                }
            }
        }

        assertTrue(overlapping > 0, "Okta's templates overlap, e.g. /groups/rules and /groups/{groupId}");
        assertEquals(List.of(), problems);
    }

    @Test
    void findsOperationsById() {
        Operation deactivate = catalog.byId("deactivateUser").orElseThrow();

        assertAll(
                () -> assertEquals("POST", deactivate.method()),
                () -> assertEquals("/api/v1/users/{id}/lifecycle/deactivate", deactivate.pathTemplate()),
                () -> assertEquals(List.of("okta.users.manage"), deactivate.scopes()),
                () -> assertEquals(Optional.empty(), catalog.byId("deactivateEveryone")),
                () -> assertEquals(Optional.empty(), catalog.byId("deactivateuser")));
    }

    @Test
    void globsMatchOperationIds() {
        assertAll(
                () -> assertEquals(List.of("listUsers"), ids(catalog.matching("listUsers"))),
                () -> assertTrue(ids(catalog.matching("deactivate*"))
                        .containsAll(List.of("deactivateUser", "deactivateApplication"))),
                () -> assertTrue(ids(catalog.matching("*User")).containsAll(List.of("getUser", "deactivateUser"))),
                () -> assertFalse(ids(catalog.matching("*User")).contains("assignUserToGroup")),
                () -> assertEquals(catalog.operations(), catalog.matching("*")),
                () -> assertEquals(List.of(), catalog.matching("nothingLikeThis*")),
                () -> assertEquals(List.of(), catalog.matching("listusers")));
    }

    /* The glob must agree with a regular expression built from it, over the whole catalog. */
    @ParameterizedTest
    @ValueSource(strings = {"*", "**", "list*", "*User", "*Users", "*Group*Role*", "get*Factor*", "a*a", "*s*s*s*", "x*"})
    void globMatchesLikeTheEquivalentRegularExpression(String glob) {
        Pattern regex = Pattern.compile(List.of(glob.split("\\*", -1)).stream()
                .map(Pattern::quote).collect(Collectors.joining(".*")));
        List<Operation> expected = catalog.operations().stream()
                .filter(operation -> regex.matcher(operation.operationId()).matches())
                .toList();

        assertEquals(expected, catalog.matching(glob));
    }

    @Test
    void findsOperationsRequiringAScope() {
        List<Operation> manageUsers = catalog.requiring("okta.users.manage");

        assertAll(
                () -> assertTrue(ids(manageUsers).containsAll(List.of("createUser", "deactivateUser", "deleteUser"))),
                () -> assertFalse(ids(manageUsers).contains("listUsers")),
                () -> assertEquals(catalog.operations().stream().filter(o -> o.requires("okta.users.manage")).toList(),
                        manageUsers),
                () -> assertTrue(ids(catalog.requiring("okta.groups.read")).contains("listGroupPushMappings")),
                () -> assertTrue(ids(catalog.requiring("okta.apps.read")).contains("listGroupPushMappings")),
                () -> assertEquals(List.of(), catalog.requiring("okta.everything.manage")),
                () -> assertTrue(catalog.scopes().containsAll(List.of("okta.users.read", "okta.users.manage"))),
                () -> assertFalse(catalog.scopes().contains("okta.everything.manage")));
    }

    @Test
    void operationsWithoutOAuthScopesAreInTheCatalogButRequireNone() {
        Operation current = catalog.byId("revokeCurrentApiToken").orElseThrow();

        assertEquals(List.of(), current.scopes());
        assertTrue(catalog.scopes().stream().noneMatch(scope -> catalog.requiring(scope).contains(current)));
    }

    @Test
    void isLoadedOnce() {
        assertSame(OktaOperationCatalog.get(), OktaOperationCatalog.get());
    }

    private static String concrete(List<String> segments) {
        return segments.stream()
                .map(s -> Operation.isVariable(s) ? SAMPLE_ID : s)
                .collect(Collectors.joining("/", "/", ""));
    }

    /* A path both templates match, when there is one: literals where either has one, else a sample id. */
    private static Optional<String> pathMatchingBoth(Operation a, Operation b) {
        List<String> first = a.segments();
        List<String> second = b.segments();
        if (!a.method().equals(b.method()) || first.size() != second.size()) {
            return Optional.empty();
        }
        List<String> path = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            String x = first.get(i);
            String y = second.get(i);
            if (!Operation.isVariable(x) && !Operation.isVariable(y) && !x.equals(y)) {
                return Optional.empty();
            }
            path.add(Operation.isVariable(x) ? y : x);
        }
        return Optional.of(concrete(path));
    }

    private static boolean matches(Operation operation, String path) {
        List<String> template = operation.segments();
        String[] segments = path.substring(1).split("/", -1);
        return template.size() == segments.length && IntStream.range(0, segments.length)
                .allMatch(i -> Operation.isVariable(template.get(i)) || template.get(i).equals(segments[i]));
    }

    /* Literal segments over variables, reading from the left: "1" sorts after "0". */
    private static String specificity(Operation operation) {
        return operation.segments().stream()
                .map(s -> Operation.isVariable(s) ? "0" : "1")
                .collect(Collectors.joining());
    }

    private static List<String> ids(List<Operation> operations) {
        return operations.stream().map(Operation::operationId).toList();
    }
}
