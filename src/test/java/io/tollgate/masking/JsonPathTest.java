package io.tollgate.masking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonPathTest {

    /** Whether the path selects the value at {@code steps} (member names and {@code Integer} indexes) of a document. */
    private static boolean selects(String path, Object... steps) {
        try (JsonParser parser = new JsonFactory().createParser(documentWithValueAt(steps))) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING && parser.getText().equals("here")) {
                    return JsonPath.parse(path).selects(new PathSteps().at(parser.getParsingContext()));
                }
            }
            throw new AssertionError("no value at " + List.of(steps));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The smallest document with the string "here" at {@code steps}: other elements before an index are null. */
    private static String documentWithValueAt(Object... steps) {
        String json = "\"here\"";
        for (int i = steps.length - 1; i >= 0; i--) {
            json = steps[i] instanceof Integer index ? "[" + "null,".repeat(index) + json + "]"
                    : "{\"" + steps[i] + "\":" + json + "}";
        }
        return json;
    }

    @Test
    void childrenFromTheRoot() {
        assertTrue(selects("$.profile.email", "profile", "email"));
        assertFalse(selects("$.profile.email", "email"));
        assertFalse(selects("$.profile.email", "user", "profile", "email"));
        assertFalse(selects("$.profile.email", "profile", "secondEmail"));
        assertTrue(selects("$['profile']['e.mail']", "profile", "e.mail"));
    }

    @Test
    void recursiveDescent() {
        assertTrue(selects("$..client_secret", "client_secret"));
        assertTrue(selects("$..client_secret", 3, "credentials", "oauthClient", "client_secret"));
        assertFalse(selects("$..client_secret", "credentials", "client_secret_expires"));
        assertTrue(selects("$..recovery_question.answer", "credentials", "recovery_question", "answer"));
        assertFalse(selects("$..recovery_question.answer", "recovery_question", "question"));
        assertTrue(selects("$..[*].secret", "a", 0, "secret"));
    }

    @Test
    void wildcardsAndIndexes() {
        assertTrue(selects("$[*].profile.mobilePhone", 0, "profile", "mobilePhone"));
        assertTrue(selects("$[*].profile.mobilePhone", 41, "profile", "mobilePhone"));
        assertFalse(selects("$[*].profile.mobilePhone", "profile", "mobilePhone"));
        assertTrue(selects("$.*.value", "password", "value"));
        assertTrue(selects("$[1].id", 1, "id"));
        assertFalse(selects("$[1].id", 0, "id"));
        assertFalse(selects("$[1].id", "1", "id"), "a member named 1 is not element 1");
    }

    @Test
    void aPathSelectsEverythingInsideWhatItSelects() {
        assertTrue(selects("$..password", "credentials", "password", "hash", "salt"));
        assertTrue(selects("$", "anything", 0));
        assertFalse(selects("$.a.b", "a"), "the parent of a selected node is not selected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "profile.email", "$.", "$..", "$[", "$[x]", "$['open", "$.a b", "$[?(@.x)]", "$[0:2]", "$.a[1,2]"})
    void refusesWhatItDoesNotSupport(String expression) {
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse(expression));
    }
}
