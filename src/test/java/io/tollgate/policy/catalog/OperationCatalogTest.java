package io.tollgate.policy.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolution rules, validation and the file format, on small catalogs made for each case. */
class OperationCatalogTest {

    private static Operation get(String operationId, String pathTemplate) {
        return new Operation(operationId, "GET", pathTemplate, List.of());
    }

    private static Optional<String> resolve(OperationCatalog catalog, String path) {
        return catalog.resolve("GET", path).map(Operation::operationId);
    }

    @Test
    void literalSegmentsWinOverVariablesWhateverTheCatalogOrder() {
        Operation byId = get("getUser", "/users/{id}");
        Operation current = get("getCurrentUser", "/users/me");
        List<OperationCatalog> bothOrders =
                List.of(OperationCatalog.of(List.of(byId, current)), OperationCatalog.of(List.of(current, byId)));
        for (OperationCatalog catalog : bothOrders) {
            assertAll(
                    () -> assertEquals(Optional.of("getCurrentUser"), resolve(catalog, "/users/me")),
                    () -> assertEquals(Optional.of("getUser"), resolve(catalog, "/users/00u1")),
                    () -> assertEquals(Optional.of("getUser"), resolve(catalog, "/users/Me")));
        }
    }

    @Test
    void anEarlierLiteralWinsOverALaterOne() {
        OperationCatalog catalog = OperationCatalog.of(List.of(
                get("listGroupUsers", "/groups/{groupId}/users"),
                get("getGroupRule", "/groups/rules/{ruleId}")));

        assertAll(
                () -> assertEquals(Optional.of("getGroupRule"), resolve(catalog, "/groups/rules/users")),
                () -> assertEquals(Optional.of("listGroupUsers"), resolve(catalog, "/groups/00g1/users")));
    }

    @Test
    void fallsBackToAVariableWhereALiteralLeadsNowhere() {
        OperationCatalog catalog = OperationCatalog.of(List.of(
                get("getGroupRule", "/groups/rules/{ruleId}"),
                get("getGroupRole", "/groups/{groupId}/roles/{roleId}")));

        assertAll(
                () -> assertEquals(Optional.of("getGroupRole"), resolve(catalog, "/groups/rules/roles/irb1")),
                () -> assertEquals(Optional.empty(), resolve(catalog, "/groups/rules/users/irb1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/users/", "/users//00u1", "/users/00u1/", "/", "/users/00u1/extra", "/groups"})
    void emptySegmentsTrailingSlashesAndOtherShapesResolveToNone(String path) {
        OperationCatalog catalog =
                OperationCatalog.of(List.of(get("listUsers", "/users"), get("getUser", "/users/{id}")));

        assertEquals(Optional.empty(), resolve(catalog, path));
    }

    @Test
    void methodsAreSeparate() {
        OperationCatalog catalog = OperationCatalog.of(List.of(
                new Operation("listUsers", "GET", "/users", List.of("okta.users.read")),
                new Operation("createUser", "POST", "/users", List.of("okta.users.manage"))));

        assertAll(
                () -> assertEquals(Optional.of("createUser"),
                        catalog.resolve("POST", "/users").map(Operation::operationId)),
                () -> assertEquals(Optional.empty(), catalog.resolve("DELETE", "/users")),
                () -> assertEquals(Optional.empty(), catalog.resolve("post", "/users")));
    }

    @Test
    void refusesTemplatesAlikeButForVariableNames() {
        List<Operation> alike = List.of(get("getUser", "/users/{id}/factors"), get("listFactors", "/users/{userId}/factors"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> OperationCatalog.of(alike));

        assertEquals("Ambiguous operations: getUser (GET /users/{id}/factors) and listFactors (GET /users/{userId}/factors)"
                + " match the same requests", refused.getMessage());
    }

    @Test
    void refusesDuplicateOperationIds() {
        List<Operation> sameId = List.of(get("getUser", "/users/{id}"), new Operation("getUser", "POST", "/users/{id}", List.of()));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> OperationCatalog.of(sameId));

        assertTrue(refused.getMessage().contains("Duplicate operationId getUser"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "/users/", "/users//x", "/users/{id", "/users/x{id}", "/users/{}", "/users/a b", "/a/%2F"})
    void refusesPathTemplatesThatAreNotWholeSegments(String template) {
        assertThrows(IllegalArgumentException.class, () -> get("op", template));
    }

    @Test
    void refusesMalformedOperations() {
        List<String> unsorted = List.of("okta.users.read", "okta.apps.read");
        List<String> repeated = List.of("okta.users.read", "okta.users.read");
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> new Operation("list users", "GET", "/u", List.of())),
                () -> assertThrows(IllegalArgumentException.class, () -> new Operation("listUsers", "get", "/u", List.of())),
                () -> assertThrows(IllegalArgumentException.class, () -> new Operation("listUsers", "GET", "/u", unsorted)),
                () -> assertThrows(IllegalArgumentException.class, () -> new Operation("listUsers", "GET", "/u", repeated)),
                () -> assertThrows(IllegalArgumentException.class, () -> new Operation("listUsers", "GET", "/u", List.of(""))));
    }

    @Test
    void readsTheCatalogFileFormat() throws IOException {
        OperationCatalog catalog = OperationCatalog.read(new StringReader("""
                # a comment
                listGroupPushMappings\tGET\t/apps/{appId}/group-push/mappings\tokta.apps.read okta.groups.read
                revokeCurrentApiToken\tDELETE\t/api-tokens/current\t
                """), "test.tsv");

        assertAll(
                () -> assertEquals(2, catalog.size()),
                () -> assertEquals(List.of("okta.apps.read", "okta.groups.read"),
                        catalog.byId("listGroupPushMappings").orElseThrow().scopes()),
                () -> assertEquals(List.of(), catalog.byId("revokeCurrentApiToken").orElseThrow().scopes()),
                () -> assertEquals(List.of("okta.apps.read", "okta.groups.read"), List.copyOf(catalog.scopes())));
    }

    @Test
    void namesTheLineOfAMalformedCatalogFile() {
        String text = "# header\nlistUsers\tGET\t/users\tokta.users.read\ngetUser\tGET\t/users/{id}\n";

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> OperationCatalog.read(new StringReader(text), "test.tsv"));

        assertEquals("test.tsv line 3: expected 4 tab-separated fields (operationId, method, path template, scopes)"
                + " but found 3", refused.getMessage());
    }

    @Test
    void namesAMissingCatalogResource() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> OperationCatalog.fromResource(getClass().getClassLoader(), "META-INF/tollgate/none.tsv"));

        assertTrue(missing.getMessage().contains("META-INF/tollgate/none.tsv"), missing.getMessage());
    }
}
