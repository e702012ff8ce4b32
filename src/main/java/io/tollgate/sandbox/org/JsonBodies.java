package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Optional;

/** Reading request bodies, with Okta's answers to bodies that are not what an operation takes. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw OktaProblem.malformedBody();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw OktaProblem.malformedBody();
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException malformed) {
            throw OktaProblem.malformedBody();
        }
    }

    /** The member {@code name} when it is an object; absent when missing or null; refused otherwise. */
    static Optional<JsonObject> optionalObject(JsonObject parent, String name) {
        JsonValue value = parent.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw OktaProblem.invalid(name, "Must be an object");
        }
        return Optional.of(value.asJsonObject());
    }

    static JsonObject requiredObject(JsonObject parent, String name) {
        return optionalObject(parent, name).orElseThrow(() -> OktaProblem.invalid(name, "The field cannot be left blank"));
    }

    /** The member {@code name} when it is a string; absent when missing or null; refused otherwise. */
    static Optional<String> optionalString(JsonObject parent, String name) {
        JsonValue value = parent.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text)) {
            throw OktaProblem.invalid(name, "Must be a string");
        }
        return Optional.of(text.getString());
    }
}
