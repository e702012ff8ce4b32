package io.tollgate.sandbox.org.query;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionParserTest {

    private static final Dialect SEARCH = Dialect.search(Set.of("id", "status", "lastUpdated"), Set.of("profile.login"));
    private static final Dialect FILTER = Dialect.filter(Set.of("id", "status", "lastUpdated", "profile.login"), Set.of("lastUpdated"));

    private static final JsonObject ISAAC = Json.createObjectBuilder()
            .add("id", "00u1ero7vZFVEIYLWPBN")
            .add("status", "ACTIVE")
            .add("lastUpdated", "2017-07-13T22:08:09.000Z")
            .add("profile", Json.createObjectBuilder()
                    .add("login", "Isaac.Brock@example.com")
                    .add("firstName", "Isaac")
                    .addNull("mobilePhone")
                    .add("department", "Engineering")
                    .add("employeeNumber", 42)
                    .add("tags", Json.createArrayBuilder().add("red").add("blue")))
            .build();

    private static boolean search(String expression) {
        return ExpressionParser.parse(expression, SEARCH).matches(ISAAC);
    }

    private static boolean filter(String expression) {
        return ExpressionParser.parse(expression, FILTER).matches(ISAAC);
    }

    @Test
    void searchComparesValuesWithoutCaseAndFilterWithCase() {
        assertTrue(search("profile.login eq \"isaac.brock@example.com\""));
        assertFalse(filter("profile.login eq \"isaac.brock@example.com\""));
        assertTrue(filter("profile.login eq \"Isaac.Brock@example.com\""));
    }

    @Test
    void operatorsAndKeywordsAreCaseInsensitive() {
        assertTrue(search("status EQ \"ACTIVE\" AND profile.firstName Sw \"is\""));
    }

    @Test
    void startsWithPresentAndContains() {
        assertTrue(search("profile.firstName sw \"Isa\""));
        assertFalse(search("profile.firstName sw \"saac\""));
        assertTrue(search("profile.department pr"));
        assertFalse(search("profile.mobilePhone pr"), "null is not present");
        assertFalse(search("profile.nickName pr"), "missing is not present");
        assertTrue(search("profile.login co \"brock\""));
    }

    @Test
    void timestampsCompareAsInstantsAndOtherTextInOrder() {
        assertTrue(search("lastUpdated gt \"2017-07-13T22:08:08.999Z\""));
        assertFalse(search("lastUpdated gt \"2017-07-13T22:08:09.000Z\""));
        assertTrue(search("lastUpdated ge \"2017-07-13T22:08:09.000Z\""));
        assertTrue(search("lastUpdated lt \"2018-01-01T00:00:00Z\""));
        assertTrue(search("status lt \"STAGED\" or status gt \"STAGED\""), "Okta's way of saying 'not STAGED'");
    }

    @Test
    void numbersArraysAndBooleans() {
        assertTrue(search("profile.employeeNumber eq 42"));
        assertTrue(search("profile.employeeNumber gt 41.5"));
        assertFalse(search("profile.employeeNumber eq \"42\""));
        assertTrue(search("profile.tags eq \"blue\""), "an array matches when any element matches");
        assertFalse(search("profile.tags eq \"green\""));
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        assertTrue(search("status eq \"SUSPENDED\" and id eq \"x\" or profile.firstName eq \"Isaac\""));
        assertFalse(search("status eq \"SUSPENDED\" and (id eq \"x\" or profile.firstName eq \"Isaac\")"));
        assertTrue(search("((status eq \"ACTIVE\"))"));
    }

    @Test
    void quotedStringsKeepEscapedQuotesAndBackslashes() {
        JsonObject odd = Json.createObjectBuilder()
                .add("profile", Json.createObjectBuilder().add("nickName", "say \"hi\" \\o/")).build();
        assertTrue(ExpressionParser.parse("profile.nickName eq \"say \\\"hi\\\" \\\\o/\"", SEARCH).matches(odd));
    }

    @Test
    void filterAllowsOnlyItsAttributesAndOperators() {
        assertThrows(InvalidExpressionException.class, () -> filter("profile.login sw \"isaac\""));
        assertThrows(InvalidExpressionException.class, () -> filter("profile.nickName eq \"x\""));
        assertThrows(InvalidExpressionException.class, () -> filter("status gt \"A\""));
        assertTrue(filter("lastUpdated lt \"2020-01-01T00:00:00.000Z\""));
    }

    @Test
    void searchAllowsContainsOnlyWhereOktaDoes() {
        assertThrows(InvalidExpressionException.class, () -> search("profile.firstName co \"sa\""));
        assertThrows(InvalidExpressionException.class, () -> search("created eq \"2017-01-01T00:00:00.000Z\""),
                "an attribute the dialect does not list");
    }

    @Test
    void malformedExpressionsAreRefusedWithAReason() {
        assertEquals("expected a value but the expression ended",
                assertThrows(InvalidExpressionException.class, () -> search("status eq")).getMessage());
        assertThrows(InvalidExpressionException.class, () -> search("status ne \"ACTIVE\""));
        assertThrows(InvalidExpressionException.class, () -> search("status eq \"ACTIVE"));
        assertThrows(InvalidExpressionException.class, () -> search("status eq ACTIVE"));
        assertThrows(InvalidExpressionException.class, () -> search("(status eq \"ACTIVE\""));
        assertThrows(InvalidExpressionException.class, () -> search("status eq \"ACTIVE\" )"));
        assertThrows(InvalidExpressionException.class, () -> search("status eq \"ACTIVE\" and"));
        assertThrows(InvalidExpressionException.class, () -> search("profile.firstName sw 3"));
        assertThrows(InvalidExpressionException.class, () -> search("  "));
        assertThrows(InvalidExpressionException.class, () -> search("id eq \"" + "x".repeat(ExpressionParser.MAX_LENGTH) + "\""));
    }
}
