package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * User profiles as Okta's default user schema has them: {@code login}, {@code email},
 * {@code firstName} and {@code lastName} required, the login an email address, lengths as in the
 * OpenAPI {@code UserProfile} schema. Other attributes are taken as given (the schema allows
 * additional properties) as long as they are plain values or arrays of plain values.
 */
public final class Profiles {

    /** The order of the base attributes in Okta's answers; other attributes follow in request order. */
    private static final List<String> ANSWER_ORDER = List.of("lastName", "secondEmail", "mobilePhone", "email", "login", "firstName");
    /** Answered as {@code null} when unset, as Okta does. */
    private static final List<String> ALWAYS_PRESENT = List.of("secondEmail", "mobilePhone");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Profiles() {
    }

    /** The profile of a new user, or of a full replacement ({@code PUT}): what is not given is unset. */
    public static JsonObject complete(JsonObject given) {
        return validated(given);
    }

    /** A partial update ({@code POST}): given attributes replace current ones, {@code null} unsets. */
    public static JsonObject merge(JsonObject current, JsonObject changes) {
        Map<String, JsonValue> merged = new LinkedHashMap<>(current);
        merged.putAll(changes);
        JsonObjectBuilder builder = Json.createObjectBuilder();
        merged.forEach(builder::add);
        return validated(builder.build());
    }

    private static JsonObject validated(JsonObject given) {
        requireText(given, "login", 5, 100);
        if (!EMAIL.matcher(text(given, "login")).matches()) {
            throw OktaProblem.invalid("login", "Username must be in the form of an email address");
        }
        requireText(given, "email", 5, 100);
        if (!EMAIL.matcher(text(given, "email")).matches()) {
            throw OktaProblem.invalid("email", "Does not match required pattern");
        }
        requireText(given, "firstName", 1, 50);
        requireText(given, "lastName", 1, 50);
        given.forEach(Profiles::requirePlainValue);
        return ordered(given);
    }

    private static JsonObject ordered(JsonObject profile) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (String name : ANSWER_ORDER) {
            JsonValue value = profile.get(name);
            if (value != null || ALWAYS_PRESENT.contains(name)) {
                builder.add(name, value == null ? JsonValue.NULL : value);
            }
        }
        profile.forEach((name, value) -> {
            if (!ANSWER_ORDER.contains(name)) {
                builder.add(name, value);
            }
        });
        return builder.build();
    }

    private static void requireText(JsonObject profile, String name, int minLength, int maxLength) {
        JsonValue value = profile.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL
                || value instanceof JsonString text && text.getString().isBlank()) {
            throw OktaProblem.invalid(name, "The field cannot be left blank");
        }
        if (!(value instanceof JsonString text)) {
            throw OktaProblem.invalid(name, "Must be a string");
        }
        int length = text.getString().length();
        if (length < minLength || length > maxLength) {
            throw OktaProblem.invalid(name, "Must be between " + minLength + " and " + maxLength + " characters long");
        }
    }

    private static String text(JsonObject profile, String name) {
        return profile.getString(name);
    }

    private static void requirePlainValue(String name, JsonValue value) {
        boolean plain = switch (value.getValueType()) {
            case OBJECT -> false;
            case ARRAY -> value.asJsonArray().stream().allMatch(element ->
                    element.getValueType() != JsonValue.ValueType.OBJECT && element.getValueType() != JsonValue.ValueType.ARRAY);
            default -> true;
        };
        if (!plain) {
            throw OktaProblem.invalid(name, "Profile attributes must be strings, numbers, booleans or arrays of them");
        }
    }
}
